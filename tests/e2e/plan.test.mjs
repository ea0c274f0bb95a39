// The reconnection plan: cues and notes kept across reloads, "today" in the visitor's own time
// zone, a fresh start that keeps the old plan, grids of 7 and 28 days, the clinician's cues,
// bad options, two tabs, keyboard and axe.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  axe, button, deepFocus, deleteAll, events, focused, focusedSpeech, logPleasure, newTab, openData, openWith, pauseClock, setHidden, settled, shadowText, shadowTexts, stored, takeLock, useBrowser, waitState,
} from './helpers.mjs';

const ctx = useBrowser();
const W = '#plan';
const KEY = 'attune.attune.plan';

const cue = (page, i, sel = W) => button(page, sel, 'cue', i);
const pressed = (page, sel = W) => page.evaluate((s) => [...document.querySelector(s).shadowRoot.querySelectorAll('button[data-action="cue"]')]
  .map((b) => b.getAttribute('aria-pressed') === 'true'), sel);
// (A date is one piece on a line: its spaces are no-break spaces, read here as spaces.)
const title = async (page, sel = W) => (await shadowText(page, sel, '#day-title')).replace(/\u00a0/g, ' ');
const cells = (page, sel = W) => page.evaluate((s) => [...document.querySelector(s).shadowRoot.querySelectorAll('.plan-body > .grid > li > .cell')]
  .map((c) => ({ dots: c.querySelectorAll('.dot.on').length, today: c.getAttribute('aria-current') === 'date', button: c.tagName === 'BUTTON', label: c.querySelector('.visually-hidden').textContent })), sel);

async function start(page, sel = W) {
  await waitState(page, sel, 'idle');
  await button(page, sel, 'start').click();
  await waitState(page, sel, 'running');
}

// A page with one plan mounted by the test with these attributes.
async function mountPlan(page, attributes) {
  await page.evaluate((attrs) => {
    const el = document.createElement('attune-plan');
    el.id = 'plan';
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    document.querySelector('#slot').append(el);
  }, attributes);
}

test('start, tick cues, reload: still ticked; events carry ids and counts only', async () => {
  const { page, log } = await ctx.open(ctx.fixture('plan.html'));
  await waitState(page, W, 'idle');
  assert.equal(await shadowText(page, W, '[part~="title"]'), 'Reconnection plan');
  assert.equal(await shadowText(page, W, '.start-copy'), '14 days, starting today. Begin whenever you like.');
  await start(page);
  assert.match(await title(page), /^Day 1 of 14 · /);
  assert.equal((await deepFocus(page)).tag, 'h3', 'focus moves to the day');
  assert.deepEqual(await shadowTexts(page, W, '.cue-name'), ['Body', 'Senses', 'Connection', 'Meaning']);
  await cue(page, 0).click();
  await cue(page, 2).click();
  assert.deepEqual(await pressed(page), [true, false, true, false]);
  assert.equal((await deepFocus(page)).value, '2', 'focus stays on the cue just ticked');
  // A screen reader on a cue hears the day once, as the name of the cues' group.
  const heard = await focusedSpeech(page);
  assert.equal(heard.within.filter((w) => /Day 1 of 14/.test(w)).length, 1, heard.within.join(' / '));
  assert.match(heard.within[0], /^group Day 1 of 14 · /);
  let grid = await cells(page);
  assert.equal(grid.length, 14);
  assert.equal(grid[0].dots, 2);
  assert.equal(grid[0].today, true);
  assert.equal(grid[0].label, 'Day 1 of 14 · Body, Connection · today');
  assert.equal(grid[1].button, false, 'days to come cannot be opened yet');
  assert.ok(grid.slice(1).every((c) => c.dots === 0 && !/missed|not done/i.test(c.label)), 'nothing is marked as missed');

  const [startEvent] = await events(page, 'start');
  assert.equal(startEvent.detail.widget, 'plan');
  assert.equal(startEvent.detail.days, 14);
  const entries = await events(page, 'entry');
  assert.equal(entries.length, 2);
  assert.deepEqual(entries[1].detail, { widget: 'plan', plan: startEvent.detail.plan, day: 1, cue: 'connection', done: true, cues_done: 2, note: false });

  await page.reload();
  await waitState(page, W, 'running');
  assert.deepEqual(await pressed(page), [true, false, true, false]);
  grid = await cells(page);
  assert.equal(grid[0].dots, 2);
  const [ready] = await events(page, 'ready');
  assert.deepEqual(ready.detail, { widget: 'plan', version: ready.detail.version, days: 14, day: 1 });
  // Unticking works and is kept too.
  await cue(page, 0).click();
  await page.reload();
  await waitState(page, W, 'running');
  assert.deepEqual(await pressed(page), [false, false, true, false]);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.warnings, []);
});

test('all four cues of a day: attune:complete, once; the note is saved as text and never sent in events', async () => {
  const { page } = await ctx.open(ctx.fixture('plan.html'));
  await start(page);
  for (const i of [0, 1, 2]) await cue(page, i).click();
  assert.equal((await events(page, 'complete')).length, 0);
  await cue(page, 3).click();
  const complete = await events(page, 'complete');
  assert.equal(complete.length, 1);
  assert.equal(complete[0].detail.cues_done, 4);
  assert.equal(complete[0].detail.day, 1);
  assert.equal(complete[0].detail.days, 14);
  await cue(page, 3).click();
  assert.equal((await events(page, 'complete')).length, 1);

  const note = '<b>a flicker</b> of irritation';
  await page.locator(`${W} #note`).fill(note);
  await page.locator(`${W} #note`).press('Enter');
  await page.waitForFunction(() => document.querySelector('#plan').shadowRoot.querySelector('.plan-status').textContent === 'Saved');
  const last = (await events(page, 'entry')).at(-1);
  assert.equal(last.detail.note, true);
  assert.ok(!JSON.stringify(last.detail).includes('flicker'));
  assert.equal((await focused(page, W)).id, 'note', 'focus stays in the note');
  // Saved again: "Saved" changes by a no-break space, so a screen reader hears it again.
  await page.locator(`${W} #note`).fill(`${note} again`);
  await page.locator(`${W} #note`).press('Enter');
  await page.waitForFunction(() => document.querySelector('#plan').shadowRoot.querySelector('.plan-status').textContent === 'Saved\u00a0');
  await page.locator(`${W} #note`).fill(note);
  await page.locator(`${W} #note`).press('Enter');
  await page.waitForFunction(() => document.querySelector('#plan').shadowRoot.querySelector('.plan-status').textContent === 'Saved');
  await page.reload();
  await waitState(page, W, 'running');
  assert.equal(await page.locator(`${W} #note`).inputValue(), note);
  assert.equal(await page.evaluate(() => document.querySelector('#plan').shadowRoot.querySelectorAll('b').length), 0);
  assert.match((await cells(page))[0].label, /· a note · today$/);
  const { json } = await stored(page, KEY);
  assert.equal(json.items.find((i) => i.day)?.day.note, note);
});

for (const [zone, startUtc] of [['Asia/Tokyo', '2026-11-23T14:30:00Z'], ['America/Los_Angeles', '2026-11-24T07:30:00Z']]) {
  test(`a plan started at 23:30 local time is on day 2 at 00:10 (${zone})`, async () => {
    const { page } = await openWith(ctx, ctx.fixture('plan.html'), { timezoneId: zone }, { clock: { time: new Date(startUtc) } });
    assert.equal(await page.evaluate(() => new Date().getHours()), 23, 'the page sees 23:30 local time');
    await start(page);
    assert.equal(await title(page), 'Day 1 of 14 · Mon, November 23');
    assert.match(await shadowText(page, W, '#day-title'), /Mon, November\u00a023$/, 'the day\'s number never alone on a line; the date free to break after its weekday');
    await cue(page, 1).click();
    // 40 minutes later: 00:10 on the 24th. The widget looks at the day again by itself.
    await page.clock.fastForward('40:00');
    await page.waitForFunction(() => /^Day 2 of 14/.test(document.querySelector('#plan').shadowRoot.querySelector('#day-title')?.textContent));
    assert.equal(await title(page), 'Day 2 of 14 · Tue, November 24');
    assert.deepEqual(await pressed(page), [false, false, false, false], 'a new day, fresh cues');
    const grid = await cells(page);
    assert.equal(grid[0].dots, 1, 'yesterday keeps what was done');
    assert.equal(grid[1].today, true);
    await page.reload();
    await waitState(page, W, 'running');
    assert.equal(await title(page), 'Day 2 of 14 · Tue, November 24');
    const { json } = await stored(page, KEY);
    const plan = json.items.find((i) => i.plan).plan;
    assert.equal(plan.started, Math.floor(Date.UTC(2026, 10, 23) / 864e5), 'the plan started on the local 23rd');
  });
}

// A prompt chosen and left as it is is not the visitor's words: it once held the plan on
// yesterday for good, and the next morning's note went to the day before.
test('a prompt left in the note as midnight passes: today comes up as it does for an empty note', async () => {
  const { page } = await ctx.open(ctx.fixture('plan.html'), { clock: { time: new Date('2026-11-23T23:58:30') } });
  await start(page);
  await button(page, W, 'prompt', 0).click();
  await page.keyboard.press('Tab');
  await page.clock.fastForward('02:00');
  await page.waitForFunction(() => /^Day 2 of 14/.test(document.querySelector('#plan').shadowRoot.querySelector('#day-title')?.textContent), null, { polling: 50 });
  assert.equal(await shadowText(page, W, 'label[for="note"]'), 'Today I noticed…');
  await page.locator(`${W} #note`).fill('a bird');
  await button(page, W, 'note').click();
  const days = (await stored(page, KEY)).json.items.filter((i) => i.day).map((i) => [i.day.index, i.day.note]);
  assert.deepEqual(days, [[1, 'a bird']], 'the morning\'s note is on its own day');
});

test('a note being typed as midnight passes stays, with its day, and is saved to that day', async () => {
  const { page } = await ctx.open(ctx.fixture('plan.html'), { clock: { time: new Date('2026-11-23T23:58:30') } });
  await start(page);
  await page.locator(`${W} #note`).click();
  await page.keyboard.type('my hands felt warm on the mug');
  await page.clock.fastForward('02:00');
  await page.waitForFunction(() => document.querySelector('#plan').shadowRoot.querySelector('[data-action="today"]'), null, { polling: 50 });
  assert.match(await title(page), /^Day 1 of 14/, 'the day the note was written for stays in view');
  assert.equal(await page.locator(`${W} #note`).inputValue(), 'my hands felt warm on the mug');
  await button(page, W, 'note').click();
  const { json } = await stored(page, KEY);
  const days = json.items.filter((i) => i.day).map((i) => [i.day.index, i.day.note]);
  assert.deepEqual(days, [[0, 'my hands felt warm on the mug']]);
  await button(page, W, 'today').click();
  assert.match(await title(page), /^Day 2 of 14/);
  assert.equal(await page.locator(`${W} #note`).inputValue(), '');
});

test('Enter that picks an input method\'s characters (Chinese, Japanese, Korean) leaves the note being typed alone; Enter after it saves', async () => {
  const { page } = await ctx.open(ctx.fixture('plan.html'), { clock: true });
  await start(page);
  await page.locator(`${W} #note`).fill('今日は手が温かい');
  const entries = (await events(page, 'entry')).length;
  // As Chrome and Firefox send it while composing, and as Safari sends it once the
  // composition has ended (by its code alone).
  const kept = await page.evaluate(() => {
    const field = document.querySelector('#plan').shadowRoot.querySelector('#note');
    return [{ isComposing: true }, { keyCode: 229 }].map((init) => {
      const e = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true, ...init });
      field.dispatchEvent(e);
      return e.defaultPrevented;
    });
  });
  assert.deepEqual(kept, [false, false], 'the input method has the key');
  await page.clock.runFor(500);
  assert.equal((await events(page, 'entry')).length, entries, 'nothing saved');
  assert.equal(await shadowText(page, W, '.plan-status'), '');
  await page.locator(`${W} #note`).press('Enter');
  await page.waitForFunction(() => document.querySelector('#plan').shadowRoot.querySelector('.plan-status').textContent === 'Saved');
  assert.equal((await events(page, 'entry')).length, entries + 1);
});

// Past midnight, before the plan's once-a-minute look at the day, a tick went to the day on
// screen and the view then turned at once to an empty today, the tick seemingly lost.
test('a cue ticked just past midnight is for the day on screen; the day turns at the plan\'s next look', async () => {
  const { page } = await ctx.open(ctx.fixture('plan.html'), { clock: { time: new Date('2026-11-23T23:58:10') } });
  await start(page);
  // To 00:00:02, timer by timer: the widget's once-a-minute look at the day comes later.
  await pauseClock(page);
  const now = await page.evaluate(() => Date.now());
  await page.clock.runFor(new Date('2026-11-24T00:00:02').getTime() - now);
  assert.match(await title(page), /^Day 1 of 14/);
  await cue(page, 0).click();
  assert.match(await title(page), /^Day 1 of 14/, 'the day that was ticked stays in view');
  assert.equal(await cue(page, 0).getAttribute('aria-pressed'), 'true');
  const days = (await stored(page, KEY)).json.items.filter((i) => i.day).map((i) => [i.day.index, i.day.done]);
  assert.deepEqual(days, [[0, 1]]);
  // A change made elsewhere meanwhile (another tab) redraws the same day, not a stuck one later.
  await page.evaluate(() => window.dispatchEvent(new StorageEvent('storage', { key: null })));
  assert.match(await title(page), /^Day 1 of 14/);
  await page.clock.runFor(60_000);
  assert.match(await title(page), /^Day 2 of 14/, 'the next look at the day moves on to today');
  assert.equal(await cue(page, 0).getAttribute('aria-pressed'), 'false');
  await page.clock.runFor(5 * 60_000);
  assert.match(await title(page), /^Day 2 of 14/);
});

test('a past day can be opened from the grid and ticked; the plan ends gently when its days have passed', async () => {
  const { page } = await ctx.open(ctx.fixture('plan.html'), { clock: { time: new Date('2026-11-23T10:00:00') } });
  await start(page);
  await page.clock.fastForward(2 * 864e5);
  await page.waitForFunction(() => /^Day 3 of 14/.test(document.querySelector('#plan').shadowRoot.querySelector('#day-title')?.textContent));
  await button(page, W, 'day', 0).click();
  assert.match(await title(page), /^Day 1 of 14/);
  assert.equal((await focused(page, W)).id, 'day-title');
  assert.equal(await button(page, W, 'day', 0).getAttribute('aria-pressed'), 'true');
  await cue(page, 1).click();
  assert.equal((await cells(page))[0].dots, 1);
  assert.equal((await events(page, 'entry')).at(-1).detail.day, 1);
  // A past day speaks of that day, and its note shows in the grid as a word.
  assert.equal(await shadowText(page, W, 'label[for="note"]'), 'That day I noticed…');
  await page.locator(`${W} #note`).fill('the kettle sounded like home');
  await button(page, W, 'note').click();
  assert.equal(await page.evaluate(() => document.querySelector('#plan').shadowRoot.querySelector('[data-action="day"][data-value="0"] .has-note').textContent), 'note');
  await button(page, W, 'today').click();
  assert.equal(await shadowText(page, W, 'label[for="note"]'), 'Today I noticed…');
  assert.match(await title(page), /^Day 3 of 14/);
  assert.deepEqual(await pressed(page), [false, false, false, false]);
  await page.locator(`${W} #note`).fill('a quiet walk');
  await button(page, W, 'note').click();
  assert.equal((await shadowText(page, W, '.plan-status')).trim(), 'Saved');
  // Two weeks on: the plan's days have passed. No failure, an invitation. The focus, on a cue
  // that is gone, stays in the widget, on what is there now.
  await cue(page, 2).focus();
  await page.clock.fastForward(12 * 864e5);
  await waitState(page, W, 'done');
  assert.equal(await page.evaluate(() => document.querySelector('#plan').shadowRoot.activeElement?.textContent), 'This plan\'s days have passed. A new start, whenever you like.',
    'not lost to the page, nor on "Start a new plan", which a stray Enter would press');
  assert.equal(await shadowText(page, W, '.plan-status'), '', '"Saved" of a day long gone is not left on the screen');
  // What the days held is said, not the empty squares left to read alone.
  assert.deepEqual(await shadowTexts(page, W, '.over'), ['This plan\'s days have passed. A new start, whenever you like.', 'You made time for it on 2 days. Each one counts.']);
  assert.equal((await cells(page)).length, 14);
  // A day of it opened from the grid leads back to the plan's end: today is none of its days.
  await button(page, W, 'day', 0).click();
  assert.equal(await button(page, W, 'today').textContent(), 'Back');
  await button(page, W, 'today').click();
  assert.deepEqual(await shadowTexts(page, W, '.over'), ['This plan\'s days have passed. A new start, whenever you like.', 'You made time for it on 2 days. Each one counts.']);
  await button(page, W, 'restart-yes').click();
  await waitState(page, W, 'running');
  assert.match(await title(page), /^Day 1 of 14/);
});

test('a plan that ends with one day of practice says that day counts, not "each one"', async () => {
  const { page } = await ctx.open(ctx.fixture('plan.html'), { clock: { time: new Date('2026-11-23T10:00:00') } });
  await start(page);
  await cue(page, 1).click();
  await page.clock.fastForward(14 * 864e5);
  await waitState(page, W, 'done');
  assert.deepEqual(await shadowTexts(page, W, '.over'), ['This plan\'s days have passed. A new start, whenever you like.', 'You made time for it on 1 day. That day counts.']);
});

test('coming back after days away: today is said to stand on its own, until something is done', async () => {
  const { page } = await ctx.open(ctx.fixture('plan.html'), { clock: { time: new Date('2026-11-23T10:00:00') } });
  await start(page);
  await cue(page, 0).click();
  await page.clock.fastForward(864e5);
  await page.waitForFunction(() => /^Day 2 of 14/.test(document.querySelector('#plan').shadowRoot.querySelector('#day-title')?.textContent));
  assert.deepEqual(await shadowTexts(page, W, '.over'), [], 'a day after the last is no absence');
  await page.clock.fastForward(2 * 864e5);
  await page.waitForFunction(() => /^Day 4 of 14/.test(document.querySelector('#plan').shadowRoot.querySelector('#day-title')?.textContent));
  const welcome = 'Welcome back. Today is a day of its own: begin wherever you like.';
  assert.deepEqual(await shadowTexts(page, W, '.over'), [welcome]);
  await page.reload();
  await waitState(page, W, 'running');
  assert.deepEqual(await shadowTexts(page, W, '.over'), [welcome], 'as the page opens too');
  await button(page, W, 'day', 0).click();
  assert.deepEqual(await shadowTexts(page, W, '.over'), [], 'not over a past day opened from the grid');
  await button(page, W, 'today').click();
  // A note kept as the field is left holds today too: the line goes at once.
  await page.locator(`${W} #note`).fill('a flicker of interest');
  await page.keyboard.press('Tab');
  assert.deepEqual(await shadowTexts(page, W, '.over'), [], 'gone once a note is kept');
  await cue(page, 2).click();
  await page.reload();
  await waitState(page, W, 'running');
  assert.deepEqual(await shadowTexts(page, W, '.over'), [], 'once today holds something, nothing more is said');
});

test('a visitor who practised with another widget on the days between is not welcomed back, ticked in the plan or not', async () => {
  const { page } = await ctx.open(ctx.fixture('plan.html'), { clock: { time: new Date('2026-11-23T10:00:00') } });
  await start(page);
  await cue(page, 0).click();
  await page.clock.fastForward(3 * 864e5);
  await page.waitForFunction(() => /^Day 4 of 14/.test(document.querySelector('#plan').shadowRoot.querySelector('#day-title')?.textContent));
  const welcome = 'Welcome back. Today is a day of its own: begin wherever you like.';
  assert.deepEqual(await shadowTexts(page, W, '.over'), [welcome], 'nothing kept on days 2 and 3');
  // Kept yesterday in another tab, as its widgets keep them: first a small pleasure picked and
  // not yet done (no practice yet), then a breathing session (that was no day away).
  const other = await page.context().newPage();
  await other.goto(ctx.fixture('records.html'));
  const keep = (kind, item) => other.evaluate(([kind, item]) => {
    const at = Date.now() - 864e5;
    const d = new Date(at);
    const day = Math.floor(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 864e5);
    const items = [{ ...item, at, day, updated_at: at }];
    localStorage.setItem(`attune.attune.${kind}`, JSON.stringify({ app: 'attune', kind, version: 1, cleared_at: 0, items }));
  }, [kind, item]);
  await keep('pleasure', { id: 'p-1', act: 'song', status: 'picked' });
  await page.reload();
  await waitState(page, W, 'running');
  assert.deepEqual(await shadowTexts(page, W, '.over'), [welcome], 'a pick not yet done is no practice');
  await keep('sessions', { id: 's-1', widget: 'breathing', completed: true, counts: [9], tags: ['pattern:box'], words: [] });
  // Heard at once, with no reload.
  await page.waitForFunction(() => !document.querySelector('#plan').shadowRoot.querySelector('.welcome'));
  assert.match(await title(page), /^Day 4 of 14/);
  await other.close();
});

test('start afresh: a confirm with Cancel; the old plan and its days are kept and listed', async () => {
  const { page, log } = await ctx.open(ctx.fixture('plan.html'));
  await start(page);
  await cue(page, 0).click();
  await cue(page, 3).click();
  await button(page, W, 'restart').click();
  assert.equal(await shadowText(page, W, '#restart-q'), 'Start a new plan from today? Your earlier days stay in your records.');
  assert.equal((await deepFocus(page)).action, 'restart-cancel');
  await page.keyboard.press('Escape'); // as Cancel
  assert.equal(await page.locator(`${W} #restart-q`).count(), 0);
  assert.equal((await deepFocus(page)).action, 'restart');
  assert.deepEqual(await pressed(page), [true, false, false, true], 'Cancel changed nothing');
  await button(page, W, 'restart').click();
  await button(page, W, 'restart-yes').click();
  await waitState(page, W, 'running');
  assert.match(await title(page), /^Day 1 of 14/);
  assert.deepEqual(await pressed(page), [false, false, false, false], 'the new plan starts blank');
  assert.equal((await events(page, 'start')).length, 2);
  const { json } = await stored(page, KEY);
  const plans = json.items.filter((i) => i.plan).map((i) => i.plan);
  assert.equal(plans.length, 2);
  assert.equal(plans.filter((p) => p.ended !== undefined && p.ended !== null).length, 1, 'the old plan is ended, not deleted');
  assert.equal(json.items.filter((i) => i.day).length, 1, 'its day is kept');
  await page.locator(`${W} details.earlier > summary`).click();
  assert.match(await shadowText(page, W, '.earlier-title'), /^Started .+ · 1 day$/, 'the days it ran, not the 14 it was for');
  const mini = await page.evaluate(() => [...document.querySelector('#plan').shadowRoot.querySelectorAll('.earlier .cell')].map((c) => c.querySelectorAll('.dot.on').length));
  assert.deepEqual(mini, [2], 'the old plan, ended on its first day, keeps its two ticks');
  await page.reload();
  await waitState(page, W, 'running');
  assert.equal(await page.locator(`${W} details.earlier`).count(), 1);
  assert.deepEqual(log.errors, []);
});

for (const days of [7, 28]) {
  test(`days="${days}" makes a grid of ${days} days`, async () => {
    const { page } = await ctx.open(ctx.fixture('records.html'));
    await mountPlan(page, { days: String(days), 'storage-key': `grid${days}` });
    await waitState(page, W, 'idle');
    assert.equal(await shadowText(page, W, '.start-copy'), `${days} days, starting today. Begin whenever you like.`);
    await start(page);
    assert.equal(await title(page).then((t) => t.startsWith(`Day 1 of ${days} · `)), true);
    const grid = await cells(page);
    assert.equal(grid.length, days);
    assert.equal(grid[days - 1].label, `Day ${days} of ${days}`);
    assert.equal((await events(page, 'ready'))[0].detail.days, days);
    assert.equal((await stored(page, `attune.grid${days}.plan`)).json.items[0].plan.days, days);
    // Another length is for the next plan: the running one keeps its own, and says so.
    await page.evaluate(() => document.querySelector('#plan').setAttribute('days', '21'));
    await page.waitForFunction(() => document.querySelector('#plan').shadowRoot.querySelector('.cell'));
    assert.equal(await title(page).then((t) => t.startsWith(`Day 1 of ${days} · `)), true);
    assert.deepEqual((await events(page, 'ready')).map((e) => [e.detail.days, e.detail.day]), [[days, 0], [days, 1]]);
  });
}

test('the clinician\'s cues replace the texts, shown as text', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'));
  await mountPlan(page, {
    cues: 'meaning: water the basil|body: stretch by the window|sensory: <i>a warm mug</i>|connection: text a friend',
    'storage-key': 'cues',
  });
  await start(page);
  assert.deepEqual(await shadowTexts(page, W, '.cue-text'), ['stretch by the window', '<i>a warm mug</i>', 'text a friend', 'water the basil']);
  assert.equal(await page.evaluate(() => document.querySelector('#plan').shadowRoot.querySelectorAll('i').length), 0);
});

test('bad options name the option and what it takes; the other widgets keep working', async () => {
  const { page, log } = await ctx.open(ctx.fixture('records-bad.html'));
  for (const id of ['#bad-days', '#bad-suggestions', '#bad-cues']) await waitState(page, id, 'error');
  await waitState(page, '#good', 'idle');
  assert.equal(await shadowText(page, '#bad-days', '[part~="error"]'), 'The option "days" can\'t be "40". It takes a whole number from 7 to 28.');
  assert.match(await shadowText(page, '#bad-suggestions', '[part~="error"]'), /^The option "suggestions" can't be "". It takes 1 to 20 texts separated by "\|"/);
  assert.match(await shadowText(page, '#bad-cues', '[part~="error"]'), /^The option "cues" can't be "x"\./);
  const errors = await events(page, 'error');
  assert.deepEqual(errors.map((e) => [e.id, e.detail.option]).sort(), [['bad-cues', 'cues'], ['bad-days', 'days'], ['bad-suggestions', 'suggestions']]);
  assert.equal(log.warnings.filter((w) => w.startsWith('Attune')).length, 3);
  await start(page, '#good');
  assert.equal((await cells(page, '#good')).length, 7);
  const violations = await axe(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
});

test('two tabs: a tick in one shows in the other at once, and both tabs\' ticks survive', async () => {
  const { context, page: a } = await openWith(ctx, ctx.fixture('plan.html'));
  const { page: b } = await newTab(ctx, context, ctx.fixture('plan.html'));
  await start(a);
  await b.waitForFunction(() => document.querySelector('#plan').getAttribute('data-state') === 'running', null, { polling: 50 });
  await cue(a, 0).click();
  await b.waitForFunction(() => document.querySelector('#plan').shadowRoot.querySelector('button[data-action="cue"][data-value="0"]')?.getAttribute('aria-pressed') === 'true', null, { polling: 50 });
  await cue(b, 2).click();
  await a.waitForFunction(() => document.querySelector('#plan').shadowRoot.querySelector('button[data-action="cue"][data-value="2"]')?.getAttribute('aria-pressed') === 'true', null, { polling: 50 });
  assert.deepEqual(await pressed(a), [true, false, true, false]);
  assert.deepEqual(await pressed(b), [true, false, true, false]);
  // A note being typed in one tab is not lost when the other tab writes.
  await a.locator(`${W} #note`).fill('half a thought');
  await cue(b, 1).click();
  await a.waitForFunction(() => document.querySelector('#plan').shadowRoot.querySelector('button[data-action="cue"][data-value="1"]')?.getAttribute('aria-pressed') === 'true', null, { polling: 50 });
  assert.equal(await a.locator(`${W} #note`).inputValue(), 'half a thought');
  // Nor when the other tab starts afresh: the words stay, in the new plan's field, to be saved.
  await button(b, W, 'restart').click();
  await button(b, W, 'restart-yes').click();
  const newPlan = async () => (await stored(a, 'attune.attune.plan')).json.items.filter((i) => i.plan && !i.plan.ended).map((i) => i.plan.id);
  await a.waitForFunction(() => document.querySelector('#plan').shadowRoot.querySelector('button[data-action="cue"][data-value="1"]')?.getAttribute('aria-pressed') === 'false', null, { polling: 50 });
  assert.equal(await a.locator(`${W} #note`).inputValue(), 'half a thought');
  await a.locator(`${W} #note`).press('Enter');
  const [id] = await newPlan();
  await a.waitForFunction((p) => JSON.parse(localStorage.getItem('attune.attune.plan')).items.some((i) => i.day?.plan === p && i.day.note === 'half a thought'), id, { polling: 50 });
});

test('two tabs: a note typed in one while the other saves its own note for the day is kept, and the visitor is shown the words it will replace', async () => {
  const { context, page: a } = await openWith(ctx, ctx.fixture('plan.html'));
  const { page: b } = await newTab(ctx, context, ctx.fixture('plan.html'));
  await start(a);
  await b.waitForFunction(() => document.querySelector('#plan').getAttribute('data-state') === 'running', null, { polling: 50 });
  // A prompt chosen and left as it is replaces nothing: no word of it.
  await a.locator(`${W} button[data-action="prompt"]`).first().click();
  await b.locator(`${W} #note`).fill('B first');
  await b.locator(`${W} #note`).press('Enter');
  await a.waitForFunction(() => document.querySelector('#plan').shadowRoot.querySelector('.cell.is-today .has-note'), null, { polling: 50 });
  assert.equal(await shadowText(a, W, '.plan-status'), '');
  await a.locator(`${W} #note`).fill('typing in A');
  await b.locator(`${W} #note`).fill('B note');
  await b.locator(`${W} #note`).press('Enter');
  await a.waitForFunction(() => /elsewhere/.test(document.querySelector('#plan').shadowRoot.querySelector('.plan-status').textContent), null, { polling: 50 });
  assert.equal(await shadowText(a, W, '.plan-status'), 'Meanwhile, this day\'s note was changed elsewhere to \u201cB note\u201d. Yours takes its place when saved.');
  assert.equal(await a.locator(`${W} #note`).inputValue(), 'typing in A', 'the words being typed stay');
  await a.locator(`${W} #note`).press('Tab');
  await a.waitForFunction(() => JSON.parse(localStorage.getItem('attune.attune.plan')).items.some((i) => i.day && i.day.note === 'typing in A'), null, { polling: 50 });
});

test('in an Arabic plan, a clinician\'s cue in English keeps its words in their own order: "Stretch by the window!", not "!Stretch by the window"', async () => {
  const { page } = await ctx.open(ctx.fixture('plan.html'));
  await waitState(page, W, 'idle');
  await page.evaluate(() => {
    const el = document.createElement('attune-plan');
    el.lang = 'ar';
    el.setAttribute('cues', 'body: Stretch 5 min by the window!|sensory: تذوّق شيئاً دافئاً|connection: text one friend|meaning: water the basil');
    document.querySelector('#plan').replaceWith(el);
    el.id = 'plan';
  });
  await start(page);
  const ends = await page.evaluate(() => {
    const el = document.querySelector('#plan').shadowRoot.querySelector('.cue-text');
    const node = el.firstChild;
    const at = (i) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1); return r.getBoundingClientRect().left; };
    return { text: node.data, first: at(0), bang: at(node.data.length - 1), align: getComputedStyle(el).textAlign };
  });
  assert.equal(ends.text, 'Stretch 5 min by the window!');
  assert.ok(ends.bang > ends.first, `"!" at ${ends.bang}, "S" at ${ends.first}`);
  assert.equal(ends.align, 'right', 'lined up with the Arabic words around it');
});

test('"Earlier plans" gives the year of a plan begun in another year: two springs\' plans never read as one', async () => {
  const { page } = await ctx.open(ctx.fixture('plan.html'), { goto: false, clock: { time: new Date('2026-03-20T10:00:00') } });
  await page.addInitScript(() => {
    if (localStorage.getItem('attune.attune.plan')) return;
    const day = (y, m, d) => Math.floor(Date.UTC(y, m, d) / 864e5);
    const at = Date.UTC(2026, 2, 14, 9);
    const items = [];
    for (const [id, started, ended] of [['a', day(2025, 2, 15), day(2025, 2, 29)], ['b', day(2026, 2, 1), day(2026, 2, 14)], ['c', day(2026, 2, 14), null]]) {
      items.push({ plan: { id, started, days: 14, ...(ended ? { ended } : {}), updated_at: at } });
      items.push({ day: { id: `${id}.0`, plan: id, index: 0, done: 1, updated_at: at } });
    }
    localStorage.setItem('attune.attune.plan', JSON.stringify({ app: 'attune', kind: 'plan', version: 1, cleared_at: 0, items }));
  });
  await page.goto(ctx.fixture('plan.html'));
  await waitState(page, W, 'running');
  await page.locator(`${W} details.earlier > summary`).click();
  const titles = (await shadowTexts(page, W, '.earlier-title')).map((t) => t.replace(/\u00a0/g, ' ').split(' · ')[0]);
  assert.deepEqual(titles, ['Started Sun, March 1', 'Started Sat, March 15, 2025']);
});

test('"Start afresh" answered in two tabs: the plan the first one began, ended the same day with nothing in it, is not listed as an earlier plan', async () => {
  const { context, page: a } = await openWith(ctx, ctx.fixture('plan.html'));
  const { page: b } = await newTab(ctx, context, ctx.fixture('plan.html'));
  await start(a);
  await cue(a, 0).click();
  await b.waitForFunction(() => document.querySelector('#plan').shadowRoot.querySelector('button[data-action="cue"][data-value="0"]')?.getAttribute('aria-pressed') === 'true', null, { polling: 50 });
  for (const p of [a, b]) await button(p, W, 'restart').click();
  await button(a, W, 'restart-yes').click();
  await b.waitForFunction(() => document.querySelector('#plan').shadowRoot.querySelector('button[data-action="cue"][data-value="0"]')?.getAttribute('aria-pressed') === 'false', null, { polling: 50 });
  await button(b, W, 'restart-yes').click();
  const plans = async () => (await stored(a, KEY)).json.items.filter((i) => i.plan).length;
  await a.waitForFunction(() => JSON.parse(localStorage.getItem('attune.attune.plan')).items.filter((i) => i.plan).length === 3, null, { polling: 50 });
  assert.equal(await plans(), 3, 'all three plans are kept in the records');
  for (const p of [a, b]) {
    await p.waitForFunction(() => document.querySelector('#plan').shadowRoot.querySelectorAll('.earlier-title').length === 1, null, { polling: 50 });
    assert.deepEqual(await p.evaluate(() => [...document.querySelector('#plan').shadowRoot.querySelectorAll('.earlier .cell')].map((c) => c.querySelectorAll('.dot.on').length)), [1],
      'one earlier plan: the one with its tick');
  }
});

// "Delete everything" in one tab writes each kind in turn; the other tab hears of them one by
// one. A cue ticked there in between (the plan's clear not read yet) made a day stamped after the
// clear: it outlived its plan, invisible, note and all, after "Everything was deleted.", and
// came back in the next export.
test('"Delete everything" in one tab while a cue is ticked in another: nothing of the plan is left, not even its note', async () => {
  const { context, page: a } = await openWith(ctx, ctx.fixture('plan.html'), { acceptDownloads: true });
  await start(a);
  await cue(a, 0).click();
  await a.locator(`${W} #note`).fill('my private words');
  await button(a, W, 'note').click();
  await a.waitForFunction((k) => localStorage.getItem(k)?.includes('my private words'), KEY);
  const { page: b } = await newTab(ctx, context, ctx.fixture('plan.html'));
  await waitState(b, W, 'running');
  // In A, the instant the first of B's cleared kinds arrives (before A's plan has read the
  // clear of its own): a tick. (B's probe of the storage comes first, and is not one.)
  await a.evaluate(() => window.addEventListener('storage', (e) => {
    if (window.ticked || !/^attune\.attune\.(pleasure|plan|sessions)$/.test(e.key)) return;
    window.ticked = e.key;
    document.querySelector('#plan').shadowRoot.querySelector('button[data-action="cue"][data-value="1"]').click();
  }, true));
  await deleteAll(b, W);
  await b.waitForFunction(() => document.querySelector('#plan').shadowRoot.querySelector('.data-status').textContent !== '');
  assert.equal(await shadowText(b, W, '.data-status'), 'Everything was deleted.');
  // A ticked as B's writes came in (their storage events reach A a moment after B's status).
  await a.waitForFunction(() => window.ticked);
  const tick = (await events(a, 'entry')).at(-1).detail;
  assert.deepEqual([tick.cue, tick.done, tick.note], ['sensory', true, true], 'and the tick was taken, on the day with the note');
  await waitState(a, W, 'idle');
  for (const p of [a, b, a]) await settled(p);

  const storage = await a.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));
  assert.ok(!JSON.stringify(storage).includes('my private words'), 'the note is nowhere in storage');
  const plan = storage[KEY] ? JSON.parse(storage[KEY]).items : [];
  assert.deepEqual(plan, [], 'no plan and no day of one');
  // B's export, what the visitor would keep or hand on, holds no note either.
  await openData(b, W);
  const [file] = await Promise.all([b.waitForEvent('download'), button(b, W, 'export-json').click()]);
  const exported = readFileSync(await file.path(), 'utf8');
  assert.doesNotMatch(exported, /my private words/);
  assert.deepEqual(JSON.parse(exported).plan.items, []);
});

// What that race left in storage before (a cleared plan document holding one day, its note
// in it) is no record of anything the visitor can see: it is not exported, and the widget
// writes the document again without it as it opens.
test('a day whose plan was deleted, left in storage by an earlier version: not exported, and gone once the widget opens', async () => {
  const { page } = await openWith(ctx, ctx.fixture('plan.html'), { acceptDownloads: true });
  await waitState(page, W, 'idle');
  const now = await page.evaluate(() => Date.now());
  const day = { id: 'gone-plan.0', plan: 'gone-plan', index: 0, done: 3, note: 'my private words', updated_at: now - 4000 };
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, JSON.stringify({ app: 'attune', kind: 'plan', version: 1, cleared_at: now - 5000, items: [{ day }] })]);
  await page.reload();
  await waitState(page, W, 'idle');
  await settled(page);
  const left = await stored(page, KEY);
  assert.ok(!left.raw.includes('my private words'), `written again without it: ${left.raw}`);
  await openData(page, W);
  const [file] = await Promise.all([page.waitForEvent('download'), button(page, W, 'export-json').click()]);
  assert.deepEqual(JSON.parse(readFileSync(await file.path(), 'utf8')).plan.items, []);
  assert.equal(await shadowText(page, W, '.data-status'), `Saved as a file: ${file.suggestedFilename()}.`, 'nothing was unreadable');
  await start(page);
  const items = (await stored(page, KEY)).json.items;
  assert.deepEqual(items.map((i) => Object.keys(i)[0]), ['plan'], 'the new plan alone');
  assert.ok(!JSON.stringify(items).includes('my private words'));
});

test('a day with a note is no taller than the other squares of its week, and every day\'s number sits on one line', async () => {
  const { page } = await ctx.open(ctx.fixture('plan.html'));
  await start(page);
  await cue(page, 0).click();
  await page.locator(`${W} #note`).fill('tea in the sun');
  await button(page, W, 'note').click();
  const week = await page.evaluate(() => [...document.querySelector('#plan').shadowRoot.querySelectorAll('.plan-body > .grid > li > .cell')].slice(0, 7)
    .map((c) => [Math.round(c.getBoundingClientRect().height), Math.round(c.querySelector('.n').getBoundingClientRect().top)]));
  assert.equal(new Set(week.map(([h]) => h)).size, 1, `one height (${JSON.stringify(week)})`);
  const tops = week.map(([, n]) => n);
  assert.ok(Math.max(...tops) - Math.min(...tops) <= 1, `one line of numbers (today's thicker border aside): ${JSON.stringify(week)}`);
});

test('keyboard only: start, tick with Space, save a note with Enter, open a day', async () => {
  const { page } = await ctx.open(ctx.fixture('plan.html'), { clock: { time: new Date('2026-11-23T10:00:00') } });
  await waitState(page, W, 'idle');
  await page.locator('h1').click();
  await page.keyboard.press('Tab');
  assert.equal((await deepFocus(page)).action, 'start');
  await page.keyboard.press('Enter');
  await waitState(page, W, 'running');
  await page.keyboard.press('Tab');
  let f = await deepFocus(page);
  assert.equal(f.action, 'cue');
  assert.equal(f.focusVisible, true);
  await page.keyboard.press('Space');
  assert.deepEqual(await pressed(page), [true, false, false, false]);
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  assert.equal((await focused(page, W)).id, 'note');
  await page.keyboard.type('warm hands');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#plan').shadowRoot.querySelector('.plan-status').textContent === 'Saved');
  await page.clock.fastForward(864e5);
  await page.waitForFunction(() => /^Day 2/.test(document.querySelector('#plan').shadowRoot.querySelector('#day-title')?.textContent));
  await button(page, W, 'day', 0).focus();
  await page.keyboard.press('Enter');
  assert.match(await title(page), /^Day 1 of 14/);
  assert.equal(await page.locator(`${W} #note`).inputValue(), 'warm hands');
});

for (const [colorScheme, width] of [['light', 1000], ['dark', 1000], ['light', 360], ['dark', 360]]) {
  test(`axe finds nothing wrong in any state (${colorScheme}, ${width} px)`, async () => {
    const { page } = await openWith(ctx, ctx.fixture('plan.html'), { colorScheme, viewport: { width, height: 800 } }, { clock: { time: new Date('2026-11-23T10:00:00') } });
    await waitState(page, W, 'idle');
    if (colorScheme === 'dark') {
      await page.evaluate(() => document.querySelector('#plan').setAttribute('theme', 'dark'));
      await waitState(page, W, 'idle');
      // The buttons' background eases to the dark colours (0.2 s) while their text changes at
      // once: axe must see the end, not the first frame.
      await page.evaluate(() => Promise.all(document.querySelector('#plan').shadowRoot.getAnimations().map((a) => a.finished)));
    }
    const check = async (state) => {
      const v = await axe(page);
      assert.deepEqual(v, [], `${state}:\n${JSON.stringify(v, null, 2)}`);
    };
    await check('before a plan');
    await start(page);
    await cue(page, 0).click();
    await cue(page, 3).click();
    await page.locator(`${W} #note`).fill('the kettle sounded nice');
    await button(page, W, 'note').click();
    await check('a day with ticks and a note');
    await page.clock.fastForward(864e5);
    await page.waitForFunction(() => /^Day 2/.test(document.querySelector('#plan').shadowRoot.querySelector('#day-title')?.textContent));
    await button(page, W, 'day', 0).click();
    await check('a past day opened');
    await button(page, W, 'restart').click();
    await check('the restart question');
    await button(page, W, 'restart-yes').click();
    await page.locator(`${W} details.earlier > summary`).click();
    await page.locator(`${W} details.data > summary`).click();
    await check('a new plan, earlier plans and records open');
    if (width === 360) {
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= 360), true, 'no sideways scrolling');
    }
  });
}

test('the demo page shows the tracker and the plan, working, with nothing but our own requests', async () => {
  const { page, log } = await ctx.open(ctx.server.site);
  await page.locator('#d-pleasure').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('attune-pleasure')?.getAttribute('data-state') === 'idle');
  await page.waitForFunction(() => document.querySelector('attune-plan')?.getAttribute('data-state') === 'idle');
  await page.locator('attune-plan button[data-action="start"]').click();
  await waitState(page, 'attune-plan', 'running');
  await logPleasure(page, 'attune-pleasure', 6);
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(log.errors, []);
});

test('what numbness is, said gently; the note offers two ways to begin, and never writes over the visitor\'s words', async () => {
  const { page } = await ctx.open(ctx.fixture('plan.html'));
  await waitState(page, W, 'idle');
  assert.match(await shadowText(page, W, '.why'), /^Feeling numb is often a way your system protects you, not a flaw in you\. .*like a dimmer switch/);
  await start(page);
  assert.equal(await shadowText(page, W, '.prompts-label'), 'A way to begin, if you like:');
  assert.deepEqual(await shadowTexts(page, W, 'button[data-action="prompt"]'), [
    'What might my system be protecting me from?',
    'Something I haven\'t said out loud is…',
  ]);
  await button(page, W, 'prompt', 1).click();
  assert.equal(await page.locator(`${W} #note`).inputValue(), 'Something I haven\'t said out loud is… ');
  assert.equal((await focused(page, W)).id, 'note', 'the field has the focus, to go on writing');
  // Another prompt takes the place of one left as it is: that was never the visitor's words.
  await button(page, W, 'prompt', 0).click();
  assert.equal(await page.locator(`${W} #note`).inputValue(), 'What might my system be protecting me from? ');
  await button(page, W, 'prompt', 1).click();
  assert.equal(await page.locator(`${W} #note`).inputValue(), 'Something I haven\'t said out loud is… ');
  await page.keyboard.type('that I miss music');
  await button(page, W, 'prompt', 0).click();
  assert.equal(await page.locator(`${W} #note`).inputValue(), 'Something I haven\'t said out loud is… that I miss music', 'a prompt never replaces words');
  await page.keyboard.press('Enter');
  const { json } = await stored(page, KEY);
  assert.equal(json.items.find((i) => i.day)?.day.note, 'Something I haven\'t said out loud is… that I miss music');
});

// The second click of a double click would land on what the first put in its place: "Start a
// plan" makes way for the first cue, which must not come out ticked.
test('a double click on "Start a plan" starts it and ticks nothing', async () => {
  const { page } = await ctx.open(ctx.fixture('plan.html'));
  await waitState(page, W, 'idle');
  await button(page, W, 'start').dblclick();
  await waitState(page, W, 'running');
  assert.deepEqual(await pressed(page), [false, false, false, false]);
  // The plan is written under the namespace's lock, a moment after it shows.
  await page.waitForFunction((k) => localStorage.getItem(k), KEY);
  const doc = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
  assert.ok(doc.items.every((i) => !i.day || i.day.done === 0), 'no day is stored as done');
});

test('a note typed and left without Save (Tab away) is kept, and still there after a reload', async () => {
  const { page } = await ctx.open(ctx.fixture('plan.html'), { clock: { time: new Date('2026-11-23T10:00:00') } });
  await start(page);
  await page.locator(`${W} #note`).fill('a flicker of warmth in my hands');
  await page.locator(`${W} #note`).press('Tab');
  await page.waitForFunction(() => document.querySelector('#plan').shadowRoot.querySelector('.plan-status').textContent === 'Saved');
  assert.notEqual((await focused(page, W))?.id, 'note', 'the focus went on where Tab sent it');
  assert.match((await cells(page))[0].label, /· a note · today$/, 'the grid says so at once');
  const days = (await stored(page, KEY)).json.items.filter((i) => i.day);
  assert.deepEqual(days.map((i) => i.day.note), ['a flicker of warmth in my hands']);
  assert.equal((await events(page, 'entry')).length, 1, 'one entry event');
  await page.reload();
  await waitState(page, W, 'running');
  assert.equal(await page.locator(`${W} #note`).inputValue(), 'a flicker of warmth in my hands');
});

test('a note typed and left by a click elsewhere is kept for its own day, and the click does what it was for', async () => {
  const { page } = await ctx.open(ctx.fixture('plan.html'), { clock: { time: new Date('2026-11-23T10:00:00') } });
  await start(page);
  await page.clock.fastForward(2 * 864e5);
  await page.waitForFunction(() => /^Day 3/.test(document.querySelector('#plan').shadowRoot.querySelector('#day-title')?.textContent));
  // A click as a hand makes it: a moment between press and release.
  const slowClick = async (locator) => {
    await locator.scrollIntoViewIfNeeded();
    const box = await locator.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.waitForTimeout(120);
    await page.mouse.up();
  };
  await page.locator(`${W} #note`).fill('the kettle sounded kind');
  await slowClick(cue(page, 1));
  assert.deepEqual(await pressed(page), [false, true, false, false], 'the cue was ticked');
  await page.locator(`${W} #note`).fill('rain on the window');
  await slowClick(button(page, W, 'day', 0));
  await page.waitForFunction(() => /^Day 1/.test(document.querySelector('#plan').shadowRoot.querySelector('#day-title')?.textContent));
  const days = (await stored(page, KEY)).json.items.filter((i) => i.day);
  assert.deepEqual(days.map((i) => [i.day.index, i.day.note ?? null]).sort(), [[2, 'rain on the window']]);
  assert.equal(await page.locator(`${W} #note`).inputValue(), '', 'day 1 has no note');
});

test('a note typed as midnight passes and left by "Back to today" is saved to the day it was written for', async () => {
  const { page } = await ctx.open(ctx.fixture('plan.html'), { clock: { time: new Date('2026-11-23T23:58:30') } });
  await start(page);
  await page.locator(`${W} #note`).click();
  await page.keyboard.type('hello from the evening');
  await page.clock.fastForward('02:00');
  await page.waitForFunction(() => document.querySelector('#plan').shadowRoot.querySelector('[data-action="today"]'), null, { polling: 50 });
  // The day was drawn again under the typed words; leaving the field still keeps them.
  const back = button(page, W, 'today');
  const box = await back.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(120);
  await page.mouse.up();
  await page.waitForFunction(() => /^Day 2 of 14/.test(document.querySelector('#plan').shadowRoot.querySelector('#day-title')?.textContent));
  const days = (await stored(page, KEY)).json.items.filter((i) => i.day).map((i) => [i.day.index, i.day.note]);
  assert.deepEqual(days, [[0, 'hello from the evening']]);
});

test('leaving the note: a prompt chosen and left as it is is not saved; words typed on the shown day\'s own square still let its click through', async () => {
  const { page } = await ctx.open(ctx.fixture('plan.html'), { clock: { time: new Date('2026-11-23T10:00:00') } });
  await start(page);
  await button(page, W, 'prompt', 0).click();
  assert.match(await page.locator(`${W} #note`).inputValue(), /^What might my system be protecting me from\? $/);
  await page.keyboard.press('Tab');
  const notes = async () => (await stored(page, KEY)).json.items.filter((i) => i.day?.note).length;
  assert.equal(await notes(), 0, 'nothing of the visitor\'s own yet');
  // Nor by Enter or Save (the prompt once reached the summary as the visitor's words).
  await page.locator(`${W} #note`).press('Enter');
  assert.equal(await notes(), 0, 'Enter keeps no prompt as a note');
  await button(page, W, 'note').click();
  assert.equal(await notes(), 0, 'nor does Save');
  assert.equal(await page.evaluate(() => document.querySelector('#plan').shadowRoot.activeElement?.id), 'note', 'the field has the focus back, for the visitor\'s words');
  assert.equal(await shadowText(page, W, '.plan-status'), '', 'and "Saved" is not said');

  await page.locator(`${W} #note`).fill('a warm cup');
  const square = button(page, W, 'day', 0);
  await square.scrollIntoViewIfNeeded();
  const box = await square.boundingBox();
  // Pressed on the day's number, inside the square.
  await page.mouse.move(box.x + 12, box.y + 12);
  await page.mouse.down();
  await page.waitForTimeout(120);
  await page.mouse.up();
  assert.equal(await notes(), 1, 'the note is kept');
  await page.waitForFunction(() => document.querySelector('#plan').shadowRoot.activeElement?.id === 'day-title');
});

test('a note typed and never left (the visitor follows a link or closes the tab) is kept', async () => {
  const { page } = await ctx.open(ctx.fixture('plan.html'), { clock: { time: new Date('2026-11-23T10:00:00') } });
  await start(page);
  await page.locator(`${W} #note`).fill('the kettle sounded almost kind');
  await page.goto(ctx.fixture('plan.html'));
  await waitState(page, W, 'running');
  assert.equal(await page.locator(`${W} #note`).inputValue(), 'the kettle sounded almost kind');
  const days = (await stored(page, KEY)).json.items.filter((i) => i.day);
  assert.deepEqual(days.map((i) => i.day.note), ['the kettle sounded almost kind']);
});

// A plan begun, and a second plan of the same records on the page (#plan2), both running.
async function twoPlans() {
  const opened = await ctx.open(ctx.fixture('plan.html'), { clock: { time: new Date('2026-11-23T10:00:00') } });
  await start(opened.page);
  await opened.page.evaluate(() => {
    const el = document.createElement('attune-plan');
    el.id = 'plan2';
    document.body.append(el);
  });
  await waitState(opened.page, '#plan2', 'running');
  return opened;
}

test('two plans of the same records on one page: a note typed in one and left by ticking a cue in the other keeps both', async () => {
  const { page } = await twoPlans();
  await page.locator('#plan2 #note').fill('the light on the wall');
  await cue(page, 0).click();
  assert.deepEqual(await pressed(page), [true, false, false, false], 'the click was not lost');
  // (Once the write, which waits for the records' lock, has landed.)
  await settled(page);
  assert.deepEqual(await pressed(page, '#plan2'), [true, false, false, false], 'the other plan shows it');
  assert.equal(await page.locator(`${W} #note`).inputValue(), 'the light on the wall', 'the note shows in the plan ticked');
  const days = (await stored(page, KEY)).json.items.filter((i) => i.day);
  assert.deepEqual(days.map((i) => [i.day.done, i.day.note]), [[1, 'the light on the wall']]);
});

// On a hidden page each waiting write is made at once, the note's inside the first plan's own
// handler: the second plan's tick, told to it while it was busy, was never heard, and the
// first plan showed the cue unticked for good.
test('two plans, a cue ticked in one while another tab holds the lock and a note typed in the other, then the tab hidden: both show the tick', async () => {
  const { page, context } = await twoPlans();
  await settled(page);
  const { page: other } = await newTab(ctx, context, ctx.fixture('api.html'));
  await takeLock(other);
  await cue(page, 2, '#plan2').click();
  await page.locator(`${W} #note`).fill('my note');
  await setHidden(page, true);
  await setHidden(page, false);
  await other.evaluate(() => window.release());
  await settled(page);
  const day = (await stored(page, KEY)).json.items.find((i) => i.day).day;
  assert.deepEqual([day.done, day.note], [4, 'my note']);
  await page.waitForFunction(() => document.querySelector('#plan').shadowRoot.querySelector('[data-action="cue"][data-value="2"]').getAttribute('aria-pressed') === 'true', null, { timeout: 3000 });
  assert.deepEqual(await pressed(page), [false, false, true, false]);
});

// Each plan's write waits for the records' lock; the second tick was made on what was stored,
// without the first, and its day replaced the first's whole.
test('three plans of the same records on one page, each ticking a cue before any write lands: every tick is kept', async () => {
  const { page } = await ctx.open(ctx.fixture('plan.html'), { clock: { time: new Date('2026-11-23T10:00:00') } });
  await start(page);
  await page.evaluate(() => {
    for (const id of ['plan2', 'plan3']) {
      const el = document.createElement('attune-plan');
      el.id = id;
      document.body.append(el);
    }
  });
  await waitState(page, '#plan3', 'running');
  await settled(page);
  await page.evaluate(() => ['#plan', '#plan2', '#plan3'].forEach((s, i) => document.querySelector(s).shadowRoot
    .querySelector(`button[data-action="cue"][data-value="${i}"]`).click()));
  await settled(page);
  for (const sel of [W, '#plan2', '#plan3']) assert.deepEqual(await pressed(page, sel), [true, true, true, false], sel);
  const days = (await stored(page, KEY)).json.items.filter((i) => i.day);
  assert.deepEqual(days.map((i) => i.day.done), [7]);
  await page.reload();
  await waitState(page, W, 'running');
  assert.deepEqual(await pressed(page), [true, true, true, false], 'after a reload');
});

test('on a 320 px phone, today\'s four dots sit inside its square, clear of its thicker border', async () => {
  const { page } = await openWith(ctx, ctx.fixture('plan.html'), { viewport: { width: 320, height: 640 } });
  await start(page);
  for (let i = 0; i < 4; i++) await cue(page, i).click();
  const room = await page.evaluate(() => {
    const cell = document.querySelector('#plan').shadowRoot.querySelector('.cell.is-today');
    const box = cell.getBoundingClientRect();
    const dots = cell.querySelector('.dots').getBoundingClientRect();
    return Math.min(dots.left - box.left, box.right - dots.right);
  });
  assert.ok(room >= 3, `at least the 2 px border and a pixel on each side (${room.toFixed(1)} px)`);
});

test('"Saved" shows just below the note and its Save button, where the visitor is looking, not below the grid', async () => {
  const { page } = await openWith(ctx, ctx.fixture('plan.html'), { viewport: { width: 320, height: 640 } });
  await start(page);
  await page.locator(`${W} #note`).fill('a warm cup');
  await button(page, W, 'note').click();
  // (trim(): said again after the plan's start, "Saved" ends with a no-break space.)
  await page.waitForFunction(() => document.querySelector('#plan').shadowRoot.querySelector('.plan-status').textContent.trim() === 'Saved');
  const gap = await page.evaluate(() => {
    const root = document.querySelector('#plan').shadowRoot;
    const save = root.querySelector('button[data-action="note"]').getBoundingClientRect();
    const saved = root.querySelector('.plan-status').getBoundingClientRect();
    const grid = root.querySelector('.grid').getBoundingClientRect();
    return { below: saved.top - save.bottom, beforeGrid: saved.bottom <= grid.top };
  });
  assert.ok(gap.below >= 0 && gap.below < 240, `${Math.round(gap.below)} px below Save (its hint and the two ways to begin between)`);
  assert.equal(gap.beforeGrid, true);
  // Deleted with everything, the note is no longer "Saved": the word goes with the plan.
  await deleteAll(page, W);
  await waitState(page, W, 'idle');
  // Said once storage, under the records' lock, reads back empty: a moment after the click.
  await page.waitForFunction(() => document.querySelector('#plan').shadowRoot.querySelector('.data-status').textContent !== '');
  assert.equal(await shadowText(page, W, '.data-status'), 'Everything was deleted.');
  assert.equal((await shadowText(page, W, '.plan-status')).trim(), '', 'no "Saved" under the start screen');
});

test('a writing prompt that takes two lines on a phone has rounded corners, not a pill its words crowd (its outline shows in forced colours and as the focus ring)', async () => {
  const { page } = await ctx.open(ctx.fixture('plan.html'), { viewport: { width: 360, height: 800 } });
  await start(page);
  const shape = await page.evaluate(() => {
    const prompt = document.querySelector('#plan').shadowRoot.querySelector('.prompt');
    const style = getComputedStyle(prompt);
    const range = document.createRange();
    range.selectNodeContents(prompt);
    const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    return { lines, radius: parseFloat(style.borderTopLeftRadius), em: parseFloat(style.fontSize) };
  });
  assert.ok(shape.lines >= 2, `two lines: ${JSON.stringify(shape)}`);
  assert.ok(shape.radius <= 0.6 * shape.em + 0.5, `corners of at most 0.6em: ${JSON.stringify(shape)}`);
});

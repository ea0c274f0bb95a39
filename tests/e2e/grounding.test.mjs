// The 5-4-3-2-1 grounding scan: a whole run by keyboard only (taps and typed words, skip, back,
// "nothing right now", the summary and its 0-10), what the page hears (ids and counts, never the
// words), what the visitor keeps, and axe in every step, light and dark, at 360 px.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  attr, axe, button, deleteAll, deepFocus, events, listenFor, newTab, openWith, setHidden, storedSessions, useBrowser, waitState,
} from './helpers.mjs';

const ctx = useBrowser();

async function openGrounding(options = {}) {
  const opened = await ctx.open(ctx.fixture('grounding.html'), { ...options, goto: false });
  await listenFor(opened.page, ['step']);
  await opened.page.goto(ctx.fixture('grounding.html'));
  await waitState(opened.page, '#tap', 'idle');
  await waitState(opened.page, '#write', 'idle');
  return opened;
}

// What the widget shows: its step heading, count, the live region's last words.
const view = (page, sel) => page.evaluate((s) => {
  const root = document.querySelector(s).shadowRoot;
  const visible = (q) => { const el = root.querySelector(q); return el && !el.closest('[hidden]') ? el.textContent.trim() : null; };
  return {
    state: document.querySelector(s).getAttribute('data-state'),
    meta: visible('.step-meta'),
    heading: visible('.step .step-title'),
    count: visible('.tally-count'),
    onward: visible('[data-action="skip"], [data-action="next"]'),
    summary: visible('.summary .step-title'),
    live: root.querySelector('[aria-live]').textContent.trim(),
  };
}, sel);

function assertFocusIn(f, where, what) {
  assert.equal(f.where, where, `${what}: the focus is inside ${where}, not ${JSON.stringify(f)}`);
  assert.equal(f.focusVisible, true, `${what}: :focus-visible applies`);
  assert.doesNotMatch(f.outline, /^none|0px$/, `${what}: a visible focus ring (${f.outline})`);
  assert.equal(f.onScreen, true, `${what}: on screen`);
}

// Presses Tab (or Shift+Tab) until the focus is on a control matching `want`; at most `max`.
async function tabTo(page, want, { max = 12, back = false } = {}) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await deepFocus(page);
    seen.push(f.text || f.tag);
    if (want(f)) return f;
  }
  assert.fail(`Tab never reached the control; stops: ${JSON.stringify(seen)}`);
}

const on = (action, where = 'tap') => (f) => f.where === where && f.action === action;

test('a whole run by keyboard only: taps, next, nothing right now, back, skip, the summary and the 0-10', async () => {
  const { page, log } = await openGrounding();
  let v = await view(page, '#tap');
  assert.deepEqual([v.meta, v.heading, v.count, v.onward], ['Sense 1 of 5', 'Sight', '', 'Skip'], 'no "0 of 5" before anything is noticed');

  let f = await tabTo(page, on('notice'));
  assertFocusIn(f, 'tap', 'Noticed one');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Space');
  v = await view(page, '#tap');
  assert.equal(v.count, '3 noticed', 'Enter and Space each count one');
  assert.equal(v.state, 'running');
  assert.equal(v.live, '3 noticed', 'the count is said politely');
  assert.equal(v.onward, 'Next', 'with something noticed, Skip becomes Next');
  assert.equal((await events(page, 'start')).filter((e) => e.id === 'tap').length, 1);

  // Next: on to touch; the focus goes to the new step's first control.
  f = await tabTo(page, on('next'));
  await page.keyboard.press('Enter');
  v = await view(page, '#tap');
  assert.deepEqual([v.meta, v.heading, v.count], ['Sense 2 of 5', 'Touch', '']);
  assert.match(v.live, /^Sense 2 of 5\. Notice four things you can feel/);
  f = await deepFocus(page);
  assertFocusIn(f, 'tap', 'after Next');
  assert.equal(f.action, 'notice');
  let steps = (await events(page, 'step')).filter((e) => e.id === 'tap');
  assert.deepEqual(steps.at(-1).detail, { widget: 'grounding', step: 'touch', index: 1, count: 0, target: 4, counts: [3, 0, 0, 0, 0] });

  // Nothing right now: accepted without a word about it, on to hearing.
  await tabTo(page, on('nothing'));
  await page.keyboard.press('Enter');
  v = await view(page, '#tap');
  assert.equal(v.heading, 'Hearing');
  assert.doesNotMatch(v.live, /nothing/i, 'no comment on "nothing right now"');
  assert.equal((await deepFocus(page)).action, 'notice');

  // Back to touch, then skip it this time.
  await tabTo(page, on('back'));
  await page.keyboard.press('Enter');
  v = await view(page, '#tap');
  assert.equal(v.heading, 'Touch');
  assertFocusIn(await deepFocus(page), 'tap', 'after Back');
  await tabTo(page, on('skip'));
  await page.keyboard.press('Enter');
  assert.equal((await view(page, '#tap')).heading, 'Hearing');

  // Three taps fill hearing, and the scan moves on by itself, saying so.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
  v = await view(page, '#tap');
  assert.equal(v.heading, 'Smell');
  assert.match(v.live, /^3 noticed\. Sense 4 of 5\./);
  assert.equal((await deepFocus(page)).action, 'notice', 'the focus stays on the button to tap');

  await tabTo(page, on('nothing'));
  await page.keyboard.press('Enter');
  assert.equal((await view(page, '#tap')).heading, 'Taste');
  await page.keyboard.press('Enter'); // the focus is back on "Noticed one"

  // The summary.
  v = await view(page, '#tap');
  assert.equal(v.state, 'done');
  assert.equal(v.summary, 'What you noticed');
  // No "1 noticed." before it: said there, taste's count read as a total for the whole scan.
  assert.match(v.live, /^You took a moment with your senses\./);
  f = await deepFocus(page);
  assert.equal(f.where, 'tap');
  assert.equal(f.text, 'What you noticed', 'the focus moves to the summary');
  const lines = await page.evaluate(() => [...document.querySelector('#tap').shadowRoot.querySelectorAll('.senses > li')].map((li) => li.textContent));
  assert.deepEqual(lines, ['Sightyou noticed a few things', 'Touchnot this time', 'Hearingyou noticed a few things', 'Smellnothing right now', 'Tasteyou noticed one thing'], 'what was noticed, not a tally');
  const complete = (await events(page, 'complete')).filter((e) => e.id === 'tap');
  assert.equal(complete.length, 1);
  assert.deepEqual(complete[0].detail, { widget: 'grounding', mode: 'tap', counts: [3, 0, 3, 0, 1], noticed: 7, nothing: 1, skipped: 1, completed: true });
  steps = (await events(page, 'step')).filter((e) => e.id === 'tap');
  assert.deepEqual(steps.map((e) => e.detail.step), ['see', 'touch', 'hear', 'touch', 'hear', 'smell', 'taste', 'summary'], 'every step, the first too');
  assert.deepEqual(steps[0].detail, { widget: 'grounding', step: 'see', index: 0, count: 0, target: 5, counts: [0, 0, 0, 0, 0] }, 'the first as the visitor found it');
  const start = (await events(page, 'start')).filter((e) => e.id === 'tap');
  assert.equal(start.length, 1);

  // "How present do you feel?": 6, by keyboard: the scale is one Tab stop, and the arrow keys
  // go along it.
  f = await tabTo(page, (x) => x.where === 'tap' && x.action === 'rate', { max: 12 });
  assert.equal(f.value, '0');
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
  f = await deepFocus(page);
  assert.equal(f.value, '6');
  assertFocusIn(f, 'tap', 'the 0-10 scale');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#tap .thanks').isVisible(), true);
  f = await deepFocus(page);
  assertFocusIn(f, 'tap', 'after rating');
  assert.equal(f.action, 'again');
  assert.match(await button(page, '#tap', 'again').getAttribute('class'), /\bprimary\b/, 'the next thing to do, filled as in the body scan');

  const items = (await storedSessions(page)).filter((i) => i.widget === 'grounding');
  assert.equal(items.length, 1, 'one session, updated with its rating');
  assert.deepEqual([items[0].counts, items[0].rating, items[0].completed], [[3, 0, 3, 0, 1], 6, true]);
  assert.deepEqual(items[0].tags, ['see:noticed', 'touch:skipped', 'hear:noticed', 'smell:nothing-right-now', 'taste:noticed']);
  const entries = (await events(page, 'entry')).filter((e) => e.id === 'tap');
  assert.deepEqual(entries.map((e) => e.detail), [
    { widget: 'grounding', id: items[0].id, kind: 'session', completed: true },
    { widget: 'grounding', id: items[0].id, kind: 'session', completed: true, rating: 6, edited: true },
  ]);

  // Start again: a fresh scan, idle, the focus on the first control.
  await page.keyboard.press('Enter');
  v = await view(page, '#tap');
  assert.deepEqual([v.state, v.heading, v.count], ['idle', 'Sight', '']);
  assert.equal((await deepFocus(page)).action, 'notice');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.warnings, []);
});

test('taking back the last thing noticed, down to none, keeps the focus on the step, not the page', async () => {
  const { page } = await openGrounding();
  await tabTo(page, on('notice'));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await tabTo(page, on('undo'));
  await page.keyboard.press('Enter');
  assert.equal((await view(page, '#tap')).live, 'Taken back. 1 noticed', 'one taken back, with the count left');
  await page.keyboard.press('Enter');
  const v = await view(page, '#tap');
  assert.equal(v.count, '', 'none left');
  assert.equal(v.live, 'Taken back.', 'the button\'s work is heard, not "0 noticed", nor "1 noticed" left there');
  let f = await deepFocus(page);
  assert.equal(f.where, 'tap', `not ${JSON.stringify(f)}`);
  assert.equal(f.action, 'notice', 'the step\'s first control, where a click would land next');
  // In write mode the field takes it.
  await page.locator('#write input').fill('lamp');
  await page.locator('#write input').press('Enter');
  await tabTo(page, (x) => x.where === 'write' && x.action === 'undo', { max: 6 });
  await page.keyboard.press('Enter');
  f = await deepFocus(page);
  assert.equal(f.where, 'write', `not ${JSON.stringify(f)}`);
  assert.equal(f.tag, 'input');
});

test('write mode: a word or two per thing, kept for the visitor only, never sent in events', async () => {
  const { page } = await openGrounding();
  const f = await tabTo(page, (x) => x.where === 'write' && x.tag === 'input', { max: 20 });
  assertFocusIn(f, 'write', 'the word field');
  const label = await page.evaluate(() => {
    const root = document.querySelector('#write').shadowRoot;
    return root.querySelector(`label[for="${root.querySelector('input').id}"]`).textContent;
  });
  assert.equal(label, 'A word or two, if you like', 'the field has a visible label');
  await page.keyboard.type('the blue mug');
  await page.keyboard.press('Enter');
  await page.keyboard.type('   ');
  await page.keyboard.press('Enter');
  await page.keyboard.type('rain on <b>the</b> window');
  await page.keyboard.press('Enter');
  let v = await view(page, '#write');
  assert.equal(v.count, '2 noticed', 'an empty word is not counted');
  const chips = () => page.evaluate(() => [...document.querySelector('#write').shadowRoot.querySelectorAll('.step .chip')].map((c) => c.textContent));
  assert.deepEqual(await chips(), ['the blue mug', 'rain on <b>the</b> window'], 'words are shown as text');
  assert.equal(await page.evaluate(() => document.querySelector('#write').shadowRoot.querySelector('b')), null);
  assert.equal(await page.locator('#write input').inputValue(), '', 'the field empties after each word');
  assert.equal((await deepFocus(page)).tag, 'input', 'and keeps the focus');

  // Take the last one back, then the Add button (Space) instead of Enter.
  await tabTo(page, (x) => x.where === 'write' && x.action === 'undo', { max: 6 });
  await page.keyboard.press('Enter');
  assert.deepEqual(await chips(), ['the blue mug']);
  await tabTo(page, (x) => x.where === 'write' && x.tag === 'input', { max: 6, back: true });
  await page.keyboard.type('my own hands');
  await tabTo(page, (x) => x.where === 'write' && x.action === 'add', { max: 2 });
  await page.keyboard.press('Space');
  assert.deepEqual(await chips(), ['the blue mug', 'my own hands']);
  // On through the steps: a full count moves on, the focus goes to the new step's field.
  await tabTo(page, (x) => x.where === 'write' && x.action === 'next', { max: 6 });
  await page.keyboard.press('Enter');
  v = await view(page, '#write');
  assert.equal(v.heading, 'Touch');
  assert.equal((await deepFocus(page)).tag, 'input');
  for (const w of ['socks', 'the chair', 'cool air', 'my sleeve']) {
    await page.keyboard.type(w);
    await page.keyboard.press('Enter');
  }
  assert.equal((await view(page, '#write')).heading, 'Hearing');
  for (let i = 0; i < 3; i++) {
    await tabTo(page, (x) => x.where === 'write' && x.action === 'skip', { max: 8 });
    await page.keyboard.press('Enter');
  }
  v = await view(page, '#write');
  assert.equal(v.state, 'done');
  const summaryWords = await page.evaluate(() => [...document.querySelector('#write').shadowRoot.querySelectorAll('.senses .chip')].map((c) => c.textContent));
  assert.deepEqual(summaryWords, ['the blue mug', 'my own hands', 'socks', 'the chair', 'cool air', 'my sleeve']);

  const all = JSON.stringify(await events(page));
  for (const w of ['blue', 'hands', 'socks', 'chair', 'sleeve', 'rain']) assert.ok(!all.includes(w), `"${w}" never reaches an event`);
  const item = (await storedSessions(page)).find((i) => i.widget === 'grounding');
  assert.deepEqual(item.words, ['the blue mug', 'my own hands', 'socks', 'the chair', 'cool air', 'my sleeve'], 'kept in the visitor\'s own storage');
  assert.deepEqual(item.counts, [2, 4, 0, 0, 0]);
});

test('write mode: a word typed and not added goes with Next or Skip to its own sense, and never joins the next sense\'s first word', async () => {
  const { page } = await openGrounding();
  const input = page.locator('#write input');
  await input.fill('tree');
  await input.press('Enter');
  await input.fill('half');
  await button(page, '#write', 'next').click();
  assert.equal((await view(page, '#write')).heading, 'Touch');
  assert.equal(await input.inputValue(), '', 'the new sense starts with an empty field');
  // A first word typed, then the button that reads "Skip" while nothing is added: it goes too.
  await input.fill('a car outside');
  await button(page, '#write', 'skip').click();
  assert.equal((await view(page, '#write')).heading, 'Hearing');
  assert.equal(await input.inputValue(), '');
  // Typed, then Back: left behind, not carried to the sense before.
  await input.fill('fridge hum');
  await button(page, '#write', 'back').first().click();
  assert.equal((await view(page, '#write')).heading, 'Touch');
  assert.equal(await input.inputValue(), '');
  // Typed on the last thing of a sense: Next adds it, which fills the sense and moves on once.
  for (const w of ['socks', 'the chair']) { await input.fill(w); await input.press('Enter'); }
  await input.fill('cool air');
  await button(page, '#write', 'next').click();
  assert.equal((await view(page, '#write')).heading, 'Hearing', 'one sense on, not two');
  for (let i = 0; i < 3; i++) await button(page, '#write', 'skip').click();
  const item = (await storedSessions(page)).find((i) => i.widget === 'grounding');
  assert.deepEqual(item.words, ['tree', 'half', 'a car outside', 'socks', 'the chair', 'cool air']);
  assert.deepEqual(item.counts, [2, 4, 0, 0, 0]);
});

test('Spanish from the catalog, and a placeholder works the same', async () => {
  const { page } = await ctx.open(ctx.fixture('grounding.html'));
  await waitState(page, '#tap', 'idle');
  await page.evaluate(() => {
    const d = document.createElement('div');
    d.id = 'es';
    d.setAttribute('data-attune', 'grounding');
    d.setAttribute('data-lang', 'es');
    document.querySelector('main').append(d);
  });
  await waitState(page, '#es', 'idle');
  const v = await view(page, '#es');
  assert.deepEqual([v.meta, v.heading, v.onward], ['Sentido 1 de 5', 'Vista', 'Saltar']);
  await button(page, '#es', 'nothing').click();
  assert.equal((await view(page, '#es')).heading, 'Tacto');
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe finds nothing in any step, 360 px wide, page in ${colorScheme} mode`, async () => {
    const { page } = await openGrounding({ colorScheme, viewport: { width: 360, height: 740 } });
    const check = async (what) => {
      await page.waitForTimeout(450); // let colour transitions (0.2-0.4 s) settle: axe reads computed colours
      const violations = await axe(page);
      assert.deepEqual(violations, [], `axe ${what}:\n${JSON.stringify(violations, null, 2)}`);
    };
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `nothing sticks out sideways at 360 px (${overflow} px)`);
    await check('on the first step');
    await button(page, '#tap', 'notice').click();
    await page.locator('#write input').fill('a lamp');
    await button(page, '#write', 'add').click();
    await check('with things noticed');
    // Once something is noticed on a step, "Nothing right now" (which would let go of it) goes.
    assert.equal(await button(page, '#tap', 'nothing').isVisible(), false);
    await button(page, '#tap', 'undo').click();
    assert.equal(await button(page, '#tap', 'nothing').isVisible(), true, 'taken back, it is there again');
    await button(page, '#tap', 'notice').click();
    for (const sel of ['#tap', '#write']) {
      for (let i = 0; i < 5; i++) await button(page, sel, i === 0 ? 'next' : i % 2 ? 'skip' : 'nothing').click();
      assert.equal(await attr(page, sel, 'data-state'), 'done');
    }
    await check('at the summary');
    await button(page, '#tap', 'rate', 4).click();
    await button(page, '#write', 'rate-skip').click();
    await check('after the question');
  });
}

// Quick clicks on "Noticed one" all count (it carries data-repeat), where a double click on any
// other control counts once (the second click would land on what the first put there).
test('"Noticed one" counts every quick click; a double click on Next moves on once', async () => {
  const { page } = await openGrounding();
  await button(page, '#tap', 'notice').dblclick();
  assert.match((await view(page, '#tap')).count, /^2 /, 'both clicks of a double click counted');
  await button(page, '#tap', 'next').dblclick();
  assert.equal((await view(page, '#tap')).heading, 'Touch', 'one step on, not two');
});

// A session's record is updated as the visitor answers on. Deleted meanwhile by "Delete
// everything" in another tab, it must stay deleted: an update would carry the words back.
test('"Delete everything" in another tab while a scan is being answered: the next answer does not save its words again', async () => {
  const { context, page: a } = await openWith(ctx, ctx.fixture('pleasure.html'));
  const { page: b } = await newTab(ctx, context, ctx.fixture('grounding.html'));
  await waitState(b, '#write', 'idle');
  await b.locator('#write input').fill('the blue mug');
  await button(b, '#write', 'add').click();
  await button(b, '#write', 'next').click();
  for (let i = 0; i < 4; i++) await button(b, '#write', 'skip').click();
  await waitState(b, '#write', 'done');
  assert.deepEqual((await storedSessions(b)).map((i) => i.words), [['the blue mug']]);

  await waitState(a, '#p', 'idle');
  await deleteAll(a);
  await b.waitForFunction(() => JSON.parse(localStorage.getItem('attune.attune.sessions')).items.length === 0, null, { polling: 50 });
  const entries = (await events(b, 'entry')).length;

  await button(b, '#write', 'rate', 7).click();
  assert.deepEqual(await storedSessions(b), [], 'the rating does not bring the deleted words back');
  assert.deepEqual(await storedSessions(a), []);
  assert.equal((await events(b, 'entry')).length, entries, 'no attune:entry says a record was saved');

  // The next session is kept afresh.
  await button(b, '#write', 'again').click();
  for (let i = 0; i < 5; i++) await button(b, '#write', 'skip').click();
  await waitState(b, '#write', 'done');
  const kept = await storedSessions(b);
  assert.equal(kept.length, 1);
  assert.deepEqual(kept[0].words, [], 'with nothing of the deleted session in it');
});

test('a scan left mid-way after something was noticed is kept as stopped, words and all; finished later, the same record is completed', async () => {
  const { page } = await openGrounding();
  for (const word of ['lamp', 'window']) {
    await page.locator('#write input').fill(word);
    await page.locator('#write input').press('Enter');
  }
  await button(page, '#tap', 'notice').click(); // the other scan: one thing seen
  await setHidden(page, true); // the tab may be closing
  let items = (await storedSessions(page)).filter((i) => i.widget === 'grounding');
  assert.equal(items.length, 2);
  const written = items.find((i) => i.words.length);
  assert.deepEqual([written.completed, written.words, written.counts, written.tags[0]], [false, ['lamp', 'window'], [2, 0, 0, 0, 0], 'see:noticed']);
  await setHidden(page, false);

  // The tap scan carries on to its end: one record, now completed.
  for (const action of ['next', 'nothing', 'nothing', 'nothing', 'nothing']) await button(page, '#tap', action).click();
  await waitState(page, '#tap', 'done');
  // The write scan is removed by the page mid-way: kept as it was.
  await page.evaluate(() => document.querySelector('#write').remove());
  items = (await storedSessions(page)).filter((i) => i.widget === 'grounding');
  assert.equal(items.length, 2, 'one record for each scan, updated in place');
  assert.deepEqual(items.map((i) => [i.completed, i.counts[0]]).sort(), [[false, 2], [true, 1]]);
});

test('a word taken back after the scan was kept (the page hidden) goes from the stored record too', async () => {
  const { page } = await openGrounding();
  await page.locator('#write input').fill('a jacket');
  await page.locator('#write input').press('Enter');
  await setHidden(page, true);
  let item = (await storedSessions(page)).find((i) => i.widget === 'grounding');
  assert.deepEqual(item.words, ['a jacket']);
  await setHidden(page, false);
  await button(page, '#write', 'undo').click();
  await setHidden(page, true);
  const items = (await storedSessions(page)).filter((i) => i.widget === 'grounding');
  assert.equal(items.length, 1);
  assert.deepEqual([items[0].words, items[0].counts[0], items[0].tags[0]], [[], 0, 'see:open']);
});

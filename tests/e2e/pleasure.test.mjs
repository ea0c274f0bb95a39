// The micro-pleasure tracker: logging, history, the visitor's data (export, import, delete),
// storage that fails in every way a browser allows, two tabs, hostile text, keyboard, axe.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  attr, axe, button, scratch, deepFocus, deleteAll, events, focusedSpeech, headings, newTab, openData, openWith, settled, shadowText, shadowTexts, stored, takeLock, useBrowser, waitState, whileHeld,
} from './helpers.mjs';

const ctx = useBrowser();
const W = '#p';
const KEY = 'attune.attune.pleasure';

async function ready(page, sel = W) {
  await waitState(page, sel, 'idle');
}

// Logs one entry through the steps: a suggestion by its index (or words typed), "I've already
// done it" (or, with `away`, "I'll try this" and "I'm back"), a shift, Next, signals, Save.
async function logEntry(page, { act, words, shift, signals = [], away = false }, sel = W) {
  const again = button(page, sel, 'again');
  if (await again.isVisible()) await again.click();
  if (words !== undefined) await page.locator(`${sel} #own`).fill(words);
  else await button(page, sel, 'act', act).click();
  if (away) {
    await button(page, sel, 'go').click();
    await button(page, sel, 'back').click();
  } else {
    await button(page, sel, 'now').click();
  }
  if (shift !== undefined) await button(page, sel, 'shift', shift).click();
  await button(page, sel, 'next').click();
  for (const s of signals) await button(page, sel, 'signal', s).click();
  await button(page, sel, 'save').click();
  await waitState(page, sel, 'done');
}

// The step shown now (data-step of the one visible step box).
const step = (page, sel = W) => page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('.step:not([hidden])')?.dataset.step, sel);

const recent = (page, sel = W) => shadowTexts(page, sel, '.recent .what');

// Mounts a tracker for each [id, options] in the fixture's #slot with Attune.mount, and waits
// until each is ready.
async function trackers(page, list) {
  await page.evaluate((l) => {
    for (const [id, opts] of l) {
      const el = document.createElement('div');
      el.id = id;
      document.querySelector('#slot').append(el);
      Attune.mount(el, { widget: 'pleasure', ...opts });
    }
  }, list);
  for (const [id] of list) await ready(page, `#${id}`);
}

// Two tabs of one visitor on the tracker: the second opened at once, or (`later`) once the
// first has picked suggestion `act` with "I'll try this". With `answering`, both then go on
// to answer that pick ("I'm back").
async function twoTabs({ act, later = false, answering = false } = {}) {
  const { context, page: a } = await openWith(ctx, ctx.fixture('pleasure.html'));
  let b;
  const second = async () => {
    ({ page: b } = await newTab(ctx, context, ctx.fixture('pleasure.html')));
    await ready(b);
  };
  if (!later) await second();
  await ready(a);
  if (act !== undefined) {
    await button(a, W, 'act', act).click();
    await button(a, W, 'go').click();
  }
  if (later) {
    await settled(a); // (the pick is written under the records' lock, a moment after the click)
    await second();
  }
  if (answering) {
    await b.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('.step:not([hidden])')?.dataset.step === 'away', null, { polling: 50 });
    for (const p of [a, b]) await button(p, W, 'back').click();
  }
  return { a, b };
}

// From the shift question on: Next, Save, and the "Saved" step.
async function saveAnswer(page) {
  await button(page, W, 'next').click();
  await button(page, W, 'save').click();
  await waitState(page, W, 'done');
}

// Back from the shift question (its own Back, not the signals' one).
const backFromShift = (page) => page.locator(`${W} [data-step="shift"] button[data-action="prev"]`).click();

// Back from the shift question to a pick's card reading `what`, then "I'm back" and the answer
// saved again.
async function backToCardAndSave(page, what) {
  await backFromShift(page);
  assert.equal(await step(page), 'away');
  assert.equal(await shadowText(page, W, '.pick-what'), what);
  await button(page, W, 'back').click();
  await saveAnswer(page);
}

// Waits until the stored records hold one that `has` (a function's source, run on each) finds.
const storedHas = (page, has) => page.waitForFunction(`(JSON.parse(localStorage.getItem('${KEY}'))?.items ?? []).some(${has})`);

test('log an entry: it is shown, saved whole, reported without text, and still there after a reload', async () => {
  const { page, log } = await ctx.open(ctx.fixture('pleasure.html'));
  await ready(page);
  assert.equal(await shadowText(page, W, '[part~="title"]'), 'A small pleasant moment');
  const chips = await shadowTexts(page, W, 'button[data-action="act"]');
  assert.equal(chips.length, 7, 'the built-in suggestions');
  assert.equal(await page.locator(`${W} .history`).isVisible(), false, 'no history, and no empty chart, before the first entry');
  // A screen reader finds the step's question in the list of headings, below the title.
  assert.deepEqual((await headings(page)).filter((h) => /pleasant moment|Pick something/.test(h)), ['2 A small pleasant moment', '3 Pick something small, or write your own']);

  await logEntry(page, { act: 5, shift: 3, signals: [4, 0] });
  assert.equal(await shadowText(page, W, '.saved'), 'Saved. Whatever you noticed, or didn\'t, you made room for it.');
  assert.equal((await deepFocus(page)).text, 'Saved. Whatever you noticed, or didn\'t, you made room for it.', 'heard once, from the focus');
  assert.equal(await page.locator(`${W} .saved`).getAttribute('role'), null, 'not said again by a live region');
  assert.doesNotMatch(String(await button(page, W, 'again').getAttribute('class')), /\bprimary\b/, 'another small thing is offered, not filled in as the next thing to do');
  assert.equal(await page.locator(`${W} .history`).isVisible(), true);
  assert.equal(await shadowText(page, W, '.summary'), 'A shift on 1 of the last 7 days.');
  assert.equal((await page.evaluate(() => document.querySelector('#p').shadowRoot.textContent.match(/A shift on \d+ of the last 7 days/g))).length, 1, 'said once');
  assert.deepEqual(await recent(page), ['A short walk']);
  assert.match(await shadowText(page, W, '.recent .when'), /a shift of 3 out of 10 · My shoulders dropped · A smile/);
  // The form is fresh for next time.
  assert.equal(await page.locator(`${W} button[aria-pressed="true"]`).count(), 1, 'only the 14-day range stays pressed');

  const entry = await events(page, 'entry');
  assert.equal(entry.length, 1);
  assert.deepEqual(Object.keys(entry[0].detail).sort(), ['act', 'id', 'shift', 'signal_ids', 'signals', 'widget']);
  assert.equal(entry[0].detail.act, 'walk');
  assert.equal(entry[0].detail.shift, 3);
  assert.equal(entry[0].detail.signals, 2);
  assert.equal(entry[0].detail.signal_ids, 'shoulders,smile');
  const complete = await events(page, 'complete');
  assert.equal(complete.length, 1);
  assert.deepEqual(complete[0].detail, { widget: 'pleasure', id: entry[0].detail.id, shifted: true, entries: 1, days_with_shift_7: 1 });

  const { json } = await stored(page, KEY);
  assert.equal(json.app, 'attune');
  assert.equal(json.kind, 'pleasure');
  assert.equal(json.version, 1);
  assert.equal(json.items.length, 1);
  assert.equal(json.items[0].id, entry[0].detail.id);
  assert.equal(json.items[0].act, 'walk');

  await page.reload();
  await ready(page);
  assert.deepEqual(await recent(page), ['A short walk']);
  assert.equal(await shadowText(page, W, '.summary'), 'A shift on 1 of the last 7 days.');
  const ready2 = await events(page, 'ready');
  assert.equal(ready2[0].detail.entries, 1);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.warnings, []);
});

test('the visitor\'s own words are kept as text: an <img onerror> entry shows literally and never runs', async () => {
  const { page } = await ctx.open(ctx.fixture('pleasure.html'));
  await ready(page);
  const evil = '<img src=x onerror="window.pwned=1">';
  await logEntry(page, { words: evil, shift: 2 });
  assert.deepEqual(await recent(page), [evil]);
  assert.deepEqual(await shadowTexts(page, W, '.top-list li'), [evil]);
  assert.equal(await page.evaluate(() => document.querySelector('#p').shadowRoot.querySelectorAll('img').length), 0);
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  const [entry] = await events(page, 'entry');
  assert.equal(entry.detail.act, 'own');
  assert.ok(!JSON.stringify(entry.detail).includes('img'), 'no typed text in the event');
  await page.reload();
  await ready(page);
  assert.deepEqual(await recent(page), [evil]);
});

test('going on with nothing chosen asks gently and moves focus to the first suggestion; the whole flow works from the keyboard', async () => {
  const { page } = await ctx.open(ctx.fixture('pleasure.html'));
  await ready(page);
  await button(page, W, 'go').click();
  assert.equal(await page.locator(`${W} .need`).isVisible(), true);
  assert.equal(await shadowText(page, W, '.need'), 'Choose something first, or put it in your own words.');
  assert.equal(await page.locator(`${W} .need`).getAttribute('role'), 'alert', 'a screen reader hears why the focus moved');
  // Pressed again: the alert's words change (by a no-break space), so they are heard again.
  await button(page, W, 'go').click();
  assert.equal(await shadowText(page, W, '.need'), 'Choose something first, or put it in your own words.\u00a0');
  let f = await deepFocus(page);
  assert.equal(f.action, 'act');
  assert.equal(f.value, '0');
  assert.equal(await attr(page, W, 'data-state'), 'idle');
  assert.equal(await step(page), 'pick');
  // Pressing a suggestion twice lets it go.
  await page.keyboard.press('Space');
  assert.equal(await button(page, W, 'act', 0).getAttribute('aria-pressed'), 'true');
  await page.keyboard.press('Enter');
  assert.equal(await button(page, W, 'act', 0).getAttribute('aria-pressed'), 'false', 'pressing again lets go');
  // Keyboard only: to the text field, type, Enter: off to do it, and focus on where we are.
  await page.locator(`${W} #own`).focus();
  await page.keyboard.type('tea in the garden');
  await page.keyboard.press('Enter');
  assert.equal(await step(page), 'away');
  f = await deepFocus(page);
  assert.equal(f.where, 'p');
  assert.equal(f.text, 'Take your time');
  assert.equal(await shadowText(page, W, '.pick-what'), 'tea in the garden');
  await page.keyboard.press('Tab');
  assert.equal((await deepFocus(page)).action, 'back');
  await page.keyboard.press('Enter');
  assert.equal(await step(page), 'shift');
  assert.equal((await deepFocus(page)).text, 'Did anything shift, even 1 or 2 percent?');
  await page.keyboard.press('Tab');
  assert.equal((await deepFocus(page)).value, '0', 'the scale is one Tab stop');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  assert.equal(await button(page, W, 'shift', 1).getAttribute('aria-pressed'), 'true');
  await button(page, W, 'next').focus();
  await page.keyboard.press('Enter');
  assert.equal(await step(page), 'signals');
  await button(page, W, 'save').focus();
  await page.keyboard.press('Enter');
  await waitState(page, W, 'done');
  f = await deepFocus(page);
  assert.equal(f.tag, 'p', 'focus moved to the "saved" line');
  assert.deepEqual(await recent(page), ['tea in the garden']);
  assert.equal(await page.locator(`${W} .need`).isVisible(), false);
  // "Pick another" starts a new entry: the state goes back to idle and the saved line goes.
  await button(page, W, 'again').focus();
  await page.keyboard.press('Enter');
  assert.equal(await attr(page, W, 'data-state'), 'idle');
  assert.equal(await step(page), 'pick');
  assert.equal(await shadowText(page, W, '.saved'), '');
  assert.equal(await page.locator(`${W} #own`).inputValue(), '', 'a fresh form');
});

test('words typed are kept when a suggestion is tapped: greyed while it is pressed, the choice again when it is let go', async () => {
  const { page } = await ctx.open(ctx.fixture('pleasure.html'));
  await ready(page);
  const own = page.locator(`${W} #own`);
  const colour = () => own.evaluate((el) => getComputedStyle(el).color);
  await own.fill('the cat on my lap');
  const typed = await colour();
  await button(page, W, 'act', 1).click();
  assert.equal(await own.inputValue(), 'the cat on my lap', 'not emptied');
  assert.notEqual(await colour(), typed, 'greyed: the suggestion is the choice');
  await button(page, W, 'act', 1).click();
  assert.equal(await colour(), typed);
  await button(page, W, 'go').click();
  assert.equal(await shadowText(page, W, '.pick-what'), 'the cat on my lap');
  // Words typed and a suggestion then pressed: the suggestion is what is picked.
  const { page: other } = await ctx.open(ctx.fixture('pleasure.html'));
  await ready(other);
  await other.locator(`${W} #own`).fill('the cat on my lap');
  await button(other, W, 'act', 1).click();
  const label = (await button(other, W, 'act', 1).textContent()).trim();
  await button(other, W, 'go').click();
  assert.equal(await shadowText(other, W, '.pick-what'), label);
});

test('every control is a real button or input with a visible focus ring', async () => {
  const { page } = await ctx.open(ctx.fixture('pleasure.html'));
  await ready(page);
  await openData(page);
  const controls = await page.evaluate(() => [...document.querySelector('#p').shadowRoot.querySelectorAll('button, input, summary, a')]
    .filter((e) => !e.closest('[hidden]') && !e.hidden)
    .map((e) => e.tagName.toLowerCase()));
  assert.ok(controls.length > 12, `${controls.length} controls`);
  // Tab through all of them from the top of the page: each gets a visible outline.
  await page.locator('h1').click();
  await page.keyboard.press('Tab');
  let seen = 0;
  for (let i = 0; i < 30; i++) {
    const f = await deepFocus(page);
    if (f.where !== 'p') break;
    assert.equal(f.focusVisible, true, JSON.stringify(f));
    assert.match(f.outline, /^solid [1-9]/, JSON.stringify(f));
    seen++;
    await page.keyboard.press('Tab');
  }
  assert.ok(seen > 12, `tabbed through ${seen}`);
});

test('the clinician\'s suggestions replace the built-in list and are logged as "site"', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'));
  await page.evaluate(() => {
    const el = document.createElement('attune-pleasure');
    el.id = 'p';
    el.setAttribute('suggestions', 'a walk after lunch|the blue mug|<b>tea</b>');
    el.setAttribute('storage-key', 'clinic');
    document.querySelector('#slot').append(el);
  });
  await ready(page);
  assert.deepEqual(await shadowTexts(page, W, 'button[data-action="act"]'), ['a walk after lunch', 'the blue mug', '<b>tea</b>']);
  await logEntry(page, { act: 1, shift: 0 });
  const [entry] = await events(page, 'entry');
  assert.equal(entry.detail.act, 'site');
  assert.equal(entry.detail.suggestion, 1);
  assert.deepEqual(await recent(page), ['the blue mug']);
  const { json } = await stored(page, 'attune.clinic.pleasure');
  assert.equal(json.items[0].text, 'the blue mug');
  assert.equal((await stored(page, KEY)).raw, null, 'the storage-key namespace is used');
  // A zero is not a shift, and nothing says otherwise; nor, on a first day, that a week went by.
  assert.match(await shadowText(page, W, '.summary'), /^No shift noticed yet, and that's common/);
});

test('"Recently" gives the year of an entry from another year: last spring\'s never reads as this week\'s', async () => {
  const { page } = await ctx.open(ctx.fixture('pleasure.html'), { goto: false, clock: { time: new Date('2026-04-05T10:00:00') } });
  await page.addInitScript(() => {
    if (localStorage.getItem('attune.attune.pleasure')) return;
    const items = [[2025, 3, 1, 'song'], [2025, 3, 2, 'walk'], [2026, 3, 3, 'scent']].map(([y, m, d, act], i) => {
      const at = new Date(y, m, d, 9).getTime();
      return { id: `${at.toString(36)}-00000${i}`, at, day: Math.floor(Date.UTC(y, m, d) / 864e5), updated_at: at, act, shift: 2, signals: 0 };
    });
    localStorage.setItem('attune.attune.pleasure', JSON.stringify({ app: 'attune', kind: 'pleasure', version: 1, cleared_at: 0, items }));
  });
  await page.goto(ctx.fixture('pleasure.html'));
  await ready(page);
  const when = await page.evaluate(() => [...document.querySelector('#p').shadowRoot.querySelectorAll('.recent .when')].map((el) => el.textContent.replace(/\u00a0/g, ' ').split(' · ')[0]));
  assert.deepEqual(when, ['Fri, April 3', 'Wed, April 2, 2025', 'Tue, April 1, 2025']);
});

test('the 14- and 30-day charts are inline SVG with a text alternative; missed days are quiet stubs, never red', async () => {
  const { page } = await ctx.open(ctx.fixture('pleasure.html'), { goto: false });
  await page.addInitScript(() => {
    if (localStorage.getItem('attune.attune.pleasure')) return;
    const day = (t) => { const d = new Date(t); return Math.floor(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 864e5); };
    const now = Date.now();
    const items = [[0, 'song', 4, 0], [2, 'walk', 0, 0], [9, 'scent', null, 16], [20, 'walk', 7, 0]].map(([ago, act, shift, signals], i) => {
      const at = now - ago * 864e5;
      return { id: `${at.toString(36)}-00000${i}`, at, day: day(at), updated_at: at, act, shift, signals };
    }).sort((a, b) => (a.id < b.id ? -1 : 1));
    localStorage.setItem('attune.attune.pleasure', JSON.stringify({ app: 'attune', kind: 'pleasure', version: 1, cleared_at: 0, items }));
  });
  await page.goto(ctx.fixture('pleasure.html'));
  await ready(page);
  const chart = () => page.evaluate(() => {
    const svg = document.querySelector('#p').shadowRoot.querySelector('.chart svg');
    return {
      ns: svg.namespaceURI,
      role: svg.getAttribute('role'),
      label: svg.getAttribute('aria-label'),
      bars: [...svg.querySelectorAll('rect')].map((r) => ({ cls: r.getAttribute('class'), fill: getComputedStyle(r).fill, title: r.querySelector('title').textContent })),
    };
  });
  let c = await chart();
  assert.equal(c.ns, 'http://www.w3.org/2000/svg');
  assert.equal(c.role, 'img');
  assert.equal(c.bars.length, 14);
  assert.equal(c.label, 'Last 14 days: something tried on 3 days, a shift noticed on 2 of them.');
  assert.deepEqual(c.bars.map((b) => b.cls.replace('bar ', '')).slice(-3), ['logged', 'empty', 'shift']);
  assert.match(c.bars[13].title, /: 1 thing tried, a shift of 4 out of 10$/);
  assert.match(c.bars[12].title, /: nothing logged$/);
  for (const b of c.bars) {
    const [r, g, bl] = b.fill.match(/[\d.]+/g).map(Number);
    assert.ok(!(r > 150 && g < 100 && bl < 100), `no red: ${b.fill}`);
  }
  await button(page, W, 'range', 30).click();
  assert.equal(await button(page, W, 'range', 30).getAttribute('aria-pressed'), 'true');
  assert.equal(await button(page, W, 'range', 14).getAttribute('aria-pressed'), 'false');
  c = await chart();
  assert.equal(c.bars.length, 30);
  assert.equal(c.label, 'Last 30 days: something tried on 4 days, a shift noticed on 3 of them.');
  assert.deepEqual(await shadowTexts(page, W, '.top-list li'), [
    'A short walk',
    'A familiar scent: soap, tea, lotion',
    'A favourite song from before',
  ], 'plain words, no counts: most shifts first, then most tried, then a steady order');
  assert.equal(await page.locator(`${W} .top-list`).evaluate((l) => l.tagName), 'UL', 'not a numbered ranking');
  assert.deepEqual(await shadowTexts(page, W, '.legend li'), ['Something tried', 'A shift noticed (taller for a bigger shift)']);
  assert.equal(await shadowText(page, W, '.summary'), 'A shift on 1 of the last 7 days.');
});

// Two tabs of the tracker, a song logged in the first and seen in the second.
async function twoTabsWithSong() {
  const { context, page: a } = await openWith(ctx, ctx.fixture('pleasure.html'));
  const { page: b } = await newTab(ctx, context, ctx.fixture('pleasure.html'));
  await ready(a);
  await ready(b);
  await logEntry(a, { act: 0, shift: 2 });
  await b.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelectorAll('.recent li').length === 1, null, { polling: 50 });
  return { a, b };
}

test('two tabs both write: both entries survive, and each tab shows the other\'s at once', async () => {
  const { a, b } = await twoTabsWithSong();
  assert.deepEqual(await recent(b), ['A favourite song from before'], 'the other tab shows it live');
  await logEntry(b, { act: 6 });
  await a.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelectorAll('.recent li').length === 2, null, { polling: 50 });
  assert.deepEqual((await recent(a)).sort(), ['A favourite song from before', 'A warm drink']);
  // And a third write from the first tab keeps all three.
  await logEntry(a, { act: 3 });
  const { json } = await stored(a, KEY);
  assert.equal(json.items.length, 3);
  await b.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelectorAll('.recent li').length === 3, null, { polling: 50 });
  // Delete everything in one tab empties the other too.
  await openData(a);
  await button(a, W, 'delete').click();
  await button(a, W, 'delete-yes').click();
  await b.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelectorAll('.recent li').length === 0, null, { polling: 50 });
  assert.equal((await stored(b, KEY)).json.items.length, 0);
});

test('a pick logged in another tab as this one answers: Back leads to the first step, never to the pick, which is no longer one to let go or change', async () => {
  const { a, b } = await twoTabs({ act: 6, answering: true });
  await button(a, W, 'shift', 2).click();
  await saveAnswer(a);
  await b.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelectorAll('.recent li').length === 1, null, { polling: 50 });
  await backFromShift(b);
  assert.equal(await step(b), 'pick', 'not "Take your time" for an entry already logged');
  // A new pick from here is a new record; the entry stays as it was logged.
  await button(b, W, 'act', 2).click();
  await button(b, W, 'go').click();
  // (The new pick is written under the storage's lock: once it is there.)
  await a.waitForFunction((key) => JSON.parse(localStorage.getItem(key)).items.length === 2, KEY, { polling: 50 });
  const { json } = await stored(a, KEY);
  const mine = json.items.find((i) => i.act === 'warm-drink');
  assert.deepEqual([mine.status ?? 'logged', mine.shift], ['logged', 2]);
  assert.equal(json.items.length, 2);
});

test('on a phone, below a page\'s heading, each step opens whole on the screen: Save is never half below the fold', async () => {
  const { page } = await openWith(ctx, ctx.fixture('records.html'), { viewport: { width: 390, height: 700 }, hasTouch: true, isMobile: true });
  await page.evaluate(() => {
    const head = document.createElement('header');
    head.style.height = '260px';
    head.textContent = 'Hillside Practice';
    const el = document.createElement('attune-pleasure');
    el.id = 'p';
    el.setAttribute('storage', 'none');
    document.querySelector('#slot').append(head, el);
  });
  await ready(page);
  await button(page, W, 'act', 1).click();
  await button(page, W, 'now').click();
  await button(page, W, 'next').click();
  await page.waitForFunction(() => {
    const save = document.querySelector('#p').shadowRoot.querySelector('button[data-action="save"]').getBoundingClientRect();
    // Within a pixel: brought just into view, its edge may fall a fraction of one below the
    // screen's, since the page scrolls by whole pixels.
    return save.top >= 0 && save.bottom <= innerHeight + 1;
  }, null, { timeout: 3_000 });
  const q = await page.evaluate(() => document.querySelector('#p').shadowRoot.querySelector('#signals-q').getBoundingClientRect().top);
  assert.ok(q >= 0, `and its question still in view (${q})`);
});

test('Edit in the history glides up to the step in one move: no jump to its question first', async () => {
  const { page } = await openWith(ctx, ctx.fixture('records.html'), { viewport: { width: 390, height: 700 }, hasTouch: true, isMobile: true });
  await page.evaluate(() => {
    const el = document.createElement('attune-pleasure');
    el.id = 'p';
    el.setAttribute('storage', 'none');
    document.querySelector('#slot').append(el);
  });
  await ready(page);
  for (const act of [0, 1, 2]) await logEntry(page, { act, shift: 1 });
  // From the "Saved" step, the history's last Edit at the foot of the screen.
  const edit = page.locator(`${W} button[data-action="entry-edit"]`).last();
  await edit.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  const ys = await edit.evaluate((el) => new Promise((done) => {
    const seen = [scrollY];
    el.click();
    const look = () => {
      seen.push(scrollY);
      if (seen.length < 90) requestAnimationFrame(look);
      else done(seen);
    };
    seen.push(scrollY);
    requestAnimationFrame(look);
  }));
  const [from, atClick] = ys;
  const to = ys.at(-1);
  assert.ok(to < from - 100, `the page moved up to the step: ${from} to ${to}`);
  assert.ok(atClick > to + (from - to) / 2, `no jump at the click: ${from} to ${atClick}, then ${to}`);
  // (The click itself may move the page down: the step above the history grows, from "Saved"
  // to the first step, and the browser keeps the button where it was on the screen.)
  for (let i = 2; i < ys.length; i++) assert.ok(ys[i] <= ys[i - 1] + 0.5, `one direction only: ${ys.join(' ')}`);
  const q = await page.evaluate(() => {
    const focused = document.querySelector('#p').shadowRoot.activeElement;
    return { cls: focused?.className, top: focused?.getBoundingClientRect().top };
  });
  assert.equal(q.cls, 'q', 'the focus is on the step\'s question');
  assert.ok(q.top > -1 && q.top < 700, `and the question is in view (${q.top})`);
});

test('in a scrolling sidebar, Back to a step begun above the sidebar\'s edge brings its question into view', async () => {
  const { page } = await openWith(ctx, ctx.fixture('records.html'), { viewport: { width: 390, height: 700 } });
  await page.evaluate(() => {
    const side = document.createElement('div');
    side.id = 'side';
    side.style.cssText = 'height: 300px; overflow: auto; border: 2px solid #888; margin-top: 150px';
    const el = document.createElement('attune-pleasure');
    el.id = 'p';
    el.setAttribute('storage', 'none');
    const above = document.createElement('div');
    above.style.height = '100px';
    side.append(above, el);
    document.querySelector('#slot').append(side);
  });
  await ready(page);
  await button(page, W, 'act', 1).click();
  await button(page, W, 'now').click();
  await page.waitForTimeout(1000); // the smooth scroll to the step
  const seen = await page.evaluate(async () => {
    scrollTo(0, 0);
    const side = document.querySelector('#side');
    const root = document.querySelector('#p').shadowRoot;
    const shown = () => root.querySelector('.step:not([hidden])');
    // The sidebar scrolled so the step begins 150 px above its top edge.
    side.scrollTop += shown().getBoundingClientRect().top - (side.getBoundingClientRect().top - 150);
    root.querySelector('.step:not([hidden]) button[data-action="prev"]').click();
    await new Promise((done) => setTimeout(done, 1500));
    const q = root.activeElement.getBoundingClientRect();
    const box = side.getBoundingClientRect();
    return { cls: root.activeElement.className, top: q.top, bottom: q.bottom, boxTop: box.top, boxBottom: box.bottom };
  });
  assert.equal(seen.cls, 'q', 'the focus is on the first step\'s question');
  assert.ok(seen.top >= seen.boxTop - 1 && seen.bottom <= seen.boxBottom + 1, `and it is in the sidebar's view: ${JSON.stringify(seen)}`);
});

test('a damaged stored value: the widget works, says so, keeps the value aside untouched, and offers it for export', async () => {
  const { page, log } = await openWith(ctx, ctx.fixture('pleasure.html'), { acceptDownloads: true });
  await ready(page);
  const damaged = '{"app":"attune","kind":"pleasure","version":1,"items":[{"id":"abc","at":';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, damaged]);
  await page.reload();
  await ready(page);
  assert.equal(await shadowText(page, W, '[part~="notice"]'), 'Some saved data couldn\'t be read. It\'s kept safe and untouched; you can export it.');
  assert.equal(await page.locator(`${W} [part~="notice"]`).getAttribute('role'), 'status');
  const keys = () => page.evaluate(() => Object.keys(localStorage).sort());
  const asideKeys = (await keys()).filter((k) => k.startsWith(`${KEY}.aside.`));
  assert.equal(asideKeys.length, 1);
  assert.equal((await stored(page, asideKeys[0])).raw, damaged, 'the damaged text is kept aside as it was');
  assert.equal((await stored(page, KEY)).raw, damaged, 'and the original is untouched until a new save');
  // A second load does not copy it aside again.
  await page.reload();
  await ready(page);
  assert.equal((await keys()).filter((k) => k.startsWith(`${KEY}.aside.`)).length, 1);

  await logEntry(page, { act: 2, shift: 1 });
  assert.deepEqual(await recent(page), ['A food with texture: a crunchy apple, warm soup']);
  assert.equal((await stored(page, KEY)).json.items.length, 1, 'a new save writes a good document');
  assert.equal((await stored(page, asideKeys[0])).raw, damaged, 'the kept-aside copy stays');

  await openData(page);
  const kept = button(page, W, 'export-kept');
  // Shown once the panel is open (the widget looks for kept-aside data when it opens).
  await kept.waitFor({ state: 'visible', timeout: 2000 });
  const [download] = await Promise.all([page.waitForEvent('download'), kept.click()]);
  assert.match(download.suggestedFilename(), /^attune-kept-aside-\d{4}-\d\d-\d\d\.json$/);
  const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(file.kind, 'kept-aside');
  assert.deepEqual(file.items, [{ key: asideKeys[0], value: damaged }]);
  assert.deepEqual(log.errors, []);
});

test('data from a newer Attune is kept aside and not overwritten', async () => {
  const { page } = await ctx.open(ctx.fixture('pleasure.html'));
  await ready(page);
  const newer = '{"app":"attune","kind":"pleasure","version":9,"items":[{"shape":"new"}]}';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, newer]);
  await page.reload();
  await ready(page);
  assert.equal(await shadowText(page, W, '[part~="notice"]'), 'Saved data from a newer version of Attune is kept untouched, so new entries here won\'t be kept. You can export it from “Your records”.');
  assert.equal((await stored(page, KEY)).raw, newer);
  // An import is refused for that reason, not as "storage is full".
  const file = scratch('held.json');
  const now = Date.now();
  writeFileSync(file, JSON.stringify({ app: 'attune', kind: 'pleasure', version: 1, cleared_at: 0, items: [{ id: 'imp-1', at: now, day: Math.floor(now / 864e5), updated_at: now, act: 'song', signals: 0 }] }));
  await openData(page);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button(page, W, 'import').click()]);
  await chooser.setFiles(file);
  await page.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent !== '');
  assert.equal(await shadowText(page, W, '.data-status'), 'Saved data from a newer version of Attune is kept untouched, so new entries here won\'t be kept. You can export it from “Your records”.');
  assert.equal((await stored(page, KEY)).raw, newer, 'and it is still untouched');
});

test('storage that throws: the widget works in memory and says history won\'t be kept', async () => {
  const { page, log } = await ctx.open(ctx.fixture('pleasure.html'), { goto: false });
  await page.addInitScript(() => {
    const refuse = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    Storage.prototype.setItem = refuse;
    Storage.prototype.getItem = refuse;
    Storage.prototype.removeItem = refuse;
  });
  await page.goto(ctx.fixture('pleasure.html'));
  await ready(page);
  assert.equal(await shadowText(page, W, '[part~="notice"]'), 'History won\'t be kept this time: this browser doesn\'t allow saving.');
  await logEntry(page, { act: 1, shift: 5 });
  assert.deepEqual(await recent(page), ['Three minutes of sunlight on your face']);
  assert.equal((await events(page, 'entry')).length, 1);
  // A pick cannot wait through a reload here, and the words do not promise it.
  await button(page, W, 'again').click();
  await button(page, W, 'act', 2).click();
  await button(page, W, 'go').click();
  assert.equal(await shadowText(page, W, '[data-step="away"] .hint'), 'Come back when you\'re ready. There\'s no rush: this will wait here while the page stays open.');
  assert.deepEqual(log.errors, []);
});

test('a full storage: the entry is kept while the page stays open and said so, then stored once space is freed', async () => {
  const { page, log } = await openWith(ctx, ctx.fixture('pleasure.html'));
  await ready(page);
  // The page's own data fills the browser's storage to the last byte, after the widget opened.
  await page.evaluate(() => {
    let n = 0;
    for (let size = 1 << 20; size >= 1; size >>= 1) {
      for (;;) {
        try { localStorage.setItem(`site-${n}`, 'x'.repeat(size)); n += 1; } catch { break; }
      }
    }
  });
  await logEntry(page, { act: 1, shift: 5 });
  const notice = page.locator(`${W} [part~="notice"]`);
  await notice.waitFor({ state: 'visible' });
  assert.equal(await notice.textContent(), 'New entries can\'t be kept right now: this browser\'s storage is full. What was saved before stays as it is.');
  assert.equal(await shadowText(page, W, '.saved'), 'Kept while this page stays open. Whatever you noticed, or didn\'t, you made room for it.', 'not "Saved." next to a notice that says it is not');
  assert.deepEqual(await recent(page), ['Three minutes of sunlight on your face'], 'the entry is there while the page is open');
  assert.equal((await stored(page, KEY)).json, null, 'nothing was stored');

  // Space is freed (the page's own data removed); the visitor switches tabs: the write is tried again.
  await page.evaluate(() => {
    localStorage.removeItem('site-0');
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  });
  await page.waitForFunction((k) => localStorage.getItem(k) !== null, KEY, { polling: 50 });
  assert.equal((await stored(page, KEY)).json.items.length, 1);
  assert.equal(await shadowText(page, W, '.saved'), 'Saved. Whatever you noticed, or didn\'t, you made room for it.');
  assert.equal(await notice.isVisible(), false, 'the notice goes once the entry is stored');
  await page.reload();
  await ready(page);
  assert.deepEqual(await recent(page), ['Three minutes of sunlight on your face'], 'and it survives a reload');
  assert.deepEqual(log.errors, []);
});

// A backup from a phone whose clock ran fast, or entries saved before the clock was set back:
// stored change stamps later than this clock's "now". The summary on the same page holds its
// own copy of the records, as another tab would.
test('an entry stamped ahead of this clock: an edit of it holds, and "Delete everything" deletes it for good', async () => {
  const { page } = await openWith(ctx, ctx.fixture('summary.html'));
  await ready(page);
  await page.evaluate(() => {
    const now = Date.now();
    const d = new Date();
    const day = Math.floor(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 864e5);
    localStorage.setItem('attune.attune.pleasure', JSON.stringify({
      app: 'attune', kind: 'pleasure', version: 1, cleared_at: 0,
      items: [{ id: 'fast-clock-1', at: now - 60000, day, updated_at: now + 2 * 3600000, act: 'own', text: 'words from the fast phone', shift: 2, signals: 0 }],
    }));
  });
  await page.reload();
  await ready(page);
  await page.locator(`${W} button[data-action="entry-edit"][data-value="fast-clock-1"]`).click();
  await button(page, W, 'go').click();
  await button(page, W, 'shift', 9).click();
  await button(page, W, 'next').click();
  await button(page, W, 'save').click();
  assert.equal(await shadowText(page, W, '.said'), 'Saved');
  assert.equal((await stored(page, KEY)).json.items[0].shift, 9, 'the edit is stored, not the older copy the summary held');
  await page.reload();
  await ready(page);
  assert.match((await shadowTexts(page, W, '.recent li')).join(), /a shift of 9 out of 10/);

  await deleteAll(page);
  await page.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent !== '');
  assert.equal(await shadowText(page, W, '.data-status'), 'Everything was deleted.');
  assert.deepEqual((await stored(page, KEY)).json.items, [], 'the summary\'s copy is not written back');
  await page.reload();
  await ready(page);
  assert.deepEqual(await recent(page), [], 'and it does not come back after a reload');
});

test('a full storage: a deletion that cannot be stored says so, instead of "The entry was deleted."', async () => {
  const { page } = await openWith(ctx, ctx.fixture('pleasure.html'));
  await ready(page);
  await logEntry(page, { act: 0, shift: 4 });
  await logEntry(page, { act: 6 });
  const id = (await stored(page, KEY)).json.items.find((i) => i.act === 'song').id;
  await page.evaluate(() => {
    let n = 0;
    for (let size = 1 << 20; size >= 1; size >>= 1) {
      for (;;) {
        try { localStorage.setItem(`site-${n}`, 'x'.repeat(size)); n += 1; } catch { break; }
      }
    }
  });
  await page.locator(`${W} button[data-action="entry-delete"][data-value="${id}"]`).click();
  await button(page, W, 'entry-delete-yes').click();
  // Its tombstone is longer than the entry, so the deletion does not fit in the full storage.
  await page.waitForFunction(() => /may be back/.test(document.querySelector('#p').shadowRoot.querySelector('.said').textContent));
  assert.equal(await shadowText(page, W, '.said'), 'The entry is deleted on this page, but this browser isn\'t keeping changes right now, so it may be back after a reload.');
  assert.deepEqual(await recent(page), ['A warm drink']);
  // Space freed and the visitor back in the tab: the deletion is stored, and said plainly.
  await page.evaluate(() => {
    localStorage.removeItem('site-0');
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  });
  await page.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('.said').textContent === 'The entry was deleted.');
  assert.ok((await stored(page, KEY)).json.items.find((i) => i.id === id).status === 'deleted');
});

test('in a sandboxed iframe (opaque origin) both widgets work and say history won\'t be kept', async () => {
  const { context, page } = await openWith(ctx, ctx.fixture('records-frame.html'), {}, { goto: false });
  // The sandboxed document has an opaque origin, so its module and wasm fetches are cross-origin:
  // a site would serve Attune's files with CORS for this; here the test adds the header.
  await context.route('**/dist/**', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'access-control-allow-origin': '*' } });
  });
  await page.goto(ctx.fixture('records-frame.html'));
  const frame = page.frameLocator('#frame');
  await frame.locator('#p[data-state="idle"]').waitFor();
  await frame.locator('#plan[data-state="idle"]').waitFor();
  for (const sel of ['#p', '#plan']) {
    assert.equal(await frame.locator(`${sel} [part~="notice"]`).textContent(), 'History won\'t be kept this time: this browser doesn\'t allow saving.');
  }
  await frame.locator('#p button[data-action="act"][data-value="4"]').click();
  await frame.locator('#p button[data-action="now"]').click();
  await frame.locator('#p button[data-action="next"]').click();
  await frame.locator('#p button[data-action="save"]').click();
  await frame.locator('#p[data-state="done"]').waitFor();
  assert.equal(await frame.locator('#p .recent .what').first().textContent(), 'Three lines of writing, one sketch or one photo');
  await frame.locator('#plan button[data-action="start"]').click();
  await frame.locator('#plan[data-state="running"]').waitFor();
  await frame.locator('#plan button[data-action="cue"][data-value="0"]').click();
  assert.equal(await frame.locator('#plan button[data-action="cue"][data-value="0"]').getAttribute('aria-pressed'), 'true');
});

test('export (JSON and CSV), delete everything after a confirm, import: the same entries come back', async () => {
  const { page, log } = await openWith(ctx, ctx.fixture('pleasure.html'), { acceptDownloads: true });
  await ready(page);
  await logEntry(page, { act: 0, shift: 4, signals: [1] });
  await logEntry(page, { words: 'soup, "warm"\nand =SUM(A1)', shift: 0 });
  const before = (await stored(page, KEY)).json.items;
  assert.equal(before.length, 2);
  // A session of another widget in the same namespace: part of the bundle too.
  await page.evaluate(() => {
    const at = Date.now();
    const d = new Date(at);
    const day = Math.floor(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 864e5);
    localStorage.setItem('attune.attune.sessions', JSON.stringify({ app: 'attune', kind: 'sessions', version: 1, cleared_at: 0,
      items: [{ id: 'breath-1', widget: 'breathing', at, day, updated_at: at, completed: true, rating: 6 }] }));
  });

  await openData(page);
  const [json] = await Promise.all([page.waitForEvent('download'), button(page, W, 'export-json').click()]);
  assert.match(json.suggestedFilename(), /^attune-records-\d{4}-\d\d-\d\d\.json$/);
  assert.equal(await shadowText(page, W, '.data-status'), `Saved as a file: ${json.suggestedFilename()}.`, 'said, as a download is not heard in every browser');
  const bundlePath = await json.path();
  const bundle = JSON.parse(readFileSync(bundlePath, 'utf8'));
  assert.equal(bundle.app, 'attune');
  assert.equal(bundle.kind, 'bundle');
  assert.equal(bundle.version, 1);
  assert.deepEqual(bundle.pleasure.items.map((i) => i.id), before.map((i) => i.id));
  assert.deepEqual(bundle.sessions.items.map((i) => i.id), ['breath-1']);

  const [csv] = await Promise.all([page.waitForEvent('download'), button(page, W, 'export-csv').click()]);
  assert.match(csv.suggestedFilename(), /^attune-pleasure-\d{4}-\d\d-\d\d\.csv$/);
  const csvText = readFileSync(await csv.path(), 'utf8');
  const lines = csvText.replace(/^\ufeff/, '').split('\r\n');
  assert.equal(lines[0], 'date,time,act code,act,shift,signals');
  // The time of day as a spreadsheet reads one, in the visitor's own time zone.
  const local = await page.evaluate((ms) => { const d = new Date(ms); return [d.getHours(), d.getMinutes()].map((n) => String(n).padStart(2, '0')).join(':'); }, bundle.pleasure.items[0].at);
  assert.ok(lines.slice(1).some((l) => l.split(',')[1] === local), `${local} in ${lines.join(' | ')}`);
  assert.match(csvText, /,song,A favourite song from before,4,Time moved a little faster\r\n/, 'the signals in words');
  assert.ok(csvText.includes('"\'soup, ""warm"" and =SUM(A1)"') || csvText.includes('"soup, ""warm"" and =SUM(A1)"'), csvText);

  // Delete: a confirm step, Cancel changes nothing and gives focus back.
  await button(page, W, 'delete').click();
  assert.equal(await page.locator(`${W} .confirm`).isVisible(), true);
  assert.equal((await deepFocus(page)).action, 'delete-cancel', 'focus goes to the safe choice');
  await page.keyboard.press('Escape'); // as Cancel
  assert.equal(await page.locator(`${W} .confirm`).isVisible(), false);
  assert.equal((await deepFocus(page)).action, 'delete');
  assert.equal((await stored(page, KEY)).json.items.length, 2);
  await button(page, W, 'delete').click();
  await button(page, W, 'delete-yes').click();
  // Said once storage was read back, a moment later (the write waits for the tabs' lock).
  await page.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent !== '');
  assert.equal(await shadowText(page, W, '.data-status'), 'Everything was deleted.');
  assert.equal((await deepFocus(page)).action, 'delete');
  assert.deepEqual(await recent(page), []);
  assert.equal((await stored(page, KEY)).json.items.length, 0);
  assert.equal((await stored(page, 'attune.attune.sessions')).json.items.length, 0, 'sessions are part of everything');
  assert.equal(await shadowText(page, W, '.summary'), 'Nothing logged this past week, and that\'s fine. One small thing, whenever you like.');
  // Closed and opened again, the panel no longer says it: that was about then.
  await page.locator(`${W} details.data > summary`).click();
  await openData(page);
  assert.equal(await shadowText(page, W, '.data-status'), '');

  // A file that is not ours changes nothing and says so.
  const alien = scratch('alien.json');
  writeFileSync(alien, '{"theme":"dark"}');
  const pick = async (path) => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button(page, W, 'import').click()]);
    await chooser.setFiles(path);
  };
  await pick(alien);
  await page.waitForFunction(() => /nothing was changed/.test(document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent));
  assert.equal(await shadowText(page, W, '.data-status'), 'This file isn\'t an Attune export, so nothing was changed.');
  const damagedFile = scratch('damaged.json');
  writeFileSync(damagedFile, readFileSync(bundlePath, 'utf8').slice(0, 200));
  await pick(damagedFile);
  await page.waitForFunction(() => /couldn't be read/.test(document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent));
  assert.equal((await stored(page, KEY)).json.items.length, 0);

  await pick(bundlePath);
  await page.waitForFunction(() => /^Imported/.test(document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent));
  assert.equal(await shadowText(page, W, '.data-status'), 'Imported: 3 records added, 0 already here.');
  const after = (await stored(page, KEY)).json.items;
  assert.deepEqual(after.map((i) => i.id), before.map((i) => i.id), 'the same entries, by id');
  assert.deepEqual(after.map(({ updated_at, ...rest }) => rest), before.map(({ updated_at, ...rest }) => rest));
  assert.equal((await recent(page)).length, 2);
  assert.deepEqual((await stored(page, 'attune.attune.sessions')).json.items.map((i) => i.id), ['breath-1']);
  // Importing the same file again adds nothing.
  await pick(bundlePath);
  await page.waitForFunction(() => /3 already here/.test(document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent));
  assert.equal((await stored(page, KEY)).json.items.length, 2);
  // A single-kind document (what is stored) imports too.
  await button(page, W, 'delete').click();
  await button(page, W, 'delete-yes').click();
  const single = scratch('single.json');
  writeFileSync(single, JSON.stringify(bundle.pleasure));
  await pick(single);
  await page.waitForFunction(() => /2 records added/.test(document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent));
  // The same two, changed and deleted later on another device (its clock a minute ahead):
  // an import takes both, so two devices that swap files agree in the end.
  const [first, second] = (await stored(page, KEY)).json.items;
  const later = Date.now() + 60_000;
  const { text: _t, shift: _s, signals: _g, ...bare } = second;
  const changed = {
    ...bundle.pleasure,
    items: [{ ...first, shift: 9, updated_at: later }, { ...bare, signals: 0, status: 'deleted', updated_at: later }],
  };
  const changedFile = scratch('changed.json');
  writeFileSync(changedFile, JSON.stringify(changed));
  await pick(changedFile);
  await page.waitForFunction(() => /updated/.test(document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent));
  assert.equal(await shadowText(page, W, '.data-status'), 'Imported: 0 records added, 2 already here. Of those already here, 2 were updated: they were changed or deleted later in the file.');
  const merged = (await stored(page, KEY)).json.items;
  assert.deepEqual(merged.map((i) => [i.id, i.shift ?? null, i.status ?? 'logged']), [[first.id, 9, first.status ?? 'logged'], [second.id, null, 'deleted']]);
  assert.equal((await recent(page)).length, 1, 'the deleted one is gone from the list');
  // The older file again changes nothing: the later edit and the deletion stand.
  await pick(single);
  await page.waitForFunction(() => /1 already here\. Left out 1/.test(document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent));
  assert.deepEqual((await stored(page, KEY)).json.items, merged);
  assert.deepEqual(log.errors, []);
});

test('Spanish: the page language is followed, the chart and dates too', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'));
  await page.evaluate(() => {
    document.documentElement.lang = 'es';
    const el = document.createElement('attune-pleasure');
    el.id = 'p';
    el.setAttribute('storage', 'none');
    document.querySelector('#slot').append(el);
  });
  await ready(page);
  assert.equal(await shadowText(page, W, '[part~="title"]'), 'Un pequeño momento agradable');
  assert.equal(await button(page, W, 'save').textContent(), 'Guardar');
  assert.match(await page.locator(`${W} .chart svg`).getAttribute('aria-label'), /^Últimos 14 días/);
  assert.equal(await shadowText(page, W, '.stays'), 'Esta página no guarda historial: no se conserva nada.');
  assert.equal(await shadowText(page, W, '[part~="notice"]'), '', 'storage="none" was the site\'s choice: no warning');
  await logEntry(page, { act: 5, shift: 2 });
  assert.equal((await shadowText(page, W, '.saved')).trim(), 'Se conserva mientras la página siga abierta. Hayas notado algo o no, te diste ese espacio.',
    'not "Saved": nothing outlasts the page');
  assert.match(await shadowText(page, W, '.recent .when'), /un cambio de 2\ssobre\s10/);
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing was written with storage="none"');
});

test('"Delete everything" deletes what every storage-key keeps, in both storages, as its question says: a second tracker on the page empties too', async () => {
  const { page } = await openWith(ctx, ctx.fixture('records.html'));
  await trackers(page, [['p', {}], ['q', { storageKey: 'clinic2' }], ['r', { storageKey: 'group-b', storage: 'session' }]]);
  for (const sel of ['#p', '#q', '#r']) await logEntry(page, { words: `kept under ${sel}`, shift: 3 }, sel);
  await settled(page); // (written under each storage-key's lock, a moment after the saves)
  // Records of a storage-key with no widget on this page, and a key of another app's.
  await page.evaluate(() => {
    localStorage.setItem('attune.old-page.pleasure', localStorage.getItem('attune.clinic2.pleasure').replaceAll('#q', 'an old page'));
    localStorage.setItem('attune.settings', 'another app\'s');
    localStorage.setItem('attune.settings.theme', 'dark');
  });
  const question = await page.evaluate(() => {
    const root = document.querySelector('#p').shadowRoot;
    root.querySelector('details.data').open = true;
    root.querySelector('[data-action="delete"]').click();
    return root.querySelector('.confirm').textContent;
  });
  assert.match(question, /^Delete everything these exercises keep in this browser/);
  await button(page, W, 'delete-yes').click();
  await page.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent !== '');
  assert.equal(await shadowText(page, W, '.data-status'), 'Everything was deleted.');
  const left = await page.evaluate(() => [localStorage, sessionStorage].flatMap((area) => Object.keys(area).map((k) => [k, area.getItem(k)])));
  assert.deepEqual(left.filter(([, v]) => /kept under|an old page/.test(v)), [], 'no entry of any storage-key is left');
  assert.ok(left.some(([k, v]) => k === 'attune.settings' && v === 'another app\'s'), 'another app\'s key stays');
  assert.ok(left.some(([k, v]) => k === 'attune.settings.theme' && v === 'dark'), 'and its other key');
  // Nothing written where a storage-key kept nothing: group-b lived in this tab's sessionStorage.
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('attune.group-b.'))), [], 'no key of group-b in localStorage');
  for (const sel of ['#q', '#r']) {
    await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelectorAll('.recent li').length === 0, sel, { polling: 50 });
  }
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('attune.settings.'))), ['attune.settings.theme'], 'nothing written for a key that is not ours');
});

test('"Delete everything" reaches every storage-key at the click, while this one waits for another tab: an entry saved after it under another key stays', async () => {
  const { page } = await openWith(ctx, ctx.fixture('records.html'));
  await trackers(page, [['p', {}], ['q', { storageKey: 'clinic2' }]]);
  for (const sel of ['#p', '#q']) await logEntry(page, { words: `before, under ${sel}`, shift: 2 }, sel);
  await settled(page); // (before the lock below is taken, which settled() would wait for)
  // Another tab holds this widget's namespace: its deletion waits.
  await takeLock(page);
  await deleteAll(page, W);
  await page.waitForFunction(() => document.querySelector('#q').shadowRoot.querySelectorAll('.recent li').length === 0, null, { polling: 50 });
  await logEntry(page, { words: 'after the click', shift: 4 }, '#q');
  await page.evaluate(() => window.release());
  await page.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent !== '');
  assert.equal(await shadowText(page, W, '.data-status'), 'Everything was deleted.');
  const kept = (await stored(page, 'attune.clinic2.pleasure')).json.items.filter((i) => !i.deleted);
  assert.deepEqual(kept.map((i) => i.text), ['after the click'], 'what was saved after the click stays; what was before is gone');
  assert.deepEqual(await recent(page, '#q'), ['after the click']);
  assert.deepEqual((await stored(page, KEY)).json.items, []);
});

test('"Delete everything" reaches a storage-key whose first entry is still waiting for another tab\'s lock: it goes too, not written after "Everything was deleted."', async () => {
  const { page } = await openWith(ctx, ctx.fixture('records.html'));
  await trackers(page, [['p', {}], ['q', { storageKey: 'clinic2' }]]);
  await takeLock(page, 'attune:clinic2');
  await logEntry(page, { words: 'before the click, under #q', shift: 2 }, '#q');
  assert.equal(await page.evaluate(() => localStorage.getItem('attune.clinic2.pleasure')), null, 'not stored yet: its write waits');
  await deleteAll(page, W);
  await page.waitForFunction(() => document.querySelector('#q').shadowRoot.querySelectorAll('.recent li').length === 0, null, { polling: 50 });
  assert.equal(await shadowText(page, W, '.data-status'), '', 'nothing said while clinic2 waits');
  await page.evaluate(() => window.release());
  await page.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent !== '');
  assert.equal(await shadowText(page, W, '.data-status'), 'Everything was deleted.');
  const kept = ((await stored(page, 'attune.clinic2.pleasure')).json?.items ?? []).filter((i) => !i.deleted);
  assert.deepEqual(kept.map((i) => i.text), [], 'what was saved before the click is gone');
  assert.deepEqual(await recent(page, '#q'), []);
});

test('storage="session": a save says it is kept while the page stays open (the tab\'s storage goes with the tab), not "Saved"', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'));
  const mount = () => page.evaluate(() => {
    const el = document.createElement('attune-pleasure');
    el.id = 'p';
    el.setAttribute('storage', 'session');
    document.querySelector('#slot').append(el);
  });
  await mount();
  await ready(page);
  assert.equal(await shadowText(page, W, '[part~="notice"]'), '', 'the site\'s choice: no warning');
  await logEntry(page, { act: 1, shift: 3 });
  assert.equal(await shadowText(page, W, '.saved'), 'Kept while this page stays open. Whatever you noticed, or didn\'t, you made room for it.');
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing in the storage that outlasts the tab');
  // A reload of the same tab keeps it, as the tab's storage does.
  await page.reload();
  await mount();
  await ready(page);
  assert.equal(await page.locator(`${W} .recent li`).count(), 1);
});

test('the spreadsheet file of a visitor in Spain is split by semicolons, as a Spanish spreadsheet expects, and words with one stay whole', async () => {
  const { page } = await openWith(ctx, ctx.fixture('records.html'), { acceptDownloads: true, locale: 'es-ES' });
  await page.evaluate(() => {
    const el = document.createElement('attune-pleasure');
    el.id = 'p';
    el.lang = 'es';
    el.setAttribute('storage', 'none');
    document.querySelector('#slot').append(el);
  });
  await ready(page);
  await logEntry(page, { words: 'té; luego =1+1', shift: 3 });
  await openData(page);
  const [csv] = await Promise.all([page.waitForEvent('download'), button(page, W, 'export-csv').click()]);
  const lines = readFileSync(await csv.path(), 'utf8').replace(/^\ufeff/, '').split('\r\n');
  assert.equal(lines[0], 'fecha;hora;código;actividad;cambio;señales');
  assert.match(lines[1], /^\d{4}-\d\d-\d\d;\d\d:\d\d;own;"té; luego =1\+1";3;$/);
  // In Mexico the same Spanish widget writes commas: its spreadsheets split on them.
  const mx = await openWith(ctx, ctx.fixture('records.html'), { acceptDownloads: true, locale: 'es-MX' });
  await mx.page.evaluate(() => {
    const el = document.createElement('attune-pleasure');
    el.id = 'p';
    el.lang = 'es';
    el.setAttribute('storage', 'none');
    document.querySelector('#slot').append(el);
  });
  await ready(mx.page);
  await logEntry(mx.page, { words: 'té; luego', shift: 3 });
  await openData(mx.page);
  const [mxCsv] = await Promise.all([mx.page.waitForEvent('download'), button(mx.page, W, 'export-csv').click()]);
  const mxLines = readFileSync(await mxCsv.path(), 'utf8').replace(/^\ufeff/, '').split('\r\n');
  assert.equal(mxLines[0], 'fecha,hora,código,actividad,cambio,señales');
  assert.match(mxLines[1], /,own,"té; luego",3,$/);
});

for (const [colorScheme, width] of [['light', 1000], ['dark', 1000], ['light', 360], ['dark', 360]]) {
  test(`axe finds nothing wrong in any state (${colorScheme}, ${width} px)`, async () => {
    const { page } = await openWith(ctx, ctx.fixture('pleasure.html'), { colorScheme, viewport: { width, height: 800 } });
    await ready(page);
    if (colorScheme === 'dark') {
      await page.evaluate(() => document.querySelector('#p').setAttribute('theme', 'dark'));
      await ready(page);
    }
    const check = async (state) => {
      const v = await axe(page);
      assert.deepEqual(v, [], `${state}:\n${JSON.stringify(v, null, 2)}`);
    };
    await check('empty');
    await button(page, W, 'go').click();
    await check('asking for a choice');
    await button(page, W, 'act', 1).click();
    await button(page, W, 'go').click();
    await check('gone to do it');
    await button(page, W, 'back').click();
    await check('did anything shift');
    await button(page, W, 'next').click();
    await check('tiny signals');
    await button(page, W, 'save').click();
    await waitState(page, W, 'done');
    await logEntry(page, { act: 2, shift: 6, signals: [2, 5] });
    await logEntry(page, { words: 'a long walk by the river with the dog, slowly', signals: [1] });
    await check('saved, with history');
    await button(page, W, 'range', 30).click();
    await openData(page);
    await button(page, W, 'delete').click();
    await check('30 days, records open, confirm showing');
    await button(page, W, 'delete-cancel').click();
    if (width === 360) {
      const overflow = await page.evaluate(() => {
        const root = document.querySelector('#p').shadowRoot;
        const base = root.querySelector('[part~="base"]').getBoundingClientRect();
        return [...root.querySelectorAll('*')].filter((e) => {
          const r = e.getBoundingClientRect();
          return r.width > 0 && (r.right > base.right + 1 || r.left < base.left - 1);
        }).map((e) => e.className || e.tagName);
      });
      assert.deepEqual(overflow, [], 'nothing sticks out at 360 px');
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= 360), true, 'no sideways scrolling');
    }
  });
}

test('in steps on a 360 x 640 phone: each step fits the screen, and the pick waits through a reload until done, changed or dropped', async () => {
  const { page } = await openWith(ctx, ctx.fixture('pleasure.html'), { viewport: { width: 360, height: 640 } });
  await ready(page);
  const fits = async (name) => {
    assert.equal(await step(page), name);
    const box = await page.evaluate(() => {
      const s = document.querySelector('#p').shadowRoot.querySelector('.step:not([hidden])');
      const r = s.getBoundingClientRect();
      return { h: r.height, overflow: s.scrollHeight > s.clientHeight + 1 };
    });
    assert.ok(box.h <= 640, `the ${name} step is ${box.h} px tall`);
    assert.equal(box.overflow, false, `nothing scrolls inside the ${name} step`);
  };
  await fits('pick');
  await button(page, W, 'act', 1).click();
  await button(page, W, 'go').click();
  await fits('away');
  assert.equal(await shadowText(page, W, '.pick-what'), 'Three minutes of sunlight on your face');
  assert.match(await shadowText(page, W, '[data-step="away"] .hint'), /come back when you're ready.*even if you close the page/i);
  let { json } = await stored(page, KEY);
  assert.deepEqual(json.items.map((i) => [i.act, i.status]), [['sunlight', 'picked']]);
  assert.equal((await events(page, 'entry')).length, 0, 'a pick is not an entry');

  assert.equal(await page.locator(`${W} .pick-when`).isVisible(), false, 'picked today: no day to name');

  // The pick waits through a reload.
  await page.reload();
  await ready(page);
  assert.equal(await step(page), 'away');
  assert.equal(await shadowText(page, W, '.pick-what'), 'Three minutes of sunlight on your face');
  assert.equal(await page.locator(`${W} .history`).isVisible(), false, 'a pick is not history');

  // Back days later, the card says when it was picked.
  const [then, expected] = await page.evaluate(([k]) => {
    const doc = JSON.parse(localStorage.getItem(k));
    const pick = doc.items[0];
    pick.day -= 3;
    pick.at -= 3 * 86_400_000;
    localStorage.setItem(k, JSON.stringify(doc));
    const d = new Date(pick.at);
    return [pick.day, String(d.getDate())];
  }, [KEY]);
  assert.ok(then > 0);
  await page.reload();
  await ready(page);
  assert.equal(await step(page), 'away');
  const when = await shadowText(page, W, '.pick-when');
  assert.match(when, /^Picked on /);
  assert.match(when, new RegExp(`\\b${expected}\\b`), `${when}: the day three days ago`);

  // It can be changed: back to the first step with it chosen, and the same pick is updated.
  await button(page, W, 'change').click();
  assert.equal(await step(page), 'pick');
  assert.equal(await button(page, W, 'act', 1).getAttribute('aria-pressed'), 'true');
  // A way back, as it was: Cancel, or Escape.
  await button(page, W, 'act', 2).click();
  await button(page, W, 'cancel').click();
  assert.equal(await step(page), 'away');
  assert.equal(await shadowText(page, W, '.pick-when'), when, 'the pick as it was');
  assert.equal(await shadowText(page, W, '.pick-what'), 'Three minutes of sunlight on your face');
  await button(page, W, 'change').click();
  await button(page, W, 'act', 2).focus();
  await page.keyboard.press('Escape');
  assert.equal(await step(page), 'away');
  assert.equal((await stored(page, KEY)).json.items[0].act, 'sunlight', 'nothing changed');
  assert.equal(await shadowText(page, W, '.pick-what'), 'Three minutes of sunlight on your face');
  await button(page, W, 'change').click();
  await page.locator(`${W} #own`).fill('sit in the sun with tea');
  await button(page, W, 'go').click();
  ({ json } = await stored(page, KEY));
  assert.deepEqual(json.items.map((i) => [i.act, i.text, i.status]), [['own', 'sit in the sun with tea', 'picked']]);

  // And dropped: nothing is kept of it.
  await button(page, W, 'drop').click();
  assert.equal(await step(page), 'pick');
  assert.equal(await button(page, W, 'cancel').isVisible(), false, 'nothing is being changed now');
  assert.equal(await shadowText(page, W, '.dropped'), 'That\'s fine. Pick something whenever you like, or nothing at all.');
  ({ json } = await stored(page, KEY));
  assert.equal(json.items.length, 1);
  assert.equal(json.items[0].status, 'deleted');
  assert.ok(!JSON.stringify(json).includes('tea'), 'a dropped pick keeps none of its words');
  await page.reload();
  await ready(page);
  assert.equal(await step(page), 'pick');

  // Done for real: the questions, each fitting the screen, then saved with one warm line.
  await button(page, W, 'act', 6).click();
  await button(page, W, 'go').click();
  await button(page, W, 'back').click();
  await fits('shift');
  assert.deepEqual(await page.evaluate(() => [...document.querySelector('#p').shadowRoot.querySelectorAll('[data-step="shift"] .scale-ends span')].map((e) => e.textContent)),
    ['0 nothing, and that\'s fine', '10 a clear shift']);
  await button(page, W, 'shift', 1).click();
  await button(page, W, 'next').click();
  await fits('signals');
  assert.deepEqual((await shadowTexts(page, W, 'button[data-action="signal"]')).slice(-3), ['A flicker of irritation', 'A touch of nostalgia', 'I noticed I preferred something']);
  assert.match(await shadowText(page, W, '[data-step="signals"] .hint'), /^Irritation or sadness often comes back before joy does\. If one of them showed up, that counts too/);
  await button(page, W, 'signal', 6).click();
  await button(page, W, 'save').click();
  await waitState(page, W, 'done');
  await fits('saved');
  ({ json } = await stored(page, KEY));
  const logged = json.items.filter((i) => !i.status);
  assert.equal(logged.length, 1);
  assert.deepEqual([logged[0].act, logged[0].shift, logged[0].signals], ['warm-drink', 1, 64]);
  assert.equal(json.items.filter((i) => i.status === 'picked').length, 0, 'the pick became the entry');
  const [entry] = await events(page, 'entry');
  assert.equal(entry.detail.signal_ids, 'irritation');
});

test('a pick waiting as midnight passes says, from then, the day it was picked', async () => {
  const { page } = await ctx.open(ctx.fixture('pleasure.html'), { clock: { time: new Date('2026-12-04T23:55:00') } });
  await ready(page);
  await button(page, W, 'act', 1).click();
  await button(page, W, 'go').click();
  assert.equal(await step(page), 'away');
  assert.equal(await page.locator(`${W} .pick-when`).isVisible(), false);
  await page.clock.runFor(10 * 60_000); // the tracker looks at the day once a minute
  assert.equal((await shadowText(page, W, '.pick-when')).replace(/\u00a0/g, ' '), 'Picked on Fri, December 4');
  assert.equal(await shadowText(page, W, '.pick-what'), 'Three minutes of sunlight on your face');
});

test('a pick waiting keeps its card, and is what "I\'m back" logs, after an Edit cancelled or a change in another tab', async () => {
  const { context, page: a } = await openWith(ctx, ctx.fixture('pleasure.html'));
  await ready(a);
  await logEntry(a, { act: 0, shift: 2 });
  await button(a, W, 'again').click();
  await button(a, W, 'act', 1).click();
  await button(a, W, 'go').click();
  const what = () => shadowText(a, W, '.pick-what');
  assert.equal(await what(), 'Three minutes of sunlight on your face');

  // Edit an entry in the history, then Cancel: the pick's card comes back whole.
  await a.locator(`${W} button[data-action="entry-edit"]`).first().click();
  await button(a, W, 'cancel').click();
  assert.equal(await step(a), 'away');
  assert.equal(await what(), 'Three minutes of sunlight on your face');

  // Another tab changes it ("Change it" keeps the pick): this tab's card follows, and so does
  // the entry "I'm back" leads to.
  const { page: b } = await newTab(ctx, context, ctx.fixture('pleasure.html'));
  await ready(b);
  assert.equal(await step(b), 'away');
  await button(b, W, 'change').click();
  await button(b, W, 'act', 6).click();
  await button(b, W, 'go').click();
  await a.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('.pick-what').textContent !== 'Three minutes of sunlight on your face', null, { timeout: 5_000 });
  assert.equal(await what(), await shadowText(b, W, '.pick-what'));
  // There, it is being changed again when it is logged here: nothing is left to cancel there.
  await button(b, W, 'change').click();
  assert.equal(await button(b, W, 'cancel').isVisible(), true);
  await button(a, W, 'back').click();
  await button(a, W, 'next').click();
  await button(a, W, 'save').click();
  await waitState(a, W, 'done');
  await b.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('[data-action="cancel"]').hidden, null, { timeout: 5_000 });
  const { json } = await stored(a, KEY);
  const logged = json.items.filter((i) => !i.status).map((i) => i.act);
  assert.equal(logged.length, 2);
  assert.ok(logged.includes('warm-drink') && !logged.includes('sunlight'), `the changed pick was logged: ${logged}`);
});

test('a pick let go in another tab, and another picked there, while it is answered here: the answer is saved, not lost under the letting go', async () => {
  const { a, b } = await twoTabs({ act: 1, later: true });
  assert.equal(await step(b), 'away');
  // Here the visitor is answering; there, the same pick is let go ("Not today").
  await button(a, W, 'back').click();
  await button(a, W, 'shift', 3).click();
  await button(b, W, 'drop').click();
  await storedHas(a, "(i) => i.status === 'deleted'");
  // And a new one picked there, at once.
  await button(b, W, 'act', 6).click();
  await button(b, W, 'go').click();
  await storedHas(a, "(i) => i.status === 'picked'");
  await a.waitForTimeout(300);
  await saveAnswer(a);
  const { json } = await stored(a, KEY);
  const logged = json.items.filter((i) => !i.status);
  assert.deepEqual(logged.map((i) => [i.act, i.shift]), [['sunlight', 3]], 'the answer is kept');
  assert.deepEqual(await recent(a), ['Three minutes of sunlight on your face'], 'and listed');
});

test('one pick answered in two tabs is one entry, the later answer, not two', async () => {
  const { a, b } = await twoTabs({ act: 6, answering: true });
  await button(a, W, 'shift', 2).click();
  await saveAnswer(a);
  await b.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelectorAll('.recent li').length === 1, null, { polling: 50 });
  await button(b, W, 'shift', 5).click();
  await saveAnswer(b);
  const { json } = await stored(b, KEY);
  assert.deepEqual(json.items.map((i) => [i.act, i.status ?? 'logged', i.shift]), [['warm-drink', 'logged', 5]]);
  await a.waitForTimeout(300);
  assert.deepEqual(await recent(a), ['A warm drink'], 'the first tab lists it once too');
  assert.deepEqual(await recent(b), ['A warm drink']);
  // The page hears of one new entry, then of its change: not of two.
  assert.equal((await events(b, 'complete')).length, 0);
  assert.equal((await events(b, 'entry'))[0].detail.edited, true);
});

test('a pick logged in another tab, then deleted there, while it is answered here: the answer is saved, as a new entry', async () => {
  const { a, b } = await twoTabs({ act: 1, answering: true });
  await button(a, W, 'shift', 3).click();
  await saveAnswer(b);
  await button(b, W, 'entry-delete').click();
  await button(b, W, 'entry-delete-yes').click();
  await a.waitForFunction(() => JSON.parse(localStorage.getItem('attune.attune.pleasure')).items.every((i) => i.status === 'deleted'));
  await a.waitForTimeout(300);
  await saveAnswer(a);
  const { json } = await stored(a, KEY);
  assert.deepEqual(json.items.filter((i) => i.status !== 'deleted').map((i) => [i.act, i.shift]), [['sunlight', 3]], 'kept, not "Saved" over nothing');
  assert.deepEqual(await recent(a), ['Three minutes of sunlight on your face']);
});

test('Back from the answers, after another tab let the pick go and picked another: the card shows the new pick, and "I\'m back" answers it', async () => {
  const { a, b } = await twoTabs({ act: 1, later: true });
  await button(a, W, 'back').click();
  await button(b, W, 'drop').click();
  await button(b, W, 'act', 6).click();
  await button(b, W, 'go').click();
  await storedHas(a, "(i) => i.status === 'picked' && i.act === 'warm-drink'");
  await a.waitForTimeout(300);
  await backToCardAndSave(a, 'A warm drink');
  const { json } = await stored(a, KEY);
  const live = json.items.filter((i) => i.status !== 'deleted');
  assert.deepEqual(live.map((i) => [i.act, i.status ?? 'logged']), [['warm-drink', 'logged']], 'the new pick answered; the one let go stays let go');
});

test('Back from the answers follows a change made to the pick in another tab ("Change it"): the card and what is logged are the changed pick', async () => {
  const { a, b } = await twoTabs({ act: 1, later: true });
  await button(a, W, 'back').click();
  await button(a, W, 'shift', 4).click();
  await button(b, W, 'change').click();
  await b.locator(`${W} #own`).fill('a bath');
  await button(b, W, 'go').click();
  await storedHas(a, "(i) => i.text === 'a bath'");
  await a.waitForTimeout(300);
  await backToCardAndSave(a, 'a bath');
  const { json } = await stored(a, KEY);
  assert.deepEqual(json.items.map((i) => [i.act, i.text, i.status ?? 'logged']), [['own', 'a bath', 'logged']]);
});

test('"I\'ve already done it", then a pick made in another tab: Back leads to this tab\'s own choice, not to that pick', async () => {
  const { a, b } = await twoTabs();
  await a.locator(`${W} #own`).fill('stroking the cat');
  await button(a, W, 'now').click();
  await button(a, W, 'shift', 6).click();
  await button(b, W, 'act', 2).click();
  await button(b, W, 'go').click();
  await storedHas(a, "(i) => i.status === 'picked'");
  await a.waitForTimeout(300);
  await backFromShift(a);
  assert.equal(await step(a), 'pick');
  assert.equal(await a.locator(`${W} #own`).inputValue(), 'stroking the cat');
});

test('a pick\'s card, with the focus on it, let go in another tab: the focus goes to the first step\'s question, not out of the widget', async () => {
  const { context, page: a } = await openWith(ctx, ctx.fixture('pleasure.html'));
  await ready(a);
  await button(a, W, 'act', 1).click();
  await button(a, W, 'go').click();
  assert.equal((await deepFocus(a)).where, 'p', 'the card\'s question has the focus');
  const { page: b } = await newTab(ctx, context, ctx.fixture('pleasure.html'));
  await ready(b);
  await button(b, W, 'drop').click();
  await a.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('.step:not([hidden])')?.dataset.step === 'pick', null, { polling: 50 });
  const focus = await deepFocus(a);
  assert.equal(focus.where, 'p', JSON.stringify(focus));
});


test('deleting an entry, asked with the focus on "Keep it": another tab\'s change rebuilds the list, and the focus stays there', async () => {
  const { a, b } = await twoTabsWithSong();
  await button(a, W, 'entry-delete').click();
  assert.equal((await deepFocus(a)).action, 'entry-keep');
  await logEntry(b, { act: 3 });
  await a.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelectorAll('.recent li').length === 2, null, { polling: 50 });
  assert.equal((await deepFocus(a)).action, 'entry-keep', 'not dropped to the page');
  await a.keyboard.press('Escape');
  assert.equal((await deepFocus(a)).action, 'entry-delete', 'so Escape still keeps it');
  assert.equal((await recent(a)).length, 2);
});

test('one entry can be edited or deleted on its own, and another open tab does not bring a deleted one back', async () => {
  const { context, page: a } = await openWith(ctx, ctx.fixture('pleasure.html'));
  const { page: b } = await newTab(ctx, context, ctx.fixture('pleasure.html'));
  await ready(a);
  await ready(b);
  await logEntry(a, { act: 0, shift: 2 });
  await logEntry(a, { words: 'my words to delete', shift: 5, signals: [1] });
  await b.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelectorAll('.recent li').length === 2, null, { polling: 50 });

  // Edit: the entry opens in the steps, with its answers; Save changes keeps its id and day.
  const song = (await stored(a, KEY)).json.items.find((i) => i.act === 'song');
  const edit = a.locator(`${W} button[data-action="entry-edit"][data-value="${song.id}"]`);
  assert.match(await edit.getAttribute('aria-label'), /^Edit “A favourite song from before”, /);
  await edit.click();
  assert.equal(await step(a), 'pick');
  assert.match(await shadowText(a, W, '.editing'), /^Changing the entry from /);
  // The focus is on the first question, which a screen reader hears with that line.
  const heard = await focusedSpeech(a);
  assert.match(heard.name, /^Pick something small/);
  assert.match(heard.description ?? '', /^Changing the entry from /, 'a screen reader is told it is changing an entry');
  assert.equal(await button(a, W, 'act', 0).getAttribute('aria-pressed'), 'true');
  await button(a, W, 'go').click();
  assert.equal(await step(a), 'shift', 'no "go and do it" when changing what was done');
  assert.equal(await button(a, W, 'shift', 2).getAttribute('aria-pressed'), 'true');
  await button(a, W, 'shift', 7).click();
  await button(a, W, 'next').click();
  assert.equal(await button(a, W, 'save').textContent(), 'Save changes');
  await button(a, W, 'save').click();
  await a.waitForFunction(() => /a shift of 7/.test(document.querySelector('#p').shadowRoot.querySelector('.recent').textContent));
  const edited = (await stored(a, KEY)).json.items.find((i) => i.id === song.id);
  assert.equal(edited.shift, 7);
  assert.equal(edited.day, song.day);
  assert.ok(edited.updated_at > song.updated_at);
  assert.equal((await stored(a, KEY)).json.items.length, 2, 'changed, not added');
  const edits = (await events(a, 'entry')).filter((e) => e.detail.edited);
  assert.equal(edits.length, 1);
  assert.equal((await events(a, 'complete')).length, 2, 'an edit is not a new completion');
  assert.equal((await deepFocus(a)).action, 'entry-edit', 'focus goes back to the entry');
  // Cancel on an edit goes back to the entry too, and changes nothing.
  await edit.click();
  await button(a, W, 'cancel').click();
  const back = await deepFocus(a);
  assert.deepEqual([back.action, await edit.evaluate((el) => el.matches(':focus'))], ['entry-edit', true], 'Cancel: focus on that entry\'s Edit');
  assert.equal((await stored(a, KEY)).json.items.find((i) => i.id === song.id).shift, 7);
  // Escape on a later step of an edit leaves it as Cancel does: nothing changed, focus back.
  await edit.click();
  await button(a, W, 'go').click();
  await button(a, W, 'shift', 3).click();
  await a.keyboard.press('Escape');
  assert.equal(await step(a), 'pick', 'Escape: out of the edit, at the first step');
  assert.equal(await shadowText(a, W, '.editing'), '');
  assert.equal(await edit.evaluate((el) => el.matches(':focus')), true, 'Escape: focus on that entry\'s Edit');
  assert.equal((await stored(a, KEY)).json.items.find((i) => i.id === song.id).shift, 7);
  await b.waitForFunction(() => /a shift of 7/.test(document.querySelector('#p').shadowRoot.querySelector('.recent').textContent), null, { polling: 50 });

  // Delete asks first; "Keep it" changes nothing.
  const mine = (await stored(a, KEY)).json.items.find((i) => i.act === 'own');
  const del = () => a.locator(`${W} button[data-action="entry-delete"][data-value="${mine.id}"]`);
  await del().click();
  assert.equal(await shadowText(a, W, '.confirm-q'), 'Delete this entry? It can\'t be undone.');
  // The focus on "Keep it" (not the question, from which Tab went to Delete first), the
  // question read as its group's name.
  const asked = await deepFocus(a);
  assert.equal(asked.action, 'entry-keep');
  assert.equal(await a.evaluate(() => {
    const root = document.querySelector('#p').shadowRoot;
    const group = root.activeElement.closest('[role="group"]');
    return root.getElementById(group.getAttribute('aria-labelledby')).textContent;
  }), 'Delete this entry? It can\'t be undone.');
  await a.keyboard.press('Escape'); // as "Keep it"
  assert.equal((await deepFocus(a)).action, 'entry-delete');
  assert.equal((await recent(a)).length, 2);
  await del().click();
  await button(a, W, 'entry-delete-yes').click();
  assert.deepEqual(await recent(a), ['A favourite song from before']);
  assert.equal(await shadowText(a, W, '.said'), 'The entry was deleted.');
  const { raw, json } = await stored(a, KEY);
  assert.ok(!raw.includes('my words to delete'), 'the words are gone from storage');
  assert.equal(json.items.find((i) => i.id === mine.id).status, 'deleted');

  // The other tab follows, and its next save does not write the entry back.
  await b.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelectorAll('.recent li').length === 1, null, { polling: 50 });
  await logEntry(b, { act: 3 });
  const after = (await stored(b, KEY)).raw;
  assert.ok(!after.includes('my words to delete'));
  await a.waitForFunction(() => document.querySelectorAll('#p').length && document.querySelector('#p').shadowRoot.querySelectorAll('.recent li').length === 2, null, { polling: 50 });
  assert.deepEqual((await recent(a)).sort(), ['A familiar scent: soap, tea, lotion', 'A favourite song from before']);

  // An entry being changed in one tab and deleted in the other stays deleted: saving the
  // change says so, writes nothing back, and neither tab shows it again, before or after a
  // reload. (Its later stamp once won, and the deleted entry came back in both tabs.)
  await b.locator(`${W} button[data-action="entry-edit"][data-value="${song.id}"]`).click();
  await button(b, W, 'go').click();
  await a.locator(`${W} button[data-action="entry-delete"][data-value="${song.id}"]`).click();
  await button(a, W, 'entry-delete-yes').click();
  await b.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelectorAll('.recent li').length === 1, null, { polling: 50 });
  const entriesBefore = (await events(b, 'entry')).length;
  await button(b, W, 'shift', 9).click();
  await button(b, W, 'next').click();
  await button(b, W, 'save').click();
  assert.equal(await shadowText(b, W, '.dropped'), 'This entry was deleted elsewhere, so the change wasn\'t kept.');
  assert.equal(await step(b), 'pick');
  assert.equal((await events(b, 'entry')).length, entriesBefore, 'no attune:entry for what was not kept');
  await new Promise((r) => setTimeout(r, 300));
  const final = (await stored(a, KEY)).json.items.find((i) => i.id === song.id);
  assert.equal(final.status, 'deleted');
  assert.equal(final.shift, undefined);
  assert.deepEqual(await recent(a), ['A familiar scent: soap, tea, lotion']);
  assert.deepEqual(await recent(b), ['A familiar scent: soap, tea, lotion']);
  await a.reload();
  await ready(a);
  assert.deepEqual(await recent(a), ['A familiar scent: soap, tea, lotion']);

  // The same when the other tab deletes everything while an entry is being changed here.
  await b.waitForFunction(() => document.querySelectorAll('#p').length && document.querySelector('#p').shadowRoot.querySelectorAll('.recent li').length === 1, null, { polling: 50 });
  const scent = (await stored(a, KEY)).json.items.find((i) => i.act === 'scent');
  await b.locator(`${W} button[data-action="entry-edit"][data-value="${scent.id}"]`).click();
  await button(b, W, 'go').click();
  await openData(a);
  await button(a, W, 'delete').click();
  await button(a, W, 'delete-yes').click();
  await b.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelectorAll('.recent li').length === 0, null, { polling: 50 });
  await button(b, W, 'shift', 4).click();
  await button(b, W, 'next').click();
  await button(b, W, 'save').click();
  // Said where the visitor is, not in the history that went with its last entry.
  assert.ok(await b.locator(`${W} .dropped`).isVisible(), 'the words are on screen');
  assert.equal(await shadowText(b, W, '.dropped'), 'This entry was deleted elsewhere, so the change wasn\'t kept.');
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual((await stored(a, KEY)).json.items, [], 'nothing written back after "Delete everything"');
});

// With its last entry gone the history hides, heading and all: the focus goes to the question
// of the step that is open, never back to the page's <body>.
test('deleting the last entry leaves the focus in the widget, on the open step\'s question', async () => {
  const { page } = await ctx.open(ctx.fixture('pleasure.html'));
  await waitState(page, W, 'idle');
  await logEntry(page, { act: 1 });
  await page.locator(`${W} button[data-action="entry-delete"]`).click();
  await button(page, W, 'entry-delete-yes').click();
  assert.equal(await shadowText(page, W, '.said'), 'The entry was deleted.');
  assert.ok(await page.locator(`${W} .said`).isVisible(), 'said where it can be seen and heard, not in the history gone with the entry');
  const f = await deepFocus(page);
  assert.equal(f.where, 'p', `the focus is in the widget (${JSON.stringify(f)})`);
  assert.ok(f.text, 'on a line with words');
});

// A consent tool that stubs storage: writes throw nothing and keep nothing.
test('storage whose writes silently do nothing: the widget says history won\'t be kept, and never "Saved"', async () => {
  const { page, log } = await ctx.open(ctx.fixture('pleasure.html'), { goto: false });
  await page.addInitScript(() => { Storage.prototype.setItem = function setItem() {}; });
  await page.goto(ctx.fixture('pleasure.html'));
  await ready(page);
  assert.equal(await shadowText(page, W, '[part~="notice"]'), 'History won\'t be kept this time: this browser doesn\'t allow saving.');
  await logEntry(page, { act: 1, shift: 5 });
  assert.equal(await shadowText(page, W, '.saved'), 'Kept while this page stays open. Whatever you noticed, or didn\'t, you made room for it.');
  assert.deepEqual(log.errors, []);
});

test('"Saved." goes once the entry it confirms is deleted: by "Delete everything", or on its own', async () => {
  const { page } = await openWith(ctx, ctx.fixture('pleasure.html'));
  await waitState(page, W, 'idle');
  await logEntry(page, { act: 0 });
  assert.equal(await step(page), 'saved');
  await deleteAll(page);
  await waitState(page, W, 'idle');
  assert.equal(await step(page), 'pick', 'no "Saved." beside "Everything was deleted."');
  // Said once storage, under the namespace's lock, reads back empty: a moment later.
  await page.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent !== '');
  assert.equal(await shadowText(page, W, '.data-status'), 'Everything was deleted.');

  await logEntry(page, { act: 1 });
  const { id } = (await stored(page, KEY)).json.items.find((e) => e.act);
  await page.locator(`${W} button[data-action="entry-delete"][data-value="${id}"]`).click();
  await button(page, W, 'entry-delete-yes').click();
  await waitState(page, W, 'idle');
  assert.equal(await step(page), 'pick');
  // "The entry was deleted." was about that entry: after "Delete everything" it goes, and
  // only "Everything was deleted." is said.
  assert.equal(await shadowText(page, W, '.said'), 'The entry was deleted.');
  await deleteAll(page);
  await page.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent === 'Everything was deleted.');
  assert.equal(await shadowText(page, W, '.said'), '');
});

test('another tab deleting the entry that "Saved." confirms: the first step comes back, and the focus with it, not lost to the page', async () => {
  const { context, page: a } = await openWith(ctx, ctx.fixture('pleasure.html'));
  const { page: b } = await newTab(ctx, context, ctx.fixture('pleasure.html'));
  await waitState(a, W, 'idle');
  await waitState(b, W, 'idle');
  await logEntry(a, { act: 0 });
  await button(a, W, 'again').focus();
  const { id } = (await stored(a, KEY)).json.items.find((e) => e.act);
  await b.waitForFunction((i) => document.querySelector('#p').shadowRoot.querySelector(`button[data-action="entry-delete"][data-value="${i}"]`), id, { polling: 50 });
  await b.locator(`${W} button[data-action="entry-delete"][data-value="${id}"]`).click();
  await button(b, W, 'entry-delete-yes').click();
  await waitState(a, W, 'idle');
  assert.equal(await step(a), 'pick');
  const f = await deepFocus(a);
  assert.notEqual(f.where, 'body', 'the focus stays in the widget');
});

test('"Delete everything" in one widget takes the kept-aside notice away from the others of the namespace too', async () => {
  const { page } = await openWith(ctx, ctx.fixture('records.html'));
  const damaged = '{"app":"attune","kind":"pleasure","version":1,"items":[{"id":"abc","at":';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, damaged]);
  await page.reload();
  await page.evaluate(() => {
    document.querySelector('#slot').innerHTML = '<attune-pleasure id="p"></attune-pleasure><attune-pleasure id="q"></attune-pleasure>';
  });
  await waitState(page, W, 'idle');
  await waitState(page, '#q', 'idle');
  const notice = (sel) => page.evaluate((s) => {
    const el = document.querySelector(s).shadowRoot.querySelector('[part~="notice"]');
    return el && !el.hidden ? el.textContent : '';
  }, sel);
  assert.match(await notice('#q'), /^Some saved data couldn't be read/);
  await deleteAll(page);
  await page.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent !== '');
  assert.equal(await shadowText(page, W, '.data-status'), 'Everything was deleted.');
  assert.equal(await notice('#p'), '');
  await page.waitForFunction(() => {
    const el = document.querySelector('#q').shadowRoot.querySelector('[part~="notice"]');
    return !el || el.hidden || el.textContent === '';
  }, null, { timeout: 5000 });
});

test('on a touch screen a suggestion tapped twice looks like the others again: no hover look left stuck under the finger', async () => {
  const { page } = await openWith(ctx, ctx.fixture('pleasure.html'), { hasTouch: true, isMobile: true, viewport: { width: 360, height: 740 } });
  await ready(page);
  const look = (i) => page.evaluate((n) => {
    const chip = document.querySelector('#p').shadowRoot.querySelectorAll('[data-action="act"]')[n];
    const s = getComputedStyle(chip);
    return [s.backgroundColor, s.borderColor];
  }, i);
  const untouched = await look(1);
  await button(page, W, 'act', 0).tap();
  assert.notDeepEqual(await look(0), untouched, 'chosen, it looks chosen');
  await button(page, W, 'act', 0).tap();
  assert.equal(await button(page, W, 'act', 0).getAttribute('aria-pressed'), 'false');
  await page.waitForTimeout(600); // the pressed look fading (a stuck hover look would stay)
  assert.deepEqual(await look(0), untouched);
});

test('on a touch screen a tap is answered in the button\'s own shape, not by the phone\'s blue rectangle', async () => {
  const { page } = await openWith(ctx, ctx.fixture('pleasure.html'), { hasTouch: true, isMobile: true, viewport: { width: 360, height: 740 } });
  await ready(page);
  // Held down, a button shows it is being pressed, in its own rounded shape: a chip, and a
  // primary button (its words still on their own colour).
  for (const action of ['act', 'go']) {
    const look = () => page.evaluate((a) => {
      const el = document.querySelector('#p').shadowRoot.querySelector(`[data-action="${a}"]`);
      const s = getComputedStyle(el);
      return { highlight: s.webkitTapHighlightColor, background: s.backgroundColor };
    }, action);
    const before = await look();
    assert.equal(before.highlight, 'rgba(0, 0, 0, 0)', action);
    const held = await whileHeld(page, button(page, W, action).first(), look);
    assert.notEqual(held.background, before.background, action);
  }
});

test('a suggestion\'s edge stands out from the card as the body scan\'s tags do (it read as faint text at 1.3:1)', async () => {
  const { page } = await ctx.open(ctx.fixture('pleasure.html'));
  await ready(page);
  const ratio = await page.evaluate(() => {
    const root = document.querySelector('#p').shadowRoot;
    const rgb = (c) => {
      const probe = document.createElement('canvas').getContext('2d');
      probe.fillStyle = c;
      probe.fillRect(0, 0, 1, 1);
      return [...probe.getImageData(0, 0, 1, 1).data].slice(0, 3);
    };
    const lum = (c) => {
      const [r, g, b] = rgb(c).map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const edge = lum(getComputedStyle(root.querySelector('[data-action="act"]')).borderTopColor);
    const card = lum(getComputedStyle(root.querySelector('[part~="base"]')).backgroundColor);
    return (Math.max(edge, card) + 0.05) / (Math.min(edge, card) + 0.05);
  });
  assert.ok(ratio >= 2.2, `edge against the card: ${ratio.toFixed(2)}:1`);
});

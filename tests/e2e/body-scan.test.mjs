// The body scan on the one clock (Playwright's fake clock, no real waiting): ten regions of two
// seconds, tags saved and shown on the body outline and in its text alternative, a pause across
// a region boundary, the palms and the hand-paced temperature variants, keyboard, reduced motion,
// and axe in every state, light and dark, at 360 px.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attr, axe, button, deepFocus, events, listenFor, openWith, partText, pauseClock, setHidden, storedSessions, useBrowser, waitState } from './helpers.mjs';

const ctx = useBrowser();

// With a fake clock, stopped (time moves only by runFor / fastForward) unless `flowing`: axe
// needs its own timers to run.
async function openScans({ flowing = false, ...options } = {}) {
  const opened = await ctx.open(ctx.fixture('body-scan.html'), { clock: true, ...options, goto: false });
  await listenFor(opened.page, ['step']);
  await opened.page.goto(ctx.fixture('body-scan.html'));
  for (const sel of ['#full', '#palms', '#temp']) await waitState(opened.page, sel, 'idle');
  if (!flowing) await pauseClock(opened.page);
  return opened;
}

const shown = (page, sel) => page.evaluate((s) => {
  const el = document.querySelector(s);
  const root = el.shadowRoot;
  const visible = (q) => { const x = root.querySelector(q); return x && !x.closest('[hidden]') ? x.textContent.trim() : null; };
  return {
    state: el.getAttribute('data-state'),
    meta: visible('.step-meta'),
    heading: visible('.stage-scan .step-title'),
    cue: visible('.cue') || null,
    toggle: visible('[data-action="toggle"]'),
    progress: Number(getComputedStyle(root.querySelector('.rest')).getPropertyValue('--progress') || 0),
    live: root.querySelector('[aria-live]').textContent.trim(),
  };
}, sel);

const tag = (page, sel, id) => button(page, sel, 'tag', id).click();
const pressed = (page, sel) => page.evaluate((s) => [...document.querySelector(s).shadowRoot.querySelectorAll('[data-action="tag"][aria-pressed="true"]')].map((b) => b.dataset.value), sel);

// The outline at the end: which regions are lit, and how a lit one and an unlit one are painted.
const outline = (page, sel) => page.evaluate((s) => {
  const root = document.querySelector(s).shadowRoot;
  const svg = root.querySelector('.outline-figure');
  const lit = [...svg.querySelectorAll('[data-region][data-noticed="true"]')].map((g) => g.dataset.region);
  const fill = (r) => getComputedStyle(svg.querySelector(`[data-region="${r}"] > *`)).fill;
  return {
    visible: !svg.closest('[hidden]') && svg.getBoundingClientRect().height > 50,
    regions: [...svg.querySelectorAll('[data-region]')].map((g) => g.dataset.region),
    lit,
    fills: Object.fromEntries([...svg.querySelectorAll('[data-region]')].map((g) => [g.dataset.region, fill(g.dataset.region)])),
    text: root.querySelector('[part~="outline-text"]').textContent,
    details: [...root.querySelectorAll('.details li')].map((li) => [...li.children].map((c) => c.textContent).join(' · ')),
  };
}, sel);

test('ten regions of 2 s on the clock: tags per region, a pause across a boundary, the outline at the end', async () => {
  const { page, log } = await openScans();
  await button(page, '#full', 'toggle').click();
  let s = await shown(page, '#full');
  assert.deepEqual([s.state, s.meta, s.heading, s.toggle], ['running', 'Part 1 of 10', 'Head and face', 'Pause']);
  assert.match(s.live, /^Part 1 of 10\. Head and face\. Bring your attention/);
  const start = (await events(page, 'start')).find((e) => e.id === 'full');
  assert.deepEqual(start.detail, { widget: 'body-scan', variant: 'full', advance: 'auto', steps: 10, seconds: 2 });

  // Head: warmth and tension, strength 6. Nothing noticed clears them; choosing again clears it.
  await tag(page, '#full', 'warmth');
  await tag(page, '#full', 'nothing');
  assert.deepEqual(await pressed(page, '#full'), ['nothing']);
  assert.equal((await shown(page, '#full')).live, 'Nothing noticed here, so the other choices for this part are cleared.', 'a screen reader hears that warmth was let go');
  await tag(page, '#full', 'warmth');
  assert.equal((await shown(page, '#full')).live, '', 'and that is no longer said once warmth is chosen again');
  await tag(page, '#full', 'tension');
  assert.deepEqual(await pressed(page, '#full'), ['warmth', 'tension']);
  assert.equal(await button(page, '#full', 'intensity', 6).isVisible(), true, 'a strength is offered once something is chosen');
  await button(page, '#full', 'intensity', 6).click();
  assert.equal(await button(page, '#full', 'intensity', 6).getAttribute('aria-pressed'), 'true');

  await page.clock.runFor(1000);
  s = await shown(page, '#full');
  assert.equal(s.heading, 'Head and face');
  assert.ok(Math.abs(s.progress - 500) <= 20, `the calm progress cue is half way (${s.progress})`);
  // Choosing tags holds the region: its time runs out, and it waits for Next.
  await page.clock.runFor(1000);
  s = await shown(page, '#full');
  assert.deepEqual([s.heading, s.cue], ['Head and face', 'Staying here while you choose. Press Next whenever you\'re ready.']);
  await button(page, '#full', 'next').click();
  s = await shown(page, '#full');
  assert.deepEqual([s.meta, s.heading], ['Part 2 of 10', 'Jaw']);
  assert.deepEqual(await pressed(page, '#full'), [], 'a new region starts with nothing chosen');
  assert.equal(await button(page, '#full', 'intensity', 6).isVisible(), false);
  await tag(page, '#full', 'nothing');
  assert.match((await shown(page, '#full')).live, /^Part 2 of 10\. Jaw\./, 'nothing was chosen here to let go of');

  // Pause 1.9 s into the jaw, wait a long while across its end: still the jaw, at the same point.
  await page.clock.runFor(1900);
  await button(page, '#full', 'toggle').click();
  s = await shown(page, '#full');
  assert.deepEqual([s.state, s.heading, s.toggle, s.cue], ['paused', 'Jaw', 'Resume', 'Paused. Resume when you like.'], 'paused, on screen as well');
  const stepsBefore = (await events(page, 'step')).filter((e) => e.id === 'full').length;
  await page.clock.fastForward(60_000);
  s = await shown(page, '#full');
  assert.deepEqual([s.state, s.heading], ['paused', 'Jaw']);
  assert.ok(Math.abs(s.progress - 950) <= 20, `progress holds while paused (${s.progress})`);
  assert.equal((await events(page, 'step')).filter((e) => e.id === 'full').length, stepsBefore, 'nothing moves while paused');
  await button(page, '#full', 'toggle').click();
  await page.clock.runFor(50);
  s = await shown(page, '#full');
  assert.equal(s.heading, 'Jaw', '0.05 s after resuming: still the jaw');
  assert.notEqual(s.cue, 'Paused. Resume when you like.', 'no longer said paused');
  // "Nothing noticed" was chosen here, so the jaw waits past its time for Next.
  await page.clock.runFor(50);
  assert.equal((await shown(page, '#full')).heading, 'Jaw', 'held past its 2 s');
  await button(page, '#full', 'next').click();
  assert.equal((await shown(page, '#full')).heading, 'Neck and shoulders');

  // Arms and hands: ease, held a while, Next at 8 s of active time. Then the rest runs out on
  // its own (the loops tick every 250 ms, so a little past the exact ends).
  await page.clock.runFor(2050);
  assert.equal((await shown(page, '#full')).heading, 'Arms and hands');
  await tag(page, '#full', 'ease');
  await button(page, '#full', 'intensity', 0).click(); // "barely there", said in words below
  await page.clock.runFor(1950);
  assert.equal((await shown(page, '#full')).heading, 'Arms and hands');
  await button(page, '#full', 'next').click();
  await page.clock.runFor(12_100);
  assert.equal(await attr(page, '#full', 'data-state'), 'done');

  const steps = (await events(page, 'step')).filter((e) => e.id === 'full');
  assert.deepEqual(steps.map((e) => e.detail.step), ['head', 'jaw', 'neck', 'arms', 'chest', 'belly', 'back', 'hips', 'legs', 'feet'], 'each region announced once');
  assert.deepEqual(steps[3].detail, { widget: 'body-scan', variant: 'full', step: 'arms', index: 3, total: 10 });
  const complete = (await events(page, 'complete')).filter((e) => e.id === 'full');
  assert.equal(complete.length, 1);
  assert.deepEqual(complete[0].detail, {
    widget: 'body-scan', variant: 'full', steps: 10, noticed: 2, counts: [2, 1, 0, 1, 0, 0, 0, 0, 0, 0], duration_ms: 20_000, completed: true,
  });

  const o = await outline(page, '#full');
  assert.equal(o.visible, true, 'the outline is drawn');
  assert.deepEqual(o.regions.sort(), ['arms', 'back', 'belly', 'chest', 'feet', 'head', 'hips', 'jaw', 'legs', 'neck'], 'every region is drawn');
  assert.deepEqual(o.lit.sort(), ['arms', 'head'], 'lit where something was noticed ("nothing noticed" is not)');
  assert.notEqual(o.fills.head, o.fills.chest, 'a lit region is filled differently from an unlit one');
  assert.equal(o.fills.arms, o.fills.head);
  assert.equal(o.fills.jaw, o.fills.chest);
  assert.equal(o.text, 'Something was noticed in: head and face, arms and hands.', 'the text alternative');
  assert.deepEqual(o.details, ['Head and face · Warmth, Tension, 6 out of 10', 'Jaw · Nothing noticed', 'Arms and hands · Ease, barely there']);
  const svgHidden = await page.evaluate(() => document.querySelector('#full').shadowRoot.querySelector('.outline-figure').getAttribute('aria-hidden'));
  assert.equal(svgHidden, 'true', 'the drawing itself is not read twice; its words are beside it');

  let items = (await storedSessions(page)).filter((i) => i.widget === 'body-scan');
  assert.equal(items.length, 1);
  assert.deepEqual(items[0].tags, ['head:warmth', 'head:tension', 'head:intensity:6', 'jaw:nothing', 'arms:ease', 'arms:intensity:0']);
  assert.equal(items[0].completed, true);
  await button(page, '#full', 'rate', 8).click();
  items = (await storedSessions(page)).filter((i) => i.widget === 'body-scan');
  assert.deepEqual([items.length, items[0].rating], [1, 8], 'the rating joins the same record');
  const entries = (await events(page, 'entry')).filter((e) => e.id === 'full');
  assert.deepEqual(entries.at(-1).detail, { widget: 'body-scan', id: items[0].id, kind: 'session', completed: true, rating: 8, edited: true });

  // Back from the end goes to the feet again, running, tags kept; start again clears them.
  await page.locator('#full .summary button[data-action="back"]').click();
  s = await shown(page, '#full');
  assert.deepEqual([s.state, s.heading], ['running', 'Feet']);
  await page.clock.runFor(2100);
  assert.equal(await attr(page, '#full', 'data-state'), 'done');
  assert.equal((await events(page, 'complete')).filter((e) => e.id === 'full').length, 1, 'completed once');
  await button(page, '#full', 'again').click();
  assert.equal((await shown(page, '#full')).heading, 'Head and face');
  assert.deepEqual(await pressed(page, '#full'), []);
  assert.deepEqual(log.errors, []);
});

test('the palms variant: four short guided steps, the same controls, the hands lit', async () => {
  const { page } = await openScans();
  // Steps of an exercise, not parts of the body.
  assert.equal(await partText(page, '#palms', 'pattern'), '4 steps · 2 seconds each');
  await button(page, '#palms', 'toggle').click();
  let s = await shown(page, '#palms');
  assert.deepEqual([s.meta, s.heading], ['Step 1 of 4', 'Hands together'], 'each step has a name, as a region has');
  await page.clock.runFor(2000);
  s = await shown(page, '#palms');
  assert.deepEqual([s.meta, s.heading], ['Step 2 of 4', 'Pressing']);
  assert.match(s.live, /^Step 2 of 4\. Pressing\. Press them gently together/);
  await tag(page, '#palms', 'pressure');
  await tag(page, '#palms', 'warmth');
  await button(page, '#palms', 'next').click();
  assert.equal((await shown(page, '#palms')).heading, 'Letting go', 'Next moves on by hand');
  await page.locator('#palms .stage-scan ~ .controls button[data-action="back"]').click();
  assert.deepEqual(await pressed(page, '#palms'), ['warmth', 'pressure'], 'Back returns to the step with its tags');
  // Back to the first part greys Back out where it stands (Pause and Next do not move under a
  // finger): the focus goes to the part's heading, not the page.
  const back = page.locator('#palms .stage-scan ~ .controls button[data-action="back"]');
  const nextAt = async () => (await button(page, '#palms', 'next').boundingBox()).x;
  const nextBefore = await nextAt();
  await back.focus();
  await page.keyboard.press('Enter');
  assert.equal((await shown(page, '#palms')).heading, 'Hands together');
  const f = await deepFocus(page);
  assert.equal(f.where, 'palms', `not ${JSON.stringify(f)}`);
  assert.equal(f.text, 'Hands together');
  assert.deepEqual([await back.isVisible(), await back.isDisabled()], [true, true]);
  assert.equal(await nextAt(), nextBefore);
  await button(page, '#palms', 'next').click();
  await page.clock.runFor(6100);
  assert.equal(await attr(page, '#palms', 'data-state'), 'done');
  const o = await outline(page, '#palms');
  assert.deepEqual(o.lit, ['arms']);
  assert.equal(o.text, 'Something was noticed in: arms and hands.');
  assert.deepEqual(o.details, ['Pressing · Warmth, Pressure'], 'what was noticed, by the step\'s name, not "Part 2 of 4"');
  const item = (await storedSessions(page)).find((i) => i.widget === 'palms');
  assert.deepEqual(item.tags, ['palms-press:warmth', 'palms-press:pressure']);
  const steps = (await events(page, 'step')).filter((e) => e.id === 'palms').map((e) => e.detail.step);
  assert.deepEqual(steps, ['palms-join', 'palms-press', 'palms-release', 'palms-press', 'palms-join', 'palms-press', 'palms-release', 'palms-notice']);
});

test('advance="manual" (temperature, in Spanish): time is only a cue, the visitor moves on', async () => {
  const { page } = await openScans();
  await button(page, '#temp', 'toggle').click();
  await page.clock.runFor(10_000);
  let s = await shown(page, '#temp');
  assert.equal(await partText(page, '#temp', 'pattern'), '4 pasos · 3 segundos cada uno');
  assert.deepEqual([s.state, s.meta, s.heading, s.cue], ['running', 'Paso 1 de 4', 'Buscar algo cálido o fresco', 'Sigue cuando quieras.']);
  assert.equal(s.progress, 1000);
  for (let i = 0; i < 3; i++) await button(page, '#temp', 'next').click();
  s = await shown(page, '#temp');
  assert.deepEqual([s.meta, s.heading, s.cue], ['Paso 4 de 4', 'Después', null]);
  await button(page, '#temp', 'next').click();
  assert.equal(await attr(page, '#temp', 'data-state'), 'done');
  const o = await outline(page, '#temp');
  assert.deepEqual(o.lit, []);
  assert.equal(o.text, 'Esta vez no notaste nada en particular, y esa también es una buena respuesta.');
  // Stopped sessions: stop without a tag goes back to the start.
  await button(page, '#temp', 'again').click();
  await button(page, '#temp', 'stop').click();
  assert.equal(await attr(page, '#temp', 'data-state'), 'idle');
  assert.equal((await shown(page, '#temp')).toggle, 'Empezar');
});

test('keyboard: Start with Enter, Space pauses on the page area, tags are toggle buttons, Escape stops and shows what was noticed', async () => {
  const { page } = await openScans();
  let f;
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    f = await deepFocus(page);
    if (f.action === 'toggle') break;
  }
  assert.deepEqual([f.where, f.text, f.focusVisible], ['full', 'Start', true]);
  await page.keyboard.press('Enter');
  assert.equal(await attr(page, '#full', 'data-state'), 'running');
  f = await deepFocus(page);
  assert.deepEqual([f.where, f.text], ['full', 'Pause'], 'the focus stays on the same control');
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    f = await deepFocus(page);
    if (f.action === 'tag') break;
  }
  assert.equal(f.value, 'warmth');
  assert.equal(f.focusVisible, true);
  // Going through the tags holds the region, as tapping one does: nothing moves under the focus.
  await page.clock.runFor(6000);
  assert.equal((await shown(page, '#full')).heading, 'Head and face', 'held while a tag has the focus');
  await page.keyboard.press('Space');
  assert.deepEqual(await pressed(page, '#full'), ['warmth']);
  await page.keyboard.press('Escape');
  assert.equal(await attr(page, '#full', 'data-state'), 'idle');
  f = await deepFocus(page);
  assert.equal(f.where, 'full', 'the focus stays in the widget');
  assert.match(f.text, /You stopped here, and that's fine/);
  assert.equal((await shown(page, '#full')).live, 'Something was noticed in: head and face.', 'the words the focus moved to are not said twice');
  assert.deepEqual((await outline(page, '#full')).lit, ['head']);
  const item = (await storedSessions(page)).find((i) => i.widget === 'body-scan');
  assert.deepEqual([item.completed, item.tags], [false, ['head:warmth']], 'a stopped scan is kept as not completed');
});

test('keyboard passing through the tags and on, choosing nothing, holds the region only while there: time then goes on, with nothing skipped', async () => {
  const { page } = await openScans();
  await button(page, '#full', 'toggle').focus();
  await page.keyboard.press('Enter');
  assert.equal(await attr(page, '#full', 'data-state'), 'running');
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    if ((await deepFocus(page)).action === 'tag') break;
  }
  await page.clock.runFor(100);
  const said = await page.evaluate(() => document.querySelector('#full').shadowRoot.querySelector('[aria-live]').textContent.trim());
  await page.clock.runFor(9_900);
  assert.equal((await shown(page, '#full')).heading, 'Head and face', 'held while the keyboard is on the tags');
  assert.equal(said, 'Staying here while you choose.', 'said as shown, so a screen reader on the tags hears why the region waits; no "Press Next" it would not wait for');
  assert.equal((await shown(page, '#full')).cue, 'Staying here while you choose.', 'on screen too');
  await page.keyboard.press('Shift+Tab'); // back to the controls, nothing chosen
  await page.clock.runFor(1_900);
  assert.equal((await shown(page, '#full')).heading, 'Head and face', 'the region\'s time starts afresh: the time held skips nothing');
  await page.clock.runFor(200);
  assert.equal((await shown(page, '#full')).heading, 'Jaw', 'and goes on by itself');
});

test('with reduced motion the progress cue moves in whole seconds, not continuously', async () => {
  const { page } = await openScans({ reducedMotion: 'reduce' });
  await button(page, '#temp', 'toggle').click();
  await page.clock.runFor(500);
  assert.equal((await shown(page, '#temp')).progress, 0);
  await page.clock.runFor(700);
  assert.equal((await shown(page, '#temp')).progress, 333);
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe finds nothing idle, running with tags, paused and done, 360 px wide, page in ${colorScheme} mode`, async () => {
    const { page } = await openScans({ flowing: true, colorScheme, viewport: { width: 360, height: 740 } });
    const check = async (what) => {
      await page.waitForTimeout(450); // let colour transitions (0.2-0.4 s) settle: axe reads computed colours
      const violations = await axe(page);
      assert.deepEqual(violations, [], `axe ${what}:\n${JSON.stringify(violations, null, 2)}`);
    };
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `nothing sticks out sideways at 360 px (${overflow} px)`);
    await check('idle');
    // The clock held while the tags are chosen: on a busy machine a part's 2 s could pass
    // between the clicks. (It flows for axe, which waits on timers of its own.)
    await pauseClock(page);
    for (const sel of ['#full', '#palms', '#temp']) await button(page, sel, 'toggle').click();
    await tag(page, '#full', 'tingling');
    await button(page, '#full', 'intensity', 3).click();
    await tag(page, '#palms', 'nothing');
    await page.clock.runFor(2500);
    await page.clock.resume();
    await check('running');
    await button(page, '#full', 'toggle').click();
    await check('paused');
    await button(page, '#full', 'toggle').click();
    // Both held where a tag was chosen (the cue says so, checked above); Next moves them on.
    for (const sel of ['#full', '#palms']) await button(page, sel, 'next').click();
    await page.clock.runFor(25_000);
    for (let i = 0; i < 4; i++) await button(page, '#temp', 'next').click();
    for (const sel of ['#full', '#palms', '#temp']) assert.equal(await attr(page, sel, 'data-state'), 'done');
    await check('done');
    await button(page, '#full', 'rate', 5).click();
    await check('thanked');
  });
}

test('a region waits while the visitor answers: a tag chosen before the time is up holds it until Next, and the screen says so', async () => {
  const { page } = await openScans();
  await button(page, '#full', 'toggle').click();
  await page.clock.runFor(1500);
  assert.equal((await shown(page, '#full')).heading, 'Head and face');
  await tag(page, '#full', 'warmth');
  await page.clock.runFor(5000); // well past the region's 2 s
  let s = await shown(page, '#full');
  assert.equal(s.heading, 'Head and face', 'no jump while choosing');
  assert.equal(s.cue, 'Staying here while you choose. Press Next whenever you\'re ready.');
  assert.deepEqual(await pressed(page, '#full'), ['warmth']);
  // Said once for the region: the focus going out of the tags and back holds it again, unsaid.
  // (Raw: a repeat differs from the last by a no-break space, which trim() would hide.)
  const live = () => page.evaluate(() => document.querySelector('#full').shadowRoot.querySelector('[aria-live]').textContent);
  const said = await live();
  assert.match(said, /^Staying here while you choose/);
  await button(page, '#full', 'toggle').focus();
  await page.clock.runFor(100);
  await button(page, '#full', 'tag', 'warmth').focus();
  await page.clock.runFor(100);
  assert.equal((await shown(page, '#full')).cue, 'Staying here while you choose. Press Next whenever you\'re ready.');
  assert.equal(await live(), said, 'not said again');
  await button(page, '#full', 'next').click();
  await page.clock.runFor(100);
  s = await shown(page, '#full');
  assert.equal(s.heading, 'Jaw');
  assert.equal(s.cue, null, 'the next region runs on time again');
  await page.clock.runFor(2100);
  assert.equal((await shown(page, '#full')).heading, 'Neck and shoulders');
});

test('on a 320 px phone the choices stay where they are as the line under the region comes and goes: a second tap lands where the finger aims', async () => {
  const { page } = await openScans({ viewport: { width: 320, height: 640 } });
  const top = () => page.evaluate(() => Math.round(document.querySelector('#full').shadowRoot.querySelector('[data-action="tag"][data-value="coolness"]').getBoundingClientRect().top + scrollY));
  await button(page, '#full', 'toggle').click();
  await page.clock.runFor(500);
  const before = await top();
  await tag(page, '#full', 'warmth');
  await page.clock.runFor(100);
  assert.match((await shown(page, '#full')).cue, /^Staying here while you choose/);
  assert.equal(await top(), before, 'not moved by "Staying here while you choose…" (two lines here)');
  await button(page, '#full', 'toggle').click();
  assert.equal((await shown(page, '#full')).cue, 'Paused. Resume when you like.');
  assert.equal(await top(), before, 'nor by "Paused."');
});

test('Start by the keyboard in a short window: Pause, where the focus stays, is brought back into view after the region shown above it pushed it down', async () => {
  const { page } = await openScans({ viewport: { width: 1000, height: 420 }, reducedMotion: 'reduce' });
  await button(page, '#full', 'toggle').focus();
  await page.keyboard.press('Enter');
  await waitState(page, '#full', 'running');
  const where = await page.evaluate(() => {
    const root = document.querySelector('#full').shadowRoot;
    const r = root.querySelector('[data-action="toggle"]').getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, focused: root.activeElement?.dataset.action };
  });
  assert.equal(where.focused, 'toggle');
  assert.ok(where.top >= 0 && Math.floor(where.bottom) <= 420, `Pause at ${Math.round(where.top)}-${Math.round(where.bottom)} of 420`);
});

test('on a touch screen every button of a running scan, its tags too, is at least 44 px tall', async () => {
  const { page } = await openWith(ctx, ctx.fixture('body-scan.html'), { hasTouch: true, isMobile: true, viewport: { width: 320, height: 640 } });
  await waitState(page, '#full', 'idle');
  await button(page, '#full', 'toggle').tap();
  await tag(page, '#full', 'warmth');
  const heights = await page.evaluate(() => [...document.querySelector('#full').shadowRoot.querySelectorAll('button')]
    .filter((b) => b.getClientRects().length).map((b) => [b.textContent.trim(), Math.round(b.getBoundingClientRect().height)]));
  assert.ok(heights.filter(([t]) => t === 'Warmth' || t === 'Nothing noticed').length === 2, JSON.stringify(heights));
  assert.deepEqual(heights.filter(([, h]) => h < 44), []);
});

test('a scan that noticed something is kept when the page moves on mid-way (the element removed); one that noticed nothing is not', async () => {
  const { page } = await openScans();
  await button(page, '#palms', 'toggle').click();
  await button(page, '#full', 'toggle').click();
  await tag(page, '#full', 'warmth');
  await page.evaluate(() => { document.querySelector('#full').remove(); document.querySelector('#palms').remove(); });
  const items = await storedSessions(page);
  assert.deepEqual(items.map((i) => [i.widget, i.completed, i.tags]), [['body-scan', false, ['head:warmth']]]);
});

test('a scan in a panel the visitor folds away (a closed <details>) pauses there, and is not done when it opens again', async () => {
  const { page } = await openScans();
  await page.evaluate(() => {
    const details = document.createElement('details');
    details.open = true;
    details.id = 'fold';
    document.querySelector('#full').before(details);
    details.append(document.querySelector('#full'));
  });
  await button(page, '#full', 'toggle').click();
  await page.clock.runFor(3_000);
  const before = (await shown(page, '#full')).meta;
  assert.match(before, /2 of 10/);
  await page.evaluate(() => { document.querySelector('#fold').open = false; });
  await page.clock.runFor(30_000);
  await page.evaluate(() => { document.querySelector('#fold').open = true; });
  assert.equal(await attr(page, '#full', 'data-state'), 'paused');
  assert.equal((await shown(page, '#full')).meta, before, 'on the part it was on when folded away');
});

test('a tag taken back after the scan was kept (the page hidden) goes from the stored record when it stops', async () => {
  const { page } = await openScans();
  await button(page, '#full', 'toggle').click();
  await tag(page, '#full', 'warmth');
  await setHidden(page, true);
  assert.deepEqual((await storedSessions(page)).map((i) => i.tags), [['head:warmth']]);
  await setHidden(page, false);
  await tag(page, '#full', 'warmth');
  await page.keyboard.press('Escape');
  assert.deepEqual((await storedSessions(page)).map((i) => [i.completed, i.tags]), [[false, []]]);
});

test('a scan where nothing in particular was noticed ends on its kind sentence alone: no "What you noticed" over a blank body', async () => {
  const { page } = await openScans();
  await button(page, '#palms', 'toggle').click();
  for (let i = 0; i < 4; i++) await button(page, '#palms', 'next').click();
  await waitState(page, '#palms', 'done');
  const end = await page.evaluate(() => {
    const root = document.querySelector('#palms').shadowRoot;
    const seen = (sel) => root.querySelector(sel).getBoundingClientRect().height > 0;
    const figure = root.querySelector('figure.outline');
    return {
      drawing: seen('.outline-figure'),
      heading: seen('#outline-title'),
      sentence: root.querySelector('[part~="outline-text"]').textContent,
      name: root.getElementById(figure.getAttribute('aria-labelledby'))?.textContent,
    };
  });
  assert.deepEqual([end.drawing, end.heading], [false, false]);
  assert.match(end.sentence, /^Nothing in particular was noticed this time/);
  assert.equal(end.name, end.sentence, 'the figure is named by its sentence');
  // Something noticed: the outline and its heading are back.
  await button(page, '#palms', 'again').click();
  await button(page, '#palms', 'toggle').click();
  await tag(page, '#palms', 'warmth');
  for (let i = 0; i < 4; i++) await button(page, '#palms', 'next').click();
  await waitState(page, '#palms', 'done');
  const lit = await page.evaluate(() => {
    const root = document.querySelector('#palms').shadowRoot;
    const figure = root.querySelector('figure.outline');
    return [root.querySelector('.outline-figure').getBoundingClientRect().height > 50, root.getElementById(figure.getAttribute('aria-labelledby'))?.textContent];
  });
  assert.deepEqual(lit, [true, 'What you noticed']);
});

// Every sensation and a strength in each of the ten parts is a hundred tags: the record once
// kept the first fifty, and the belly, back, hips, legs and feet were gone from it.
test('a full scan with every sensation and a strength chosen in all ten parts keeps every part in the stored record', async () => {
  const { page } = await openScans();
  await button(page, '#full', 'toggle').click();
  const sensations = await page.evaluate(() => [...document.querySelector('#full').shadowRoot.querySelectorAll('[data-action="tag"]')]
    .map((b) => b.dataset.value).filter((v) => v !== 'nothing'));
  assert.equal(sensations.length, 9);
  const regions = [];
  for (let i = 0; i < 10; i++) {
    regions.push((await events(page, 'step')).filter((e) => e.id === 'full').at(-1).detail.step);
    // The nine taps in one go (a hundred clicks one by one from here would take seconds).
    await page.evaluate((ids) => {
      const root = document.querySelector('#full').shadowRoot;
      for (const id of ids) root.querySelector(`[data-action="tag"][data-value="${id}"]`).click();
    }, sensations);
    await button(page, '#full', 'intensity', i).click();
    assert.equal((await pressed(page, '#full')).length, 9, `all chosen in part ${i + 1}`);
    await button(page, '#full', 'next').click();
  }
  assert.equal(await attr(page, '#full', 'data-state'), 'done');
  assert.deepEqual(regions, ['head', 'jaw', 'neck', 'arms', 'chest', 'belly', 'back', 'hips', 'legs', 'feet']);
  assert.equal((await outline(page, '#full')).lit.length, 10, 'the outline lights every part');

  const [item] = (await storedSessions(page)).filter((i) => i.widget === 'body-scan');
  assert.equal(item.tags.length, 100, 'ten parts, each with nine sensations and a strength');
  assert.deepEqual(item.tags.filter((t) => t.startsWith('feet:')), [...sensations.map((s) => `feet:${s}`), 'feet:intensity:9'], 'the last part is there, whole');
  // The counts (sent with attune:complete and kept beside the tags) say the same as the tags.
  const fromTags = regions.map((r) => item.tags.filter((t) => t.startsWith(`${r}:`) && !t.startsWith(`${r}:intensity:`)).length);
  assert.deepEqual(item.counts, fromTags);
  assert.deepEqual(item.counts, Array(10).fill(9));
  // The next visit reads it as it is (a hundred tags are within what a stored record may hold,
  // or the history would be copied aside as damaged): a later session is kept beside it.
  await page.clock.resume();
  await page.reload();
  await waitState(page, '#palms', 'idle');
  await pauseClock(page);
  await button(page, '#palms', 'toggle').click();
  await tag(page, '#palms', 'warmth');
  for (let i = 0; i < 4; i++) await button(page, '#palms', 'next').click();
  await waitState(page, '#palms', 'done');
  const after = await storedSessions(page);
  assert.deepEqual(after.map((i) => [i.widget, i.tags.length]).sort(), [['body-scan', 100], ['palms', 1]]);
});

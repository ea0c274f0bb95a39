// Accessibility: axe-core (which walks open shadow roots) finds nothing wrong in any state of
// the pacer, in the light and the dark theme. The fake clock takes the sessions to their end
// without waiting; it keeps flowing so axe's own timers run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attr, axe, button, openWith, useBrowser, waitState } from './helpers.mjs';

const ctx = useBrowser();
const WIDGETS = ['#light', '#dark'];

async function noViolations(page, state) {
  for (const sel of WIDGETS) assert.equal(await attr(page, sel, 'data-state'), state, `${sel} is ${state}`);
  const violations = await axe(page);
  assert.deepEqual(violations, [], `axe in the ${state} state:\n${JSON.stringify(violations, null, 2)}`);
}

for (const colorScheme of ['light', 'dark']) {
  test(`axe finds no violations idle, running, paused, done and thanked (page in ${colorScheme} mode)`, async () => {
    const { page } = await ctx.open(ctx.fixture('a11y.html'), { clock: true, colorScheme });
    for (const sel of WIDGETS) await waitState(page, sel, 'idle');
    // The themes really differ (so the dark run checks other colours).
    const bgs = await page.evaluate((sels) => sels.map((s) => getComputedStyle(document.querySelector(s).shadowRoot.querySelector('[part~="base"]')).backgroundColor), WIDGETS);
    assert.notEqual(bgs[0], bgs[1]);
    await noViolations(page, 'idle');

    for (const sel of WIDGETS) await button(page, sel, 'toggle').click();
    await page.clock.runFor(2000);
    await noViolations(page, 'running');

    for (const sel of WIDGETS) await button(page, sel, 'toggle').click();
    await noViolations(page, 'paused');

    for (const sel of WIDGETS) await button(page, sel, 'toggle').click();
    await page.clock.fastForward(16_000);
    await noViolations(page, 'done');
    for (const sel of WIDGETS) assert.equal(await button(page, sel, 'rate', 5).isVisible(), true, 'the rating is offered');

    for (const sel of WIDGETS) await button(page, sel, 'skip').click();
    await noViolations(page, 'done');
  });
}

test('an error box passes axe too', async () => {
  const { page } = await ctx.open(ctx.fixture('bad-options.html'));
  await waitState(page, '#good', 'idle');
  await waitState(page, '#bad-widget', 'error');
  const violations = await axe(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
});

// Windows high contrast replaces every colour with the visitor's few system colours: the
// breathing circle, the progress fill and a pressed button, drawn only by a background, would
// vanish. They keep the system's Highlight colour, and nothing else of the theme shows.
test('with forced colours the circle, the progress and the chosen rating stay visible', async () => {
  const { page } = await openWith(ctx, ctx.fixture('a11y.html'), { forcedColors: 'active' }, { clock: true });
  await waitState(page, '#light', 'idle');
  const look = (css) => page.evaluate((c) => {
    const el = document.querySelector('#light').shadowRoot.querySelector(c);
    const s = getComputedStyle(el);
    return { bg: s.backgroundColor, image: s.backgroundImage, color: s.color };
  }, css);
  const highlight = await page.evaluate(() => {
    const probe = document.body.appendChild(document.createElement('i'));
    probe.style.backgroundColor = 'Highlight';
    probe.style.forcedColorAdjust = 'none';
    const c = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return c;
  });
  assert.equal((await look('.shape')).bg, highlight, 'the circle is filled with Highlight');
  await button(page, '#light', 'toggle').click();
  await page.clock.runFor(2_000);
  assert.equal((await look('.progress .fill')).bg, highlight, 'the progress fill is Highlight');
  await page.clock.runFor(20_000);
  await waitState(page, '#light', 'done');
  await button(page, '#light', 'rate', 7).click();
  const chosen = await look('button[data-action="rate"][data-value="7"]');
  const other = await look('button[data-action="rate"][data-value="3"]');
  assert.equal(chosen.bg, highlight, 'the chosen point is Highlight');
  assert.notEqual(other.bg, highlight, 'the others are not');
});

// With reduced motion the circle keeps its size and its fill deepens; in one system colour that
// change was a faint fade. It fills from below inside its outline instead, full as a breath ends.
test('with forced colours and reduced motion the circle fills from below as the breath comes in', async () => {
  const { page } = await openWith(ctx, ctx.fixture('a11y.html'), { forcedColors: 'active', reducedMotion: 'reduce' }, { clock: true });
  await waitState(page, '#light', 'idle');
  const shape = () => page.evaluate(() => {
    const s = getComputedStyle(document.querySelector('#light').shadowRoot.querySelector('.shape'));
    return { opacity: s.opacity, image: s.backgroundImage, border: s.borderTopWidth, transform: s.transform };
  });
  await button(page, '#light', 'toggle').click();
  await page.clock.runFor(1_000);
  const early = await shape();
  await page.clock.runFor(2_000);
  const later = await shape();
  for (const s of [early, later]) {
    assert.equal(s.opacity, '1');
    assert.equal(s.transform, 'none', 'it keeps its size');
    assert.equal(s.border, '3px');
    assert.match(s.image, /^linear-gradient/);
  }
  const level = (s) => parseFloat(s.image.match(/\) ([\d.]+)%/)[1]);
  assert.ok(level(later) > level(early) + 10, `the fill rose: ${early.image} then ${later.image}`);
});

// A 0-10 scale is eleven buttons, in one row where there is room (2.75em each, also in the body
// scan's box as wide as its content), in two on a 320 px phone: inside the card (WCAG reflow),
// each at least 24 px wide.
for (const width of [320, 1000]) {
  test(`the 0-10 scales fit the card at ${width} px, never under 24 px a button`, async () => {
    const { page } = await openWith(ctx, ctx.fixture('records.html'), { viewport: { width, height: 800 } });
    await page.evaluate(() => {
      for (const [id, widget, opts] of [['p', 'pleasure', { storage: 'none' }], ['s', 'body-scan', { advance: 'manual' }]]) {
        const el = document.createElement('div');
        el.id = id;
        document.querySelector('#slot').append(el);
        Attune.mount(el, { widget, ...opts });
      }
    });
    for (const id of ['#p', '#s']) await waitState(page, id, 'idle');
    await button(page, '#p', 'act', 1).click();
    await button(page, '#p', 'now').click();
    await button(page, '#s', 'toggle').click();
    await button(page, '#s', 'tag', 'warmth').click();
    const rows = await page.evaluate(() => ['#p', '#s'].map((id) => {
      const root = document.querySelector(id).shadowRoot;
      const card = root.querySelector('[part~="base"]').getBoundingClientRect();
      const scale = [...root.querySelectorAll('[part~="scale"]')].find((s) => s.offsetParent);
      const buttons = [...scale.children].map((b) => b.getBoundingClientRect());
      return { id, left: card.left, right: card.right, first: buttons[0], last: buttons[10], widths: buttons.map((b) => b.width), em: parseFloat(getComputedStyle(scale.children[0]).fontSize) };
    }));
    for (const r of rows) {
      assert.ok(r.first.left >= r.left && r.last.right <= r.right, `${r.id}: the scale stays inside the card at ${width} px`);
      assert.ok(r.widths.every((w) => w >= 24), `${r.id}: every button is at least 24 px (${r.widths})`);
      if (width === 1000) assert.ok(r.widths.every((w) => Math.abs(w - 2.75 * r.em) < 1), `${r.id}: 2.75em each where there is room (${r.widths})`);
    }
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), width, 'nothing scrolls sideways');
  });
}

test('widgets placed straight in a page\'s body add no page landmarks: their care lines are not the page\'s footer', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'));
  await page.evaluate(() => {
    for (const tag of ['attune-breathing', 'attune-grounding', 'attune-check-in']) document.body.append(document.createElement(tag));
  });
  for (const tag of ['attune-breathing', 'attune-grounding', 'attune-check-in']) await waitState(page, tag, 'idle');
  const violations = await axe(page, { runOnly: { type: 'rule', values: ['landmark-no-duplicate-contentinfo', 'landmark-contentinfo-is-top-level', 'landmark-unique'] } });
  assert.deepEqual(violations, []);
  const footers = await page.evaluate(() => [...document.querySelectorAll('attune-breathing, attune-grounding, attune-check-in')]
    .map((el) => el.shadowRoot.querySelectorAll('footer, [role="contentinfo"]').length));
  assert.deepEqual(footers, [0, 0, 0]);
});

// Reduced motion: with prefers-reduced-motion or motion="reduced" the shape never grows or
// shrinks; its fill changes instead. Without either, it does move (so the check can fail).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pauseClock, shadowText, useBrowser, waitState } from './helpers.mjs';

const ctx = useBrowser();

// The shape's computed transform, opacity and rendered width.
const shape = (page, sel) => page.evaluate((s) => {
  const el = document.querySelector(s).shadowRoot.querySelector('[part~="shape"]');
  const style = getComputedStyle(el);
  const ring = el.closest('.ring').getBoundingClientRect().width;
  return { transform: style.transform, opacity: Number(style.opacity), width: el.getBoundingClientRect().width, ring };
}, sel);

// Starts `sel` and samples its shape early in the inhale, at the top of it, and on the exhale.
async function samples(page, sel) {
  await page.locator(`${sel} button[data-action="toggle"]`).click();
  await waitState(page, sel, 'running');
  const out = [];
  for (const step of [300, 3500, 4000, 3000]) { // 0.3 s, 3.8 s (inhale), 7.8 s (hold), 10.8 s (exhale)
    await page.clock.runFor(step);
    out.push({ ...(await shape(page, sel)), phase: await page.getAttribute(sel, 'data-phase') });
  }
  return out;
}

async function openMotion(reducedMotion) {
  const opened = await ctx.open(ctx.fixture('motion.html'), { clock: true, reducedMotion });
  await waitState(opened.page, '#auto', 'idle');
  await waitState(opened.page, '#reduced', 'idle');
  await pauseClock(opened.page);
  return opened;
}

function assertStill(s, what) {
  assert.deepEqual(s.map((x) => x.phase), ['inhale', 'inhale', 'hold-in', 'exhale'], what);
  for (const x of s) assert.equal(x.transform, 'none', `${what}: no scaling in ${x.phase}`);
  assert.equal(new Set(s.map((x) => Math.round(x.width))).size, 1, `${what}: the size never changes`);
  assert.ok(s[0].width < s[0].ring - 10, `${what}: inside the dashed ring, not over it (${s[0].width} of ${s[0].ring})`);
  assert.ok(s[1].opacity > s[0].opacity + 0.2, `${what}: the fill deepens on the inhale (${s[0].opacity} -> ${s[1].opacity})`);
  assert.ok(s[3].opacity < s[2].opacity, `${what}: and fades on the exhale (${s[2].opacity} -> ${s[3].opacity})`);
}

// The words over the circle say what it will do: grow, or (kept still) deepen its colour.
const intro = (page, sel) => shadowText(page, sel, '.intro');

test('without a motion preference the shape grows on the inhale and shrinks on the exhale', async () => {
  const { page } = await openMotion('no-preference');
  assert.match(await intro(page, '#auto'), /^Follow the circle as it grows and settles\./);
  assert.match(await intro(page, '#reduced'), /^Follow the circle as its colour deepens and fades\./);
  const s = await samples(page, '#auto');
  assert.ok(s.every((x) => x.transform !== 'none'), 'it is scaled');
  assert.ok(s[1].width > s[0].width * 1.5, `it grows (${s[0].width} -> ${s[1].width})`);
  assert.ok(s[3].width < s[2].width, `it shrinks (${s[2].width} -> ${s[3].width})`);
});

test('prefers-reduced-motion: reduce keeps the shape still and changes its fill instead', async () => {
  const { page } = await openMotion('reduce');
  assert.match(await intro(page, '#auto'), /^Follow the circle as its colour deepens and fades\./, 'no "grows" for a circle that will not');
  assertStill(await samples(page, '#auto'), 'prefers-reduced-motion');
});

test('motion="reduced" keeps the shape still even when the system allows motion', async () => {
  const { page } = await openMotion('no-preference');
  assertStill(await samples(page, '#reduced'), 'motion="reduced"');
});

test('page.emulateMedia switches a running pacer to reduced motion on the fly', async () => {
  const { page } = await openMotion('no-preference');
  await page.locator('#auto button[data-action="toggle"]').click();
  await page.clock.runFor(2000);
  assert.notEqual((await shape(page, '#auto')).transform, 'none');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.clock.runFor(100);
  assert.equal((await shape(page, '#auto')).transform, 'none');
});

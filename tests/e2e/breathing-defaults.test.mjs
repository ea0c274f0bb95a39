// What a pacer does when the site says little: 4-7-8 is four breaths long, and the keyboard hint
// appears only where a keyboard is likely.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { button, openWith, pauseClock, useBrowser, waitState } from './helpers.mjs';

const ctx = useBrowser();

async function pacer(page, options) {
  await page.evaluate((opts) => {
    const el = document.createElement('div');
    el.id = 'w';
    document.querySelector('#slot').append(el);
    Attune.mount(el, { widget: 'breathing', ...opts });
  }, options);
  await waitState(page, '#w', 'idle');
}

test('a 4-7-8 session with no minutes or breaths is four breaths long', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'), { clock: true });
  await pacer(page, { pattern: '4-7-8', rating: 'off' });
  await pauseClock(page);
  await button(page, '#w', 'toggle').click();
  await page.clock.runFor(3 * 19_000 + 18_000); // most of the fourth breath (4 + 7 + 8 s each)
  assert.equal(await page.getAttribute('#w', 'data-state'), 'running');
  await page.clock.runFor(1_500);
  await waitState(page, '#w', 'done');
});

const hintShown = (page) => page.evaluate(() => {
  const hint = document.querySelector('#w').shadowRoot.querySelector('#keys');
  return hint !== null && getComputedStyle(hint).display !== 'none';
});

test('the keyboard hint shows with a mouse and keyboard, not on a touch screen', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'));
  await pacer(page, {});
  assert.equal(await hintShown(page), true);
  const { page: phone } = await openWith(ctx, ctx.fixture('records.html'), { hasTouch: true, isMobile: true, viewport: { width: 360, height: 740 } });
  await pacer(phone, {});
  assert.equal(await hintShown(phone), false);
});

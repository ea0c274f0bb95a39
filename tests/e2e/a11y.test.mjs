// Accessibility: axe-core (which walks open shadow roots) finds nothing wrong in any state of
// the pacer, in the light and the dark theme. The fake clock takes the sessions to their end
// without waiting; it keeps flowing so axe's own timers run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attr, axe, button, useBrowser, waitState } from './helpers.mjs';

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

// Keyboard: a visitor without a mouse can start, pause, resume and stop, and always sees where
// the focus is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attr, pauseClock, useBrowser, waitState, deepFocus } from './helpers.mjs';

const ctx = useBrowser();

function assertVisibleFocus(f, what) {
  assert.notEqual(f.where, 'body', `${what}: focus is not lost to the page`);
  assert.equal(f.where, 'p', `${what}: focus stays inside the widget`);
  assert.equal(f.focusVisible, true, `${what}: :focus-visible applies`);
  assert.doesNotMatch(f.outline, /^none|0px$/, `${what}: a visible focus ring (outline ${f.outline})`);
  assert.equal(f.onScreen, true, `${what}: the focused control is on screen`);
}

// Presses Tab until the Start button has the focus (at most 6 times); returns the stops on the way.
async function tabToStart(page) {
  const stops = [];
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    const f = await deepFocus(page);
    stops.push(f);
    if (f.action === 'toggle') return stops;
  }
  assert.fail(`Tab never reached the Start button: ${JSON.stringify(stops.map((s) => s.text || s.tag))}`);
}

test('Tab reaches the Start button with a visible focus ring; Enter starts, Escape stops and keeps the focus', async () => {
  const { page, log } = await ctx.open(ctx.fixture('keyboard.html'));
  await waitState(page, '#p', 'idle');
  const stops = await tabToStart(page);
  for (const s of stops) assertVisibleFocus(s, `tab stop ${s.text || s.part}`);
  assert.equal(stops.at(-1).text, 'Start');

  await page.keyboard.press('Enter');
  await waitState(page, '#p', 'running');
  let f = await deepFocus(page);
  assertVisibleFocus(f, 'after Enter');
  assert.equal(f.text, 'Pause', 'the same button now offers Pause');

  await page.keyboard.press('Escape');
  await waitState(page, '#p', 'idle');
  assert.equal(await attr(page, '#p', 'data-phase'), null);
  f = await deepFocus(page);
  assertVisibleFocus(f, 'after Escape');
  assert.equal(f.text, 'Start');
  assert.deepEqual(log.errors, []);
});

test('Space on the Start button starts; Space on the breathing stage pauses and resumes; Escape stops', async () => {
  const { page } = await ctx.open(ctx.fixture('keyboard.html'));
  await waitState(page, '#p', 'idle');
  await tabToStart(page);
  await page.keyboard.press('Space');
  await waitState(page, '#p', 'running');

  // Back to the stage (the circle), which takes the focus itself.
  await page.keyboard.press('Shift+Tab');
  let f = await deepFocus(page);
  assert.equal(f.part, 'stage', `Shift+Tab from the button lands on the stage, not ${JSON.stringify(f)}`);
  assertVisibleFocus(f, 'stage');

  const scrollBefore = await page.evaluate(() => scrollY);
  await page.keyboard.press('Space');
  await waitState(page, '#p', 'paused');
  assert.equal(await page.evaluate(() => scrollY), scrollBefore, 'Space does not scroll the page');
  const words = await page.evaluate(() => document.querySelector('#p').shadowRoot.querySelector('[part~="phase"]').textContent);
  assert.match(words, /Paused/);
  await page.keyboard.press('Space');
  await waitState(page, '#p', 'running');
  // Enter does the same there: the circle is a focusable group one may take for a button.
  await page.keyboard.press('Enter');
  await waitState(page, '#p', 'paused');
  await page.keyboard.press('Enter');
  await waitState(page, '#p', 'running');
  await page.keyboard.press('Escape');
  await waitState(page, '#p', 'idle');
  assert.equal(await page.evaluate(() => document.querySelector('#p').shadowRoot.querySelector('[part~="phase"]').textContent), 'Stopped. Start again when you like.', 'said on screen, not "Ready when you are"');
  f = await deepFocus(page);
  assertVisibleFocus(f, 'after Escape from the stage');
});

test('the Stop button stops, and the focus moves to Start instead of vanishing with it', async () => {
  const { page } = await ctx.open(ctx.fixture('keyboard.html'));
  await waitState(page, '#p', 'idle');
  await tabToStart(page);
  await page.keyboard.press('Enter');
  await waitState(page, '#p', 'running');
  await page.keyboard.press('Tab');
  let f = await deepFocus(page);
  assert.equal(f.action, 'stop');
  assertVisibleFocus(f, 'Stop');
  await page.keyboard.press('Enter');
  await waitState(page, '#p', 'idle');
  f = await deepFocus(page);
  assert.equal(f.action, 'toggle');
  assertVisibleFocus(f, 'after Stop');
});

test('every phase change is announced once in a polite live region', async () => {
  const { page } = await ctx.open(ctx.fixture('keyboard.html'), { clock: true });
  await waitState(page, '#p', 'idle');
  await pauseClock(page);
  await page.evaluate(() => {
    const live = document.querySelector('#p').shadowRoot.querySelector('[aria-live]');
    window.__said = [];
    new MutationObserver(() => window.__said.push(live.textContent.trim())).observe(live, { childList: true, characterData: true, subtree: true });
  });
  const politeness = await page.evaluate(() => document.querySelector('#p').shadowRoot.querySelector('[aria-live]').getAttribute('aria-live'));
  assert.equal(politeness, 'polite');
  await page.locator('#p button[data-action="toggle"]').click();
  await page.clock.runFor(16_100); // one whole box breath and the start of the next
  const said = await page.evaluate(() => window.__said);
  assert.deepEqual(said, ['Breathe in', 'Hold gently', 'Breathe out', 'Rest', 'Breathe in']);
});

test('what the live region said is taken away seven seconds later, so reading down the widget does not meet it again out of date; newer words stay their own seven seconds', async () => {
  const { page } = await ctx.open(ctx.fixture('keyboard.html'), { clock: true });
  await waitState(page, '#p', 'idle');
  await pauseClock(page);
  const live = () => page.evaluate(() => document.querySelector('#p').shadowRoot.querySelector('[aria-live]').textContent.trim());
  await page.locator('#p button[data-action="toggle"]').click();
  await page.clock.runFor(2_000);
  assert.equal(await live(), 'Breathe in');
  await page.locator('#p button[data-action="toggle"]').click();
  await waitState(page, '#p', 'paused');
  assert.equal(await live(), 'Paused. Resume when you like.');
  // "Breathe in" was said 2 s before the pause: its seven seconds end here, and leave the
  // newer words alone.
  await page.clock.runFor(6_800);
  assert.equal(await live(), 'Paused. Resume when you like.', 'newer words are not taken with older ones');
  await page.clock.runFor(300);
  assert.equal(await live(), '', 'seven seconds after they were said, the words are gone');

  // The same words said again, twice, within those seconds: the last stays its own seven.
  const toggle = page.locator('#p button[data-action="toggle"]');
  await toggle.click();
  await page.clock.runFor(500);
  await toggle.click();
  await page.clock.runFor(500);
  await toggle.click();
  await page.clock.runFor(500);
  await toggle.click();
  await waitState(page, '#p', 'paused');
  // (The pause before was said a second earlier: its seven seconds end in this wait.)
  await page.clock.runFor(6_500);
  assert.equal(await live(), 'Paused. Resume when you like.', 'not taken by the timer of the same words said before');
  await page.clock.runFor(600);
  assert.equal(await live(), '');
});

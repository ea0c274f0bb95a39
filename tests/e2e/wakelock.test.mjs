// Screen Wake Lock: held while a session runs, let go on pause, stop, end and unmount. The
// browser's navigator.wakeLock is replaced by a fake that records every lock and answers after
// 30 ms, like a real one does after a short while.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useBrowser, waitState } from './helpers.mjs';

const ctx = useBrowser();

const FAKE_WAKE_LOCK = () => {
  window.__locks = [];
  const wakeLock = {
    request(type) {
      const sentinel = { type, released: false, release() { this.released = true; return Promise.resolve(); } };
      window.__locks.push(sentinel);
      return new Promise((resolve) => setTimeout(() => resolve(sentinel), 30));
    },
  };
  Object.defineProperty(Navigator.prototype, 'wakeLock', { configurable: true, get: () => wakeLock });
};

async function openWithLocks(options = {}, fixture = 'pacers.html', widgets = ['#long', '#once']) {
  const opened = await ctx.open(ctx.fixture(fixture), { goto: false, ...options });
  await opened.page.addInitScript(FAKE_WAKE_LOCK);
  await opened.page.goto(ctx.fixture(fixture));
  for (const sel of widgets) await waitState(opened.page, sel, 'idle');
  return opened;
}

// Locks held (asked for and not let go), once pending requests have settled.
async function held(page) {
  await page.waitForTimeout(120);
  return page.evaluate(() => window.__locks.filter((l) => !l.released).length);
}

const press = (page, sel, action, times = 1) => page.evaluate(([s, a, n]) => {
  const b = document.querySelector(s).shadowRoot.querySelector(`button[data-action="${a}"]`);
  for (let i = 0; i < n; i++) b.click();
}, [sel, action, times]);

test('the screen is kept awake while running, and let go on pause, stop and removal', async () => {
  const { page } = await openWithLocks();
  assert.equal(await held(page), 0, 'nothing held while idle');
  await press(page, '#long', 'toggle');
  assert.equal(await held(page), 1, 'running');
  assert.equal(await page.evaluate(() => window.__locks[0].type), 'screen');
  await press(page, '#long', 'toggle');
  assert.equal(await held(page), 0, 'paused');
  await press(page, '#long', 'toggle');
  assert.equal(await held(page), 1, 'resumed');
  await press(page, '#long', 'stop');
  assert.equal(await held(page), 0, 'stopped');
  await press(page, '#long', 'toggle');
  assert.equal(await held(page), 1, 'running again');
  await page.evaluate(() => document.querySelector('#long').remove());
  assert.equal(await held(page), 0, 'removed from the page');
});

test('the wake lock is let go when the session ends', async () => {
  const { page } = await openWithLocks({ clock: true });
  await press(page, '#once', 'toggle');
  await page.clock.runFor(200);
  assert.equal(await held(page), 1);
  await page.clock.runFor(16_000);
  assert.equal(await page.getAttribute('#once', 'data-state'), 'done');
  assert.equal(await held(page), 0);
});

// A known bug (see the report): src/web/device.rs WakeLock::acquire does not know about a
// request still in flight, so a quick pause and resume (a double tap on Space) asks twice and
// the first lock is never let go: the screen stays awake after the session is stopped.
test('a quick start, pause, resume and then stop leaves no wake lock held', async () => {
  const { page } = await openWithLocks();
  await press(page, '#long', 'toggle', 3); // start, pause, resume within one task
  assert.equal(await held(page), 1, 'one lock while running');
  await press(page, '#long', 'stop');
  assert.equal(await held(page), 0, 'none after stop');
});

// The body scan rests 20 s on each part while the visitor attends to the body, not the screen:
// a phone would lock within the first part.
test('the body scan keeps the screen awake while it runs, and lets go on pause, stop, end and removal; again once the tab is back', async () => {
  const { page } = await openWithLocks({ clock: true }, 'body-scan.html', ['#full', '#palms']);
  assert.equal(await held(page), 0, 'nothing held while idle');
  await press(page, '#full', 'toggle');
  await page.clock.runFor(200);
  assert.equal(await held(page), 1, 'running');
  await press(page, '#full', 'toggle');
  assert.equal(await held(page), 0, 'paused');
  await press(page, '#full', 'toggle');
  await page.clock.runFor(200);
  assert.equal(await held(page), 1, 'resumed');
  // The browser lets go of the lock while the tab is hidden; shown again, it is asked for anew.
  await page.evaluate(() => { for (const l of window.__locks) l.released = true; });
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await page.clock.runFor(200);
  assert.equal(await held(page), 1, 'asked for again as the tab is shown');
  await press(page, '#full', 'stop');
  assert.equal(await held(page), 0, 'stopped');
  await press(page, '#palms', 'toggle');
  await page.clock.runFor(200);
  assert.equal(await held(page), 1, 'the palms exercise too');
  await page.clock.runFor(30_000);
  assert.equal(await page.getAttribute('#palms', 'data-state'), 'done');
  assert.equal(await held(page), 0, 'ended');
  await press(page, '#full', 'toggle');
  await page.clock.runFor(200);
  assert.equal(await held(page), 1);
  await page.evaluate(() => document.querySelector('#full').remove());
  assert.equal(await held(page), 0, 'removed from the page');
});

test('a body scan that waits for the visitor (its part\'s time up with advance="manual") lets the screen sleep, and keeps it awake again on Next', async () => {
  const { page } = await openWithLocks({ clock: true }, 'body-scan.html', ['#full']);
  await page.evaluate(() => document.querySelector('#full').setAttribute('advance', 'manual'));
  await waitState(page, '#full', 'idle');
  await press(page, '#full', 'toggle');
  await page.clock.runFor(1000);
  assert.equal(await held(page), 1, 'the part\'s time runs');
  await page.clock.runFor(2000);
  assert.equal(await page.getAttribute('#full', 'data-state'), 'running');
  assert.equal(await held(page), 0, 'its time up, the scan waits: a phone put down may lock');
  await page.clock.runFor(60_000);
  assert.equal(await held(page), 0, 'and stays free to a minute later');
  await press(page, '#full', 'next');
  await page.clock.runFor(200);
  assert.equal(await held(page), 1, 'the next part\'s time runs');
  await page.clock.runFor(3000);
  assert.equal(await held(page), 0);
  // Shown again while it waits, it does not ask for the lock.
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await page.clock.runFor(200);
  assert.equal(await held(page), 0, 'not asked for while it waits, the tab shown again');
  await press(page, '#full', 'toggle');
  await press(page, '#full', 'toggle');
  await page.clock.runFor(200);
  assert.equal(await held(page), 0, 'nor on resuming a scan that waits');
});

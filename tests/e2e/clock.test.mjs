// Time: the pacer follows one clock (checked with Playwright's fake clock, no real waiting), ends
// a session with the summary and the optional rating, takes live option changes, and stops
// everything when it leaves the page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BOX, attr, button, deepFocus, events, openWith, partText, pauseClock, phaseAt, stored, useBrowser, waitState } from './helpers.mjs';

const ctx = useBrowser();

// Opens pacers.html with a fake clock, waits for the widgets, then stops the clock: from here on
// time moves only when the test says so.
async function openPaused() {
  const opened = await ctx.open(ctx.fixture('pacers.html'), { clock: true });
  const { page } = opened;
  await waitState(page, '#long', 'idle');
  await waitState(page, '#once', 'idle');
  await waitState(page, '#ph', 'idle');
  await pauseClock(page);
  return opened;
}

// What #sel shows, with the page's clock reading.
function shown(page, sel) {
  return page.evaluate((s) => {
    const el = document.querySelector(s);
    const root = el.shadowRoot;
    return {
      now: performance.now(),
      state: el.getAttribute('data-state'),
      phase: el.getAttribute('data-phase'),
      words: root.querySelector('[part~="phase"]').textContent,
      count: root.querySelector('[part~="count"]').textContent,
      progress: Number(root.querySelector('[part~="progress"]').getAttribute('aria-valuenow')),
      meta: root.querySelector('.meta')?.textContent ?? '',
    };
  }, sel);
}

// Starts #sel with a click; returns the page clock at the start.
async function startAt(page, sel) {
  await button(page, sel, 'toggle').click();
  const s = await shown(page, sel);
  assert.equal(s.state, 'running');
  return s.now;
}

test('the phase follows the schedule: 6 s in is hold-in, 37 minutes after a closed lid is exactly on schedule, no replay', async () => {
  const { page } = await openPaused();
  const t0 = await startAt(page, '#long');
  let s = await shown(page, '#long');
  assert.equal(s.phase, 'inhale');
  assert.equal(s.count, '4');

  await page.clock.runFor(6000);
  s = await shown(page, '#long');
  assert.equal(s.phase, 'hold-in', '6 s into box breathing');
  assert.equal(s.count, '2', '2 s of the hold left');
  assert.equal(s.words, 'Hold gently');

  // The laptop lid closes for 37 minutes (and a bit) of a 60-minute session: no timer runs in
  // between, then the page wakes up once.
  const before = (await events(page, 'phase')).length;
  await page.clock.fastForward(37 * 60_000 + 8337);
  s = await shown(page, '#long');
  const elapsed = s.now - t0;
  const want = phaseAt(BOX, elapsed);
  assert.equal(s.state, 'running');
  assert.equal(s.phase, want.phase, `at ${elapsed} ms`);
  assert.equal(s.count, String(Math.ceil(want.leftMs / 1000)), 'the countdown of the right phase');
  const breath = Math.floor(elapsed / 16_000) + 1;
  assert.match(s.meta, new RegExp(`\\b${breath} of 225\\b`), 'the breath counter (60 min of 16 s breaths = 225)');
  assert.equal(s.progress, Math.floor(Math.round((elapsed / 3_600_000) * 1000) / 10), 'session progress');

  const fresh = (await events(page, 'phase')).slice(before);
  assert.ok(fresh.length >= 1 && fresh.length <= 2, `phase events after the jump: ${fresh.length} (no replay of the missed ones)`);
  const last = fresh.at(-1).detail;
  assert.equal(last.phase, want.phase);
  assert.equal(last.breath, breath);
  assert.ok(Math.abs(last.elapsed_ms - elapsed) <= 1, `elapsed_ms ${last.elapsed_ms} vs ${elapsed}`);

  // More jumps of odd lengths: every one lands where the schedule says.
  for (const jump of [1234, 15_999, 60_001, 4000, 123_457, 2, 7_777]) {
    await page.clock.fastForward(jump);
    s = await shown(page, '#long');
    const w = phaseAt(BOX, s.now - t0);
    assert.equal(s.phase, w.phase, `after +${jump} ms, ${s.now - t0} ms in`);
    assert.equal(s.count, String(Math.ceil(w.leftMs / 1000)));
  }

  // Past the end: done, one attune:complete with the whole session, no storm of phase events.
  const phasesBefore = (await events(page, 'phase')).length;
  await page.clock.fastForward(30 * 60_000);
  s = await shown(page, '#long');
  assert.equal(s.state, 'done');
  assert.equal(s.phase, null, 'data-phase goes when the session ends');
  assert.ok((await events(page, 'phase')).length - phasesBefore <= 1);
  const complete = await events(page, 'complete');
  assert.equal(complete.length, 1);
  assert.deepEqual(complete[0].detail, { widget: 'breathing', pattern: 'box', breaths: 225, duration_ms: 3_600_000, completed: true });
});

test('a pause holds the time line; resume goes on from the same moment', async () => {
  const { page } = await openPaused();
  const t0 = await startAt(page, '#long');
  await page.clock.runFor(9000); // 1 s into the exhale
  await button(page, '#long', 'toggle').click();
  let s = await shown(page, '#long');
  assert.equal(s.state, 'paused');
  assert.equal(s.phase, 'exhale', 'data-phase stays while paused');
  assert.equal(await button(page, '#long', 'toggle').textContent(), 'Resume');
  const pausedAt = s.now - t0;
  const phases = (await events(page, 'phase')).length;

  await page.clock.fastForward(10 * 60_000);
  s = await shown(page, '#long');
  assert.equal(s.state, 'paused');
  assert.equal(s.phase, 'exhale');
  assert.equal((await events(page, 'phase')).length, phases, 'nothing happens while paused');

  await button(page, '#long', 'toggle').click();
  await page.clock.runFor(2500); // 9 + 2.5 = 11.5 s of active time: still the exhale
  s = await shown(page, '#long');
  assert.equal(s.state, 'running');
  assert.equal(s.phase, phaseAt(BOX, pausedAt + 2500).phase);
  assert.equal(s.count, '1');
  assert.equal((await events(page, 'phase')).length, phases, 'resuming the exhale is no new phase for the page');
  await page.clock.runFor(1000); // 12.5 s: the rest after the exhale
  assert.equal(await attr(page, '#long', 'data-phase'), 'hold-out');
  const after = (await events(page, 'phase')).slice(phases).map((e) => e.detail.phase);
  assert.deepEqual(after, ['hold-out'], 'the next one is');
});

test('a pause that comes after a phase began but before the frame that shows it still gives the page that phase', async () => {
  const { page } = await openPaused();
  // 4.25 breaths a minute: the in-breath lasts 7058.8 ms, between two of the 250 ms timer's
  // looks. Frames come on a 16 ms grid on the fake clock: Start 2 ms after one, so the
  // in-breath ends 4.8 ms after one, and the pause 1.2 ms later is 10 ms before the next.
  await page.evaluate(() => {
    const el = document.querySelector('#long');
    el.setAttribute('pattern', 'resonance');
    el.setAttribute('bpm', '4.25');
    el.setAttribute('vibrate', 'on');
    window.__buzz = [];
    Navigator.prototype.vibrate = (pattern) => { window.__buzz.push(pattern.join('-')); return true; };
    window.__frames = [];
    const loop = () => { window.__frames.push(performance.now()); requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
  });
  await page.clock.runFor(40);
  assert.match(await partText(page, '#long', 'pattern'), /4\.25/);
  const frame = await page.evaluate(() => window.__frames.at(-1));
  const now = await page.evaluate(() => performance.now());
  await page.clock.runFor((((frame + 2 - now) % 16) + 16) % 16);
  await startAt(page, '#long');
  await page.evaluate((s) => setTimeout(() => {
    document.querySelector(s).shadowRoot.querySelector('button[data-action="toggle"]').click();
  }, 7060), '#long');
  await page.clock.runFor(7070);
  const s = await shown(page, '#long');
  assert.equal(s.state, 'paused');
  assert.equal(s.phase, 'exhale', 'paused in the out-breath');
  const seen = (await events(page, 'phase')).map((e) => e.detail);
  assert.deepEqual(seen.map((d) => d.phase), ['inhale', 'exhale'], 'the out-breath was the page\'s phase before the pause');
  assert.equal(seen[1].elapsed_ms, 7060, 'as the pause found it');
  assert.deepEqual(await page.evaluate(() => window.__buzz), ['180'], 'the out-breath not buzzed at the pause');

  // Resuming goes on in the same out-breath: no second event for it.
  await button(page, '#long', 'toggle').click();
  await page.clock.runFor(1000);
  assert.equal(await attr(page, '#long', 'data-phase'), 'exhale');
  assert.equal((await events(page, 'phase')).length, 2);
  assert.deepEqual(await page.evaluate(() => window.__buzz), ['180', '70-90-70'], 'but as it goes on');
});

test('breaths="1" reaches done, fires attune:complete with the summary, offers the 0-10 rating; a value or Skip says thanks', async () => {
  const { page } = await openPaused();
  await startAt(page, '#once');
  const started = await events(page, 'start');
  assert.deepEqual(started.at(-1).detail, { widget: 'breathing', pattern: 'box', breaths: 1, duration_ms: 16_000 });

  await page.clock.runFor(15_900);
  assert.equal(await attr(page, '#once', 'data-state'), 'running', 'not over before the breath is');
  await page.clock.runFor(200);
  assert.equal(await attr(page, '#once', 'data-state'), 'done');
  const complete = await events(page, 'complete');
  assert.equal(complete.length, 1);
  assert.equal(complete[0].id, 'once');
  assert.ok(complete[0].bubbles && complete[0].composed);
  assert.deepEqual(complete[0].detail, { widget: 'breathing', pattern: 'box', breaths: 1, duration_ms: 16_000, completed: true });

  const rate = button(page, '#once', 'rate');
  assert.equal(await rate.count(), 11);
  for (let v = 0; v <= 10; v++) await assert.doesNotReject(button(page, '#once', 'rate', v).waitFor({ state: 'visible', timeout: 1000 }));
  assert.equal(await button(page, '#once', 'skip').isVisible(), true);
  const thanks = page.locator('#once .thanks');
  assert.equal(await thanks.isVisible(), false);

  await button(page, '#once', 'rate', 7).click();
  assert.equal(await thanks.isVisible(), true, 'thanks after a value');
  assert.equal(await button(page, '#once', 'rate', 7).getAttribute('aria-pressed'), 'true');
  assert.equal(await button(page, '#once', 'rate', 0).isVisible(), false, 'the scale goes away');
  assert.equal(await button(page, '#once', 'toggle').textContent(), 'Breathe again');

  // The session and its rating are kept in this browser, and the page hears of it by id only.
  const kept = (await stored(page, 'attune.attune.sessions')).json;
  assert.equal(kept.app, 'attune');
  assert.equal(kept.items.length, 1);
  assert.deepEqual([kept.items[0].widget, kept.items[0].rating, kept.items[0].counts], ['breathing', 7, [1]]);
  const entries = await events(page, 'entry');
  assert.equal(entries.length, 2, 'one entry when the session ended, one with the rating');
  assert.deepEqual(entries[1].detail, { widget: 'breathing', id: kept.items[0].id, kind: 'session', completed: true, rating: 7, edited: true });

  // Again, and this time skip the question.
  await button(page, '#once', 'toggle').click();
  assert.equal(await attr(page, '#once', 'data-state'), 'running');
  assert.equal(await thanks.isVisible(), false);
  await page.clock.fastForward(16_500);
  assert.equal(await attr(page, '#once', 'data-state'), 'done');
  assert.equal(await button(page, '#once', 'rate', 7).getAttribute('aria-pressed'), 'false', 'the old answer is not kept');
  // The scale is one Tab stop: the arrow keys, Home and End go along it, choosing nothing.
  const stops = () => page.evaluate(() => [...document.querySelector('#once').shadowRoot.querySelectorAll('[data-action="rate"]')]
    .filter((b) => b.tabIndex === 0).map((b) => b.dataset.value));
  assert.deepEqual(await stops(), ['0']);
  await button(page, '#once', 'rate', 0).focus();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  assert.equal((await deepFocus(page)).value, '9');
  for (const combo of ['Alt+ArrowLeft', 'Meta+ArrowLeft']) {
    await page.keyboard.press(combo);
    assert.equal((await deepFocus(page)).value, '9', `${combo} is the browser's (Back), not the scale's`);
  }
  assert.deepEqual(await stops(), ['9'], 'Tab comes back to where the visitor was');
  assert.equal(await page.locator('#once [aria-pressed="true"]').count(), 0);
  await page.keyboard.press('Tab');
  assert.equal((await deepFocus(page)).action, 'skip');
  await button(page, '#once', 'skip').click();
  assert.equal(await thanks.isVisible(), true, 'thanks after Skip');
  assert.equal((await events(page, 'complete')).length, 2);
});

test('a session begun before midnight and ended after it is that evening\'s practice: its record has the day and time it began', async () => {
  const begin = Date.parse('2026-12-09T23:59:55Z'); // 23:59:55 in London in December
  const { page } = await openWith(ctx, ctx.fixture('pacers.html'), { timezoneId: 'Europe/London' }, { clock: { time: begin - 5000 } });
  await waitState(page, '#once', 'idle');
  await pauseClock(page); // a little after 23:59:55
  await startAt(page, '#once');
  await page.clock.fastForward(16_500);
  assert.equal(await attr(page, '#once', 'data-state'), 'done', 'ended at 00:00:12, a day later');
  await startAt(page, '#once');
  await page.clock.fastForward(16_500);
  assert.equal(await attr(page, '#once', 'data-state'), 'done');
  // (Read once the write, made under the records' lock a moment after the end, has landed.)
  const { items } = (await stored(page, 'attune.attune.sessions')).json;
  assert.equal(items.length, 2);
  const [evening, morning] = items.sort((a, b) => a.at - b.at);
  assert.equal(morning.day, evening.day + 1, 'the first is dated the day it began, the second the day after');
  assert.ok(evening.at >= begin - 5000 && evening.at < begin + 4000, 'at the time it began, 23:59:5x');
  assert.ok(evening.updated_at >= begin + 16_000, 'kept at its end');
});

test('ramp: the first breaths have no holds, the out-breath grows to one and a half times the in-breath, and the line under the title says so', async () => {
  const { page } = await openPaused();
  await page.evaluate(() => {
    const el = document.querySelector('#long');
    el.setAttribute('breaths', '6');
    el.removeAttribute('minutes');
    el.setAttribute('ramp', '');
  });
  await page.waitForFunction(() => /starts gently/.test(document.querySelector('#long').shadowRoot.querySelector('[part~="pattern"]').textContent));
  assert.equal(await partText(page, '#long', 'pattern'), 'Box breathing · 4-4-4-4 · 6\u00a0breaths · starts gently, the out-breath growing longer');
  assert.doesNotMatch(await partText(page, '#once', 'pattern'), /starts gently/, 'only with ramp');
  await startAt(page, '#long');
  await page.clock.runFor(120_000);
  const phases = (await events(page, 'phase')).filter((e) => e.id === 'long').map((e) => [e.detail.breath, e.detail.phase, e.detail.duration_ms]);
  assert.deepEqual(phases.filter(([b]) => b === 1).map(([, p]) => p), ['inhale', 'exhale'], 'no holds at first');
  assert.deepEqual(phases.filter(([b]) => b === 6).map(([, p, ms]) => [p, ms]),
    [['inhale', 4000], ['hold-in', 4000], ['exhale', 6000], ['hold-out', 4000]]);
});

test('the line under the title shows the numbers as the site wrote them (two decimals), not rounded to another', async () => {
  const { page } = await openPaused();
  await page.evaluate(() => {
    const el = document.querySelector('#long');
    el.setAttribute('pattern', 'resonance');
    el.setAttribute('bpm', '4.25');
    el.setAttribute('minutes', '1.25');
  });
  await page.waitForFunction(() => /4\.25/.test(document.querySelector('#long').shadowRoot.querySelector('[part~="pattern"]').textContent));
  assert.match(await partText(page, '#long', 'pattern'), /4\.25\sbreaths a minute · 1\.25\sminutes$/);
});

test('a live attribute change takes effect: the pattern text changes', async () => {
  const { page } = await openPaused();
  assert.match(await partText(page, '#long', 'pattern'), /4-4-4-4/);
  await page.evaluate(() => document.querySelector('#long').setAttribute('pattern', '4-7-8'));
  const text = await partText(page, '#long', 'pattern');
  assert.match(text, /4\u20117\u20118/);
  assert.doesNotMatch(text, /4-4-4-4/);
  // And on a placeholder, through its data- attribute.
  await page.evaluate(() => document.querySelector('#ph').setAttribute('data-pattern', '3.5-0-5.5-0'));
  await page.waitForFunction(() => /3\.5-0-5\.5-0/.test(document.querySelector('#ph').shadowRoot.querySelector('[part~="pattern"]').textContent));
  // The new pattern is the one that runs: 4-7-8 holds for 7 s after a 4 s inhale.
  await startAt(page, '#long');
  await page.clock.runFor(10_000);
  assert.equal(await attr(page, '#long', 'data-phase'), 'hold-in');
  await page.clock.runFor(2_000);
  assert.equal(await attr(page, '#long', 'data-phase'), 'exhale');
});

// Counts the page's own frame and interval requests from now on (the glue looks them up on
// window at each call, so wrapping them here sees the widget's).
const countLoops = (page) => page.evaluate(() => {
  window.__loops = { raf: 0, intervals: new Set() };
  const raf = window.requestAnimationFrame;
  window.requestAnimationFrame = function (cb) { window.__loops.raf++; return raf.call(window, cb); };
  const si = window.setInterval;
  const ci = window.clearInterval;
  window.setInterval = function (...args) { const id = si.apply(window, args); window.__loops.intervals.add(id); return id; };
  window.clearInterval = function (id) { window.__loops.intervals.delete(id); return ci.call(window, id); };
});

for (const [what, sel] of [['a custom element', '#long'], ['a placeholder', '#ph']]) {
  test(`removing ${what} while it runs unmounts it: no state left, no more phases, no frame loop`, async () => {
    const { page } = await openPaused();
    await countLoops(page);
    await startAt(page, sel);
    await page.clock.runFor(1000);
    const loops = await page.evaluate(() => ({ raf: window.__loops.raf, intervals: window.__loops.intervals.size }));
    assert.ok(loops.raf > 10, 'it animated');
    assert.ok(loops.intervals >= 1, 'with its ticker');
    await page.evaluate((s) => {
      const el = document.querySelector(s);
      window.__removed = el;
      window.__after = 0;
      el.addEventListener('attune:phase', () => window.__after++);
      el.remove();
    }, sel);
    await page.clock.runFor(100); // lets the loader's microtask / MutationObserver see it
    const afterRemoval = await page.evaluate(() => ({
      raf: window.__loops.raf,
      state: window.__removed.getAttribute('data-state'),
      phase: window.__removed.getAttribute('data-phase'),
      children: window.__removed.shadowRoot.childNodes.length,
    }));
    assert.equal(afterRemoval.state, null);
    assert.equal(afterRemoval.phase, null);
    assert.equal(afterRemoval.children, 0, 'the shadow root is emptied');
    await page.clock.runFor(20_000);
    const later = await page.evaluate(() => ({ raf: window.__loops.raf, intervals: window.__loops.intervals.size, phases: window.__after }));
    assert.equal(later.phases, 0, 'no attune:phase after removal');
    assert.ok(later.raf - afterRemoval.raf <= 1, `frames requested after removal: ${later.raf - afterRemoval.raf}`);
    assert.equal(later.intervals, 0, 'its interval was cleared');
  });
}

test('moving a running widget elsewhere on the page is not a removal', async () => {
  const { page } = await openPaused();
  await startAt(page, '#long');
  await page.clock.runFor(5000);
  await page.evaluate(() => document.querySelector('main').append(document.querySelector('#long')));
  await page.clock.runFor(1000);
  assert.equal(await attr(page, '#long', 'data-state'), 'running');
  assert.equal(await attr(page, '#long', 'data-phase'), 'hold-in');
});

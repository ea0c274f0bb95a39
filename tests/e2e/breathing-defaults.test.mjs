// What a pacer does when the site says little: 4-7-8 is four breaths long, and the keyboard hint
// appears only where a keyboard is likely.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attr, button, openWith, partText, pauseClock, setHidden, storedSessions, useBrowser, waitState } from './helpers.mjs';

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

// What the pacer asks of Web Audio, on the audio clock: `window.__notes` holds each oscillator's
// start, last stop and frequency (a chime is a note and its octave), `window.__ctx` the page's
// context. `seen`: the tab's visibility set by hand (`window.__seen`); `latency`: the context's
// `outputLatency` in seconds; `openAfterMs`: its clock stands still that long after it is made,
// as a slow phone's does.
async function spyOnChimes(page, { seen = false, latency, openAfterMs } = {}) {
  await page.addInitScript(({ seen, latency, openAfterMs }) => {
    window.__notes = [];
    if (seen) {
      window.__seen = 'visible';
      Object.defineProperty(Document.prototype, 'visibilityState', { configurable: true, get: () => window.__seen });
      Object.defineProperty(Document.prototype, 'hidden', { configurable: true, get: () => window.__seen === 'hidden' });
    }
    const Real = window.AudioContext;
    window.AudioContext = class extends Real {
      constructor(...args) {
        super(...args);
        window.__ctx = this;
        if (openAfterMs) {
          this.suspend();
          setTimeout(() => { this.__open = true; Real.prototype.resume.call(this); }, openAfterMs);
        }
      }
      get outputLatency() { return latency ?? super.outputLatency; }
      resume() { return !openAfterMs || this.__open ? super.resume() : Promise.resolve(); }
      createOscillator() {
        const osc = super.createOscillator();
        const note = {};
        window.__notes.push(note);
        const [start, stop] = [osc.start.bind(osc), osc.stop.bind(osc)];
        osc.start = (t) => { note.start = t; note.freq = Math.round(osc.frequency.value); start(t); };
        osc.stop = (t) => { note.stop = t; stop(t); };
        return osc;
      }
    };
  }, { seen, latency, openAfterMs });
}

// A page with the Web Audio spy (`spy`, as above) and a pacer of 1.5 s phases with chimes.
async function chimingPacer(spy = {}) {
  const { page } = await ctx.open(ctx.fixture('records.html'), { goto: false });
  await spyOnChimes(page, spy);
  await page.goto(ctx.fixture('records.html'));
  await pacer(page, { pattern: '1.5-0-1.5-0', minutes: '1', sound: 'chime', rating: 'off' });
  return page;
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

test('an English pacer in a South African browser writes its numbers as English does, with the dots of the site\'s pattern', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'), { locale: 'en-ZA' });
  await pacer(page, { pattern: '3.5-0-5.5-0', minutes: '2.5' });
  const said = await page.evaluate(() => document.querySelector('#w').shadowRoot.querySelector('[part~="pattern"]').textContent);
  assert.match(said, /3\.5-0-5\.5-0 · 2\.5\sminutes$/);
});

test('minutes shorter than one breath are named as that one breath, which the session runs', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'), { clock: true });
  await pacer(page, { pattern: '60-60-60-60', minutes: '0.5', rating: 'off' });
  const said = await page.evaluate(() => document.querySelector('#w').shadowRoot.querySelector('[part~="pattern"]').textContent);
  assert.match(said, /· 1\sbreath$/);
  await pauseClock(page);
  await button(page, '#w', 'toggle').click();
  await page.clock.runFor(239_000); // the one breath lasts 4 minutes, not the half minute asked
  assert.equal(await page.getAttribute('#w', 'data-state'), 'running');
  await page.clock.runFor(1_500);
  await waitState(page, '#w', 'done');
});

const hintShown = (page) => page.evaluate(() => {
  const hint = document.querySelector('#w').shadowRoot.querySelector('#keys');
  return hint !== null && getComputedStyle(hint).display !== 'none';
});

test('the keyboard hint shows with a mouse and keyboard, not on a touch screen, and not once the session is over', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'), { clock: true });
  await pacer(page, { pattern: '2-0-2-0', breaths: '1' });
  assert.equal(await hintShown(page), true);
  await pauseClock(page);
  await button(page, '#w', 'toggle').click();
  assert.equal(await hintShown(page), true, 'while it runs');
  await page.clock.runFor(4_500);
  await waitState(page, '#w', 'done');
  assert.equal(await hintShown(page), false, 'over: the rating question, where Space chooses, and Breathe again');
  const { page: phone } = await openWith(ctx, ctx.fixture('records.html'), { hasTouch: true, isMobile: true, viewport: { width: 360, height: 740 } });
  await pacer(phone, {});
  assert.equal(await hintShown(phone), false);
});

// Each visible 0-10 scale in a widget: how its eleven buttons sit in rows inside the box.
const scales = (page, sel) => page.evaluate((s) => {
  const root = document.querySelector(s).shadowRoot;
  const box = root.querySelector('[part~="base"]').getBoundingClientRect();
  return [...root.querySelectorAll('.scale')].filter((row) => row.getBoundingClientRect().height > 0).map((row) => {
    const rects = [...row.querySelectorAll('button')].map((b) => b.getBoundingClientRect());
    return {
      buttons: rects.length,
      oneRow: rects.every((r) => Math.abs(r.top - rects[0].top) < 1),
      firstRow: rects.filter((r) => Math.abs(r.top - rects[0].top) < 1).length,
      gap: Math.min(...rects.slice(1).map((r, i) => r.top === rects[i].top ? r.left - rects[i].right : Infinity)),
      inside: rects.every((r) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5),
      narrowest: Math.min(...rects.map((r) => r.width)),
      ends: [...row.nextElementSibling.querySelectorAll('span')].map((e) => e.textContent),
    };
  });
}, sel);

test('at 360 px every 0-10 scale takes two rows, 0-5 and 6-10, of buttons a finger can tell apart, with honest words at each end', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'), { clock: true, viewport: { width: 360, height: 740 } });
  await page.evaluate(() => {
    const slot = document.querySelector('#slot');
    for (const [id, widget, opts] of [['t', 'pleasure', {}], ['w', 'breathing', { breaths: '1', pattern: '4-0-4-0' }]]) {
      const el = document.createElement('div');
      el.id = id;
      slot.append(el);
      Attune.mount(el, { widget, ...opts });
    }
  });
  await waitState(page, '#t', 'idle');
  await waitState(page, '#w', 'idle');
  // The tracker asks its 0-10 question on its own step.
  await button(page, '#t', 'act', 0).click();
  await button(page, '#t', 'now').click();
  await pauseClock(page);
  await button(page, '#w', 'toggle').click();
  await page.clock.runFor(8_500);
  await waitState(page, '#w', 'done');
  const found = [...await scales(page, '#t'), ...await scales(page, '#w')];
  assert.equal(found.length, 2, JSON.stringify(found));
  for (const s of found) {
    assert.equal(s.buttons, 11);
    assert.ok(!s.oneRow && s.firstRow === 6 && s.inside, JSON.stringify(s));
    assert.ok(s.narrowest >= 40, `each button at least 40 px wide (${s.narrowest})`);
    assert.ok(s.gap >= 4, `space between neighbours (${s.gap} px)`);
  }
  assert.deepEqual(found[1].ends, ['0 not at ease', '10 at ease']);
});

test('the counts are quiet: the seconds left are smaller than the words of the phase, and "Breath 1 of 4" is small print', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'), { clock: true });
  await pacer(page, { pattern: '4-7-8', rating: 'off' });
  await pauseClock(page);
  await button(page, '#w', 'toggle').click();
  await page.clock.runFor(1_500);
  const sizes = await page.evaluate(() => {
    const root = document.querySelector('#w').shadowRoot;
    const px = (sel) => parseFloat(getComputedStyle(root.querySelector(sel)).fontSize);
    const weight = (sel) => Number(getComputedStyle(root.querySelector(sel)).fontWeight);
    return { count: px('[part~="count"]'), countWeight: weight('[part~="count"]'), phase: px('.phase'), meta: px('.meta'), body: px('[part~="base"]'), meta_text: root.querySelector('.meta').textContent };
  });
  assert.equal(sizes.meta_text, 'Breath 1 of 4');
  assert.ok(sizes.count < sizes.phase, JSON.stringify(sizes));
  assert.ok(sizes.countWeight < 600, JSON.stringify(sizes));
  assert.ok(sizes.meta < sizes.body, JSON.stringify(sizes));
});

test('sound="chime": Start opens the page\'s audio and chimes on the phases, and again after Resume; a pacer with no sound makes none', async () => {
  const { page, log } = await ctx.open(ctx.fixture('records.html'), { goto: false });
  // Counts what the engine asks of Web Audio (the sound itself is not heard here).
  await page.addInitScript(() => {
    window.__audio = { contexts: 0, tones: 0 };
    const Real = window.AudioContext;
    window.AudioContext = class extends Real {
      constructor(...args) {
        super(...args);
        window.__audio.contexts += 1;
      }
      createOscillator() {
        window.__audio.tones += 1;
        return super.createOscillator();
      }
    };
  });
  await page.goto(ctx.fixture('records.html'));
  const audio = () => page.evaluate(() => ({ ...window.__audio }));
  const moreTones = (than) => page.waitForFunction((n) => window.__audio.tones > n, than, { timeout: 6000 });
  await pacer(page, { pattern: 'box', sound: 'chime', rating: 'off' });
  assert.deepEqual(await audio(), { contexts: 0, tones: 0 }, 'nothing before the visitor starts');
  await button(page, '#w', 'toggle').click();
  await waitState(page, '#w', 'running');
  await moreTones(0);
  assert.equal((await audio()).contexts, 1, 'one audio context for the page');
  assert.equal((await audio()).tones % 2, 0, 'each chime is a note and its octave');
  await button(page, '#w', 'toggle').click(); // pause
  await waitState(page, '#w', 'paused');
  await button(page, '#w', 'toggle').click(); // resume
  await waitState(page, '#w', 'running');
  await moreTones((await audio()).tones); // the next phase's chime (box: 4 s each)
  assert.equal((await audio()).contexts, 1, 'still the one context');
  // Without sound="chime" a pacer never opens audio.
  await page.evaluate(() => document.querySelector('#w').remove());
  await pacer(page, { pattern: 'box', rating: 'off' });
  const before = await audio();
  await button(page, '#w', 'toggle').click();
  await waitState(page, '#w', 'running');
  await page.waitForTimeout(300);
  assert.equal((await audio()).tones, before.tones, 'no chime without sound="chime"');
  assert.deepEqual(log.errors, []);
});

test('a session stopped after a breath or more is kept, marked as stopped before the end; one stopped sooner is not', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'), { clock: true });
  await pacer(page, { pattern: 'box', minutes: '3' });
  await pauseClock(page);
  await button(page, '#w', 'toggle').click();
  await page.clock.runFor(2 * 16_000 + 3_000); // two box breaths (4 + 4 + 4 + 4 s) and a bit
  await page.locator('#w button[data-action="stop"]').click();
  await waitState(page, '#w', 'idle');
  let kept = await storedSessions(page);
  assert.equal(kept.length, 1);
  assert.equal(kept[0].widget, 'breathing');
  assert.equal(kept[0].completed, false);
  assert.deepEqual(kept[0].counts, [2]);
  assert.deepEqual(kept[0].tags, ['pattern:box']);

  await button(page, '#w', 'toggle').click();
  await page.clock.runFor(3_000);
  await page.keyboard.press('Escape');
  await waitState(page, '#w', 'idle');
  kept = await storedSessions(page);
  assert.equal(kept.length, 1, 'a start and a stop within the first breath leaves nothing');
});

test('sound="chime" with the tab hidden: the chimes queued far ahead are queued anew as the tab comes back (the device may have slept)', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'), { clock: true, goto: false });
  await spyOnChimes(page, { seen: true });
  await page.goto(ctx.fixture('records.html'));
  await pacer(page, { pattern: 'box', minutes: '10', sound: 'chime' });
  await button(page, '#w', 'toggle').click();
  // (The page's clock is the test's; the audio's runs on: chimes are queued ahead once it runs steadily.)
  await page.waitForFunction(() => window.__ctx?.currentTime > 0.3);
  await page.clock.runFor(500);
  const seen = (state) => page.evaluate((v) => { window.__seen = v; document.dispatchEvent(new Event('visibilitychange')); }, state);
  // Still to play, more than the visible look-ahead away (a chime is a note and its octave).
  const ahead = () => page.evaluate(() => window.__notes.filter((n) => n.start > window.__ctx.currentTime + 3 && n.stop > n.start).length);
  await seen('hidden');
  await page.clock.runFor(2_000);
  assert.ok((await ahead()) >= 2 * 15, `hidden, a minute of chimes is queued (${await ahead()})`);
  await seen('visible');
  await page.clock.runFor(100);
  assert.equal(await ahead(), 0, 'back, only the next chimes are queued, from the clock as it is now');
  await page.clock.runFor(5_000);
  assert.ok(await page.evaluate(() => window.__notes.some((n) => n.stop > n.start && n.start > window.__ctx.currentTime - 6)), 'and the chimes go on');
});

test('sound="chime": each chime is heard as its phase begins, the sound\'s way to the speaker allowed for, in the audio\'s first seconds too', async () => {
  // Each note's start on the audio clock, read later as a time on the page's clock by the
  // context's own output timestamp (when a sample reaches the speaker).
  const page = await chimingPacer();
  await page.evaluate(() => {
    window.__phases = [];
    document.querySelector('#w').addEventListener('attune:phase', (e) => window.__phases.push(performance.now() - e.detail.elapsed_ms));
  });
  await button(page, '#w', 'toggle').click();
  await page.waitForFunction(() => window.__phases.length >= 5, null, { timeout: 15_000 });
  const { heard, begun, lag } = await page.evaluate(() => {
    const ts = window.__ctx.getOutputTimestamp();
    // Each phase event is told a little after its frame: the earliest gives the session's start
    // (not the first, told as Start is pressed, a moment before the breath begins).
    const begun = Math.min(...window.__phases.slice(1));
    const heard = window.__notes.filter((_, i) => i % 2 === 0).map(({ start: t }) => ts.performanceTime + (t - ts.contextTime) * 1000 - begun);
    return { heard, begun, lag: 1000 * (window.__ctx.outputLatency + window.__ctx.baseLatency) };
  });
  assert.ok(begun > 0 && lag > 0, `the audio reaches a speaker some ms after its clock (${lag} ms)`);
  // The first chime sounds as soon as the audio starts; each later one on its phase, 1.5 s apart.
  const late = heard.slice(1, 4).map((ms, i) => Math.round(ms - 1500 * (i + 1)));
  assert.equal(late.length, 3, `three chimes after the first (${heard.map(Math.round)})`);
  for (const ms of late) assert.ok(Math.abs(ms) <= 25, `each heard within 25 ms of its phase (40 ms late here before the way to the speaker was allowed for): ${late} ms`);
});

test('sound="chime": a session\'s first chime is heard as its first breath begins, the sound\'s way to the speaker allowed for', async () => {
  const page = await chimingPacer();
  // A first session opens the page's audio (its device starts late); the second is measured.
  await button(page, '#w', 'toggle').click();
  await page.waitForFunction(() => window.__ctx?.currentTime > 1);
  await button(page, '#w', 'stop').click();
  await waitState(page, '#w', 'idle');
  await page.evaluate(() => {
    window.__phases = [];
    window.__from = window.__notes.length;
    document.querySelector('#w').addEventListener('attune:phase', (e) => window.__phases.push(performance.now() - e.detail.elapsed_ms));
  });
  await button(page, '#w', 'toggle').click();
  await page.waitForFunction(() => window.__phases.length >= 3, null, { timeout: 10_000 });
  const { first, lag } = await page.evaluate(() => {
    const ts = window.__ctx.getOutputTimestamp();
    // When the session began, from the later phases' events (the first is told as Start is
    // pressed, before the breath begins).
    const begun = Math.min(...window.__phases.slice(1));
    const note = window.__notes[window.__from];
    return { first: ts.performanceTime + (note.start - ts.contextTime) * 1000 - begun, lag: 1000 * (window.__ctx.outputLatency + window.__ctx.baseLatency) };
  });
  assert.ok(Math.abs(first) <= 25, `heard ${Math.round(first)} ms from the breath's start (the way to the speaker here: ${Math.round(lag)} ms)`);
});

test('sound="chime": coming back to the tab as a chime rings lets it ring out, and does not play it again', async () => {
  const page = await chimingPacer({ seen: true });
  // Away and back at once, 40 ms into the second phase, as its chime rings.
  await page.evaluate(() => {
    const seen = (v) => { window.__seen = v; document.dispatchEvent(new Event('visibilitychange')); };
    document.querySelector('#w').addEventListener('attune:phase', (e) => {
      if (e.detail.phase === 'exhale' && !window.__back) {
        setTimeout(() => { seen('hidden'); seen('visible'); window.__back = window.__ctx.currentTime; }, 40);
      }
    });
  });
  await button(page, '#w', 'toggle').click();
  await page.waitForFunction(() => window.__back && window.__ctx.currentTime > window.__back + 0.5, null, { timeout: 10_000 });
  const { ringing, again } = await page.evaluate(() => {
    const back = window.__back;
    const notes = window.__notes.filter((n) => n.start !== undefined);
    return {
      ringing: notes.filter((n) => n.start <= back && n.start + 1.7 > back).map((n) => n.stop - n.start),
      again: notes.filter((n) => n.start > back - 0.01 && n.start < back + 0.5).length,
    };
  });
  assert.ok(ringing.length >= 2, `a chime (a note and its octave) rings as the tab comes back (${ringing})`);
  for (const s of ringing) assert.ok(Math.abs(s - 1.7) < 1e-6, `and rings its 1.7 s out, not cut off (${ringing})`);
  assert.equal(again, 0, 'and its phase\'s chime is not played a second time');
});

test('sound="chime": pausing as a chime rings lets it ring out like a bell (cut off, it clicks), and nothing after it sounds', async () => {
  const page = await chimingPacer();
  // Paused 40 ms into the third phase, as its chime rings (and the next ones are queued).
  await page.evaluate(() => {
    let phases = 0;
    document.querySelector('#w').addEventListener('attune:phase', () => {
      if (++phases === 3) {
        setTimeout(() => { document.querySelector('#w').shadowRoot.querySelector('[data-action="toggle"]').click(); window.__paused = window.__ctx.currentTime; }, 40);
      }
    });
  });
  await button(page, '#w', 'toggle').click();
  await page.waitForFunction(() => window.__paused && window.__ctx.currentTime > window.__paused + 1, null, { timeout: 10_000 });
  assert.equal(await page.getAttribute('#w', 'data-state'), 'paused');
  const { ringing, after } = await page.evaluate(() => {
    const at = window.__paused;
    const notes = window.__notes.filter((n) => n.start !== undefined);
    return {
      ringing: notes.filter((n) => n.start <= at && n.start + 1.7 > at).map((n) => n.stop - n.start),
      after: notes.filter((n) => n.start > at && n.stop > n.start).length,
    };
  });
  assert.ok(ringing.length >= 2, `a chime (a note and its octave) rings as the pacer pauses (${ringing})`);
  for (const s of ringing) assert.ok(Math.abs(s - 1.7) < 1e-6, `and rings its 1.7 s out (${ringing})`);
  assert.equal(after, 0, 'no chime sounds after the pause');
  // Resumed as it still rings: its phase's chime is not struck a second time.
  const resumed = await page.evaluate(() => { document.querySelector('#w').shadowRoot.querySelector('[data-action="toggle"]').click(); return window.__ctx.currentTime; });
  await page.waitForFunction((t) => window.__ctx.currentTime > t + 0.5, resumed);
  const again = await page.evaluate((t) => window.__notes.filter((n) => n.start >= t - 0.05 && n.start < t + 0.4 && n.stop > n.start).length, resumed);
  assert.equal(again, 0, 'no second strike on resume');
});

test('sound="chime" with a slow way to the speaker: Stop, Start and a pause at once, then Resume: the first breath still has its chime (the stopped session\'s, ringing on, is not it)', async () => {
  const page = await chimingPacer({ latency: 0.3 });
  await button(page, '#w', 'toggle').click();
  await page.waitForFunction(() => window.__ctx?.currentTime > 1);
  await button(page, '#w', 'stop').click();
  await waitState(page, '#w', 'idle');
  const resumed = await page.evaluate(async () => {
    const toggle = document.querySelector('#w').shadowRoot.querySelector('[data-action="toggle"]');
    toggle.click();
    await new Promise((r) => setTimeout(r, 60));
    toggle.click();
    await new Promise((r) => setTimeout(r, 500));
    toggle.click();
    return window.__ctx.currentTime;
  });
  await page.waitForFunction((t) => window.__ctx.currentTime > t + 0.3, resumed);
  const inhale = await page.evaluate((t) => window.__notes.filter((n) => n.start >= t - 0.05 && n.start < t + 0.2 && n.stop > n.start && n.freq === 523).length, resumed);
  assert.equal(inhale, 1, 'the in-breath\'s chime, once');
});

test('sound="chime" turned off by the site (its mute button) as a chime rings: silent at once', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'), { goto: false });
  await spyOnChimes(page);
  await page.goto(ctx.fixture('records.html'));
  await page.evaluate(() => {
    const el = document.createElement('attune-breathing');
    el.id = 'w';
    for (const [k, v] of Object.entries({ pattern: '1.5-0-1.5-0', minutes: '1', sound: 'chime', rating: 'off' })) el.setAttribute(k, v);
    document.querySelector('#slot').append(el);
    let phases = 0;
    el.addEventListener('attune:phase', () => {
      if (++phases === 3) setTimeout(() => { el.setAttribute('sound', 'off'); window.__muted = window.__ctx.currentTime; }, 100);
    });
  });
  await waitState(page, '#w', 'idle');
  await button(page, '#w', 'toggle').click();
  await page.waitForFunction(() => window.__muted && window.__ctx.currentTime > window.__muted + 0.3, null, { timeout: 10_000 });
  const sounding = await page.evaluate(() => window.__notes.filter((n) => n.start <= window.__muted && n.start + 1.7 > window.__muted && !(n.stop < n.start + 1.7)).length);
  assert.equal(sounding, 0, 'nothing rings on after the mute');
});

test('sound="chime" with a slow way to the speaker (Bluetooth): pausing just before a phase, whose chime is already queued, keeps that chime from sounding during the pause', async () => {
  const page = await chimingPacer({ latency: 0.3 });
  // Paused 150 ms before the third phase: its chime started on the audio clock 0.3 s early.
  await page.evaluate(() => {
    document.querySelector('#w').addEventListener('attune:phase', (e) => {
      if (e.detail.phase === 'exhale' && !window.__paused) {
        window.__paused = -1;
        setTimeout(() => { document.querySelector('#w').shadowRoot.querySelector('[data-action="toggle"]').click(); window.__paused = window.__ctx.currentTime; }, 1350);
      }
    });
  });
  await button(page, '#w', 'toggle').click();
  await page.waitForFunction(() => window.__paused > 0 && window.__ctx.currentTime > window.__paused + 0.5, null, { timeout: 10_000 });
  const heard = await page.evaluate(() => {
    const lag = window.__ctx.baseLatency + 0.3;
    // Sounding at the speaker after the pause: started on the audio clock less than the lag before it, and not stopped at once.
    return window.__notes.filter((n) => n.start > window.__paused - lag + 0.02 && n.stop > n.start).map((n) => n.freq);
  });
  assert.deepEqual(heard, [], 'no chime for a phase that never began');
});

test('sound="chime": coming back to the tab a moment before a phase begins (its chime already queued, early by the way to the speaker) plays that chime once', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'), { goto: false });
  // 0.31 s from the audio clock to the speaker in all, as with Bluetooth headphones.
  await spyOnChimes(page, { seen: true, latency: 0.3 });
  await page.goto(ctx.fixture('records.html'));
  await pacer(page, { pattern: '1.5-0-1.5-0', minutes: '1', sound: 'chime', rating: 'off' });
  // Away at the second phase, back 100 ms before the third (whose chime started 200 ms before).
  await page.evaluate(() => {
    const seen = (v) => { window.__seen = v; document.dispatchEvent(new Event('visibilitychange')); };
    document.querySelector('#w').addEventListener('attune:phase', (e) => {
      if (e.detail.phase === 'exhale' && !window.__away) {
        window.__away = true;
        const third = performance.now() - e.detail.elapsed_ms + 3000;
        seen('hidden');
        setTimeout(() => { seen('visible'); window.__back = window.__ctx.currentTime; }, third - 100 - performance.now());
      }
    });
  });
  await button(page, '#w', 'toggle').click();
  await page.waitForFunction(() => window.__back && window.__ctx.currentTime > window.__back + 0.6, null, { timeout: 10_000 });
  const near = await page.evaluate(() => window.__notes.filter(({ start: t }) => t > window.__back - 0.35 && t < window.__back + 0.5).length);
  assert.equal(near, 2, 'one chime (a note and its octave) for the phase, not two');
});

test('sound="chime" on a device whose audio opens slowly: a short first phase still has its chime, played as soon as the audio runs', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'), { goto: false });
  await spyOnChimes(page, { openAfterMs: 400 });
  await page.goto(ctx.fixture('records.html'));
  await pacer(page, { pattern: '0.6-0-0.6-0', minutes: '1', sound: 'chime', rating: 'off' });
  await button(page, '#w', 'toggle').click();
  await page.waitForFunction(() => window.__notes.length >= 8, null, { timeout: 10_000 });
  // Each chime is a note and its octave: the notes alone, in the order they were queued.
  const notes = await page.evaluate(() => window.__notes.filter((_, i) => i % 2 === 0).slice(0, 4).map((n) => n.freq));
  assert.deepEqual(notes, [523, 392, 523, 392], 'in, out, in, out: the first out-breath\'s chime is not lost');
});

test('sound="voice" in a browser with no voice: the note on screen is also said, once, with the first words', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'), { clock: true, goto: false });
  await page.addInitScript(() => {
    if (window.speechSynthesis) window.speechSynthesis.getVoices = () => [];
  });
  await page.goto(ctx.fixture('records.html'));
  await pacer(page, { pattern: 'box', minutes: '3', sound: 'voice' });
  await pauseClock(page);
  await page.evaluate(() => {
    const live = document.querySelector('#w').shadowRoot.querySelector('[aria-live]');
    window.__said = [];
    new MutationObserver(() => window.__said.push(live.textContent.trim())).observe(live, { childList: true, characterData: true, subtree: true });
  });
  await button(page, '#w', 'toggle').click();
  await page.clock.runFor(4_100);
  assert.deepEqual(await page.evaluate(() => window.__said), [
    'This browser has no voice for this language, so you will hear soft chimes instead. Breathe in',
    'Hold gently',
  ]);
});

// Voices as a browser lists them: `local` false is a network voice (Chrome's "Google US
// English"), which sends what it says to a server. Spoken cues are recorded, not spoken.
function voices(list) {
  const made = list.map(({ lang, local, name }) => Object.create(SpeechSynthesisVoice.prototype, {
    lang: { value: lang }, localService: { value: local }, name: { value: name }, voiceURI: { value: name }, default: { value: false },
  }));
  window.speechSynthesis.getVoices = () => made;
  window.__spoken = [];
  Object.defineProperty(SpeechSynthesisUtterance.prototype, 'voice', { configurable: true, get() { return this.__voice || null; }, set(v) { this.__voice = v; } });
  window.speechSynthesis.speak = (u) => window.__spoken.push([u.text, u.voice && u.voice.name]);
}

test('sound="voice" speaks only in a voice of the device: a network voice would send the cues to a server', async () => {
  for (const [list, spoken] of [
    [[{ lang: 'en-US', local: false, name: 'Google US English' }], []],
    [[{ lang: 'en-US', local: false, name: 'Google US English' }, { lang: 'en-GB', local: true, name: 'Daniel' }], [['Breathe in', 'Daniel']]],
  ]) {
    const { page } = await ctx.open(ctx.fixture('records.html'), { clock: true, goto: false });
    await page.addInitScript(voices, list);
    await page.goto(ctx.fixture('records.html'));
    await pacer(page, { pattern: 'box', minutes: '3', sound: 'voice' });
    await pauseClock(page);
    await button(page, '#w', 'toggle').click();
    await page.clock.runFor(1_000);
    assert.deepEqual(await page.evaluate(() => window.__spoken), spoken, list.map((v) => v.name).join(', '));
    // What the voice says aloud is not said again over it by a screen reader; chimes leave it
    // to the screen reader.
    const live = await page.evaluate(() => document.querySelector('#w').shadowRoot.querySelector('[aria-live]').textContent);
    if (spoken.length) assert.equal(live, '', 'the live region stays quiet under the voice');
    else assert.match(live, /Breathe in/);
    const note = await page.evaluate(() => document.querySelector('#w').shadowRoot.textContent);
    assert.equal(note.includes('you will hear soft chimes instead'), spoken.length === 0, 'chimes, and the note, where no voice is the device\'s own');
    await page.close();
  }
});

test('sound="voice" in Chrome, which lists no voice at a page\'s first ask and loads them after it: the first session speaks', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'), { clock: true, goto: false });
  await page.addInitScript(voices, [{ lang: 'en-GB', local: true, name: 'Daniel' }]);
  await page.addInitScript(() => {
    const list = window.speechSynthesis.getVoices;
    let asked = false;
    window.speechSynthesis.getVoices = () => (asked ? list() : ((asked = true), []));
  });
  await page.goto(ctx.fixture('records.html'));
  await pacer(page, { pattern: 'box', minutes: '3', sound: 'voice' });
  await pauseClock(page);
  await button(page, '#w', 'toggle').click();
  await page.clock.runFor(1_000);
  assert.deepEqual(await page.evaluate(() => window.__spoken), [['Breathe in', 'Daniel']]);
  const shown = await page.evaluate(() => document.querySelector('#w').shadowRoot.textContent);
  assert.ok(!shown.includes('you will hear soft chimes instead'), 'no note saying there is no voice');
});

// Someone following with closed eyes heard the last out-breath, then nothing: the end was only
// on screen.
test('a pacer with sound says so before Start; the end of a session is heard: the voice says it, and chimes close it with two notes, falling', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'), { clock: true, goto: false });
  await page.addInitScript(voices, [{ lang: 'en-GB', local: true, name: 'Daniel' }]);
  await page.goto(ctx.fixture('records.html'));
  await pacer(page, { pattern: '2-0-2-0', breaths: '1', sound: 'voice', rating: 'off' });
  // Said before Start, for a visitor somewhere a sound would not be welcome.
  assert.match(await partText(page, '#w', 'pattern'), / · with\sa\sspoken\svoice$/);
  await pauseClock(page);
  await button(page, '#w', 'toggle').click();
  await page.clock.runFor(4_500);
  await waitState(page, '#w', 'done');
  assert.deepEqual((await page.evaluate(() => window.__spoken)).map(([t]) => t), ['Breathe in', 'Breathe out', 'Done. Take a moment before you move on.']);
  // Said once: a screen reader's live region does not say it again over the voice.
  assert.equal(await page.evaluate(() => document.querySelector('#w').shadowRoot.querySelector('[aria-live]').textContent), '');

  const { page: chiming } = await ctx.open(ctx.fixture('records.html'), { goto: false });
  await spyOnChimes(chiming);
  await chiming.goto(ctx.fixture('records.html'));
  await pacer(chiming, { pattern: '1.5-0-1.5-0', breaths: '1', sound: 'chime', rating: 'off' });
  assert.match(await partText(chiming, '#w', 'pattern'), / · with\ssoft\schimes$/);
  await button(chiming, '#w', 'toggle').click();
  await waitState(chiming, '#w', 'done');
  await chiming.waitForTimeout(200);
  const notes = await chiming.evaluate(() => window.__notes.filter((n) => n.start !== undefined).sort((a, b) => a.start - b.start));
  // The last two chimes (a note and its octave each) after the session's end: higher, then lower.
  const [first, second] = [notes.at(-4), notes.at(-2)];
  assert.ok(second.start - first.start > 0.5, `two notes, apart (${first.start}, ${second.start})`);
  assert.ok(first.freq > second.freq, `falling (${first.freq} Hz, then ${second.freq} Hz)`);
});

test('a session left mid-way is kept like a stopped one: removed by the page, or the page navigated away', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'), { clock: true });
  await page.evaluate(() => {
    const el = document.createElement('div');
    el.id = 'w';
    document.querySelector('#slot').append(el);
    window.__handle = Attune.mount(el, { widget: 'breathing', pattern: 'box', minutes: '3' });
  });
  await waitState(page, '#w', 'idle');
  await pauseClock(page);
  await button(page, '#w', 'toggle').click();
  await page.clock.runFor(2 * 16_000 + 3_000);
  await page.evaluate(() => {
    window.__entries = [];
    document.addEventListener('attune:entry', (e) => window.__entries.push(e.detail));
    window.__handle.unmount(); // a single-page app moving on
  });
  let kept = await storedSessions(page);
  assert.equal(kept.length, 1, 'the two breaths were kept');
  assert.deepEqual(await page.evaluate(() => window.__entries), [{ widget: 'breathing', id: kept[0].id, kind: 'session', completed: false }], 'and the page is told, stopped before the end');
  assert.equal(kept[0].completed, false);
  assert.deepEqual(kept[0].counts, [2]);

  await page.evaluate(() => document.querySelector('#w').remove());
  await pacer(page, { pattern: 'box', minutes: '3' });
  await button(page, '#w', 'toggle').click();
  await page.clock.runFor(3 * 16_000 + 3_000);
  await page.goto(ctx.fixture('records.html')); // a link followed, or the tab closing
  kept = await storedSessions(page);
  assert.equal(kept.length, 2, 'the three breaths were kept as the page went');
  assert.deepEqual(kept.map((r) => r.counts[0]).sort(), [2, 3]);
  assert.ok(kept.every((r) => r.completed === false));
});

test('a session kept as its element is removed (a route change) is told on the element, and on the document, where the element no longer reaches', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'), { clock: true });
  await page.evaluate(() => {
    document.querySelector('#slot').innerHTML = '<attune-breathing id="w" pattern="box" minutes="3"></attune-breathing>';
  });
  await waitState(page, '#w', 'idle');
  await pauseClock(page);
  await button(page, '#w', 'toggle').click();
  await page.clock.runFor(16_000 + 3_000);
  await page.evaluate(() => {
    const el = document.querySelector('#w');
    const heard = { element: [], document: [] };
    el.addEventListener('attune:entry', (e) => heard.element.push(e.detail.id));
    document.addEventListener('attune:entry', (e) => heard.document.push(e.detail.id));
    window.__heard = heard;
    document.querySelector('#slot').innerHTML = '';
  });
  await page.clock.runFor(100);
  const [kept] = await storedSessions(page);
  assert.deepEqual(await page.evaluate(() => window.__heard), { element: [kept.id], document: [kept.id] });
});

test('a session the visitor switches away from and back to, then finishes, is one record, completed', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'), { clock: true });
  await pacer(page, { pattern: 'box', breaths: '3', rating: 'off' });
  await pauseClock(page);
  await button(page, '#w', 'toggle').click();
  await page.clock.runFor(16_000 + 2_000);
  await page.evaluate(() => {
    window.__entries = 0;
    document.addEventListener('attune:entry', () => window.__entries++);
  });
  await setHidden(page, true);
  await setHidden(page, false);
  await setHidden(page, true);
  let kept = await storedSessions(page);
  assert.equal(kept.length, 1, 'kept as the page was hidden: the tab might have been closing');
  assert.equal(await page.evaluate(() => window.__entries), 1, 'hidden again with nothing new: no second entry');
  assert.equal(kept[0].completed, false);
  assert.deepEqual(kept[0].counts, [1]);
  await setHidden(page, false);
  await page.clock.runFor(2 * 16_000);
  await waitState(page, '#w', 'done');
  kept = await storedSessions(page);
  assert.equal(kept.length, 1, 'the same record, updated');
  assert.equal(kept[0].completed, true);
  assert.deepEqual(kept[0].counts, [3]);
});

test('a session the site hides (its dialog closed) or the visitor leaves (a link followed, the page kept in the back/forward cache) pauses: time away is not practice', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'), { clock: true });
  await page.evaluate(() => {
    document.querySelector('#slot').innerHTML = '<dialog open id="dlg"></dialog>';
    const el = document.createElement('div');
    el.id = 'w';
    document.querySelector('#dlg').append(el);
    Attune.mount(el, { widget: 'breathing', pattern: 'box', breaths: '4', rating: 'off' });
    window.__complete = 0;
    document.addEventListener('attune:complete', () => window.__complete++);
  });
  await waitState(page, '#w', 'idle');
  await pauseClock(page);
  await button(page, '#w', 'toggle').click();
  await page.clock.runFor(16_000 + 2_000);
  await page.evaluate(() => document.querySelector('#dlg').close());
  await page.clock.runFor(5 * 16_000);
  assert.equal(await page.locator('#w').getAttribute('data-state'), 'paused', 'paused once its dialog closed');
  await page.evaluate(() => document.querySelector('#dlg').show());
  await button(page, '#w', 'toggle').click();
  await page.clock.runFor(16_000);
  assert.equal(await page.locator('#w').getAttribute('data-state'), 'running', 'and goes on from where it was');

  // Folded away as an accordion folds (hidden="until-found": the browser skips it, though its
  // boxes stay): paused too, so nothing runs on while it is.
  await page.evaluate(() => document.querySelector('#dlg').setAttribute('hidden', 'until-found'));
  await page.clock.runFor(5 * 16_000);
  assert.equal(await page.locator('#w').getAttribute('data-state'), 'paused', 'paused once folded away');
  await page.evaluate(() => document.querySelector('#dlg').removeAttribute('hidden'));
  await button(page, '#w', 'toggle').click();
  await page.clock.runFor(4_000);
  assert.equal(await page.locator('#w').getAttribute('data-state'), 'running');

  // Away from the page (its pagehide, as a link is followed), then back after a minute.
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true })));
  await page.clock.runFor(60_000);
  assert.equal(await page.locator('#w').getAttribute('data-state'), 'paused');
  assert.equal(await page.evaluate(() => window.__complete), 0, 'never said to be done');
  const kept = await storedSessions(page);
  assert.ok(kept.every((r) => r.completed === false), 'nor kept as done');
});

test('a pacer whose element the page makes display: contents (its box still shows) runs on', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'), { clock: true });
  await pacer(page, { pattern: 'box', breaths: '4' });
  await page.evaluate(() => { document.querySelector('#w').style.display = 'contents'; });
  await pauseClock(page);
  await button(page, '#w', 'toggle').click();
  await page.clock.runFor(5_000);
  assert.equal(await page.locator('#w').getAttribute('data-state'), 'running');
});

test('Pause leaves Resume where Pause was, on a 320 px phone and in a 280 px sidebar: "Paused. Resume when you like." is said quietly, in the room of the phase\'s words', async () => {
  for (const [width, slot] of [[320, ''], [360, '280px']]) {
    const { page } = await ctx.open(ctx.fixture('records.html'), { clock: true, viewport: { width, height: 740 } });
    if (slot) await page.evaluate((w) => { document.querySelector('#slot').style.width = w; }, slot);
    await pacer(page, {});
    await pauseClock(page);
    const top = () => page.evaluate(() => Math.round(document.querySelector('#w').shadowRoot.querySelector('[data-action="toggle"]').getBoundingClientRect().top + scrollY));
    await button(page, '#w', 'toggle').click();
    await page.clock.runFor(1000);
    const running = await top();
    await button(page, '#w', 'toggle').click();
    assert.equal(await attr(page, '#w', 'data-state'), 'paused');
    assert.equal(await partText(page, '#w', 'phase'), 'Paused. Resume when you like.');
    assert.equal(await top(), running, `Resume where Pause was (${width} px${slot && `, a ${slot} column`})`);
  }
});

test('in a box too narrow for one row of eleven (an exercise inside the check-in on a phone), the 0-10 scale takes two rows inside it', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'), { clock: true, viewport: { width: 360, height: 740 } });
  await page.evaluate(() => { document.querySelector('#slot').style.width = '250px'; });
  await pacer(page, { pattern: 'box', breaths: '1' });
  await pauseClock(page);
  await button(page, '#w', 'toggle').click();
  await page.clock.runFor(17_000);
  await waitState(page, '#w', 'done');
  const got = await page.evaluate(() => {
    const root = document.querySelector('#w').shadowRoot;
    const box = root.querySelector('.scale').getBoundingClientRect();
    const buttons = [...root.querySelectorAll('.scale button')].map((b) => b.getBoundingClientRect());
    return {
      inside: buttons.every((b) => b.left >= box.left - 0.5 && b.right <= box.right + 0.5),
      rows: new Set(buttons.map((b) => Math.round(b.top))).size,
      narrowest: Math.min(...buttons.map((b) => b.width)),
    };
  });
  assert.deepEqual(got, { inside: true, rows: 2, narrowest: got.narrowest });
  assert.ok(got.narrowest >= 24, `at least 24 px wide (${got.narrowest})`);
});

test('at the end, the rating question is heard once: from the focus when it moves there, from the live region when the visitor is elsewhere', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'), { clock: true });
  const ending = async (keyboard) => {
    await pacer(page, { pattern: 'box', breaths: '1' });
    await pauseClock(page);
    if (keyboard) await button(page, '#w', 'toggle').focus();
    await button(page, '#w', 'toggle').click();
    if (!keyboard) await page.evaluate(() => document.activeElement.blur());
    await page.clock.runFor(17_000);
    await waitState(page, '#w', 'done');
    const got = await page.evaluate(() => {
      const root = document.querySelector('#w').shadowRoot;
      return { live: root.querySelector('[aria-live]').textContent.trim(), focused: root.activeElement ? root.activeElement.textContent.trim() : null };
    });
    if (keyboard) {
      // Space or Enter on the question (where the focus went) is no answer that starts again.
      for (const k of ['Space', 'Enter']) {
        await page.keyboard.press(k);
        assert.equal(await attr(page, '#w', 'data-state'), 'done', `${k} on the question`);
      }
    }
    await page.evaluate(() => document.querySelector('#w').remove());
    return got;
  };
  const question = 'If you like: how at ease is your body now?';
  assert.deepEqual(await ending(true), { live: 'Done. Take a moment before you move on.', focused: question });
  assert.deepEqual(await ending(false), { live: `Done. Take a moment before you move on. ${question}`, focused: null });
});

test('on a touch screen every button of a pacer, a tracker and their records is at least 44 px tall; with a mouse the quiet ones stay as they are', async () => {
  const heights = async (page) => {
    await page.evaluate(() => {
      const el = document.createElement('div');
      el.id = 'p';
      document.querySelector('#slot').append(el);
      Attune.mount(el, { widget: 'pleasure', storage: 'none' });
    });
    await pacer(page, {});
    await waitState(page, '#p', 'idle');
    // One entry logged, so the history shows its range switch and the entry's Edit and Delete.
    for (const action of ['act', 'now', 'next', 'save']) await page.locator(`#p [data-action="${action}"]`).first().click();
    await waitState(page, '#p', 'done');
    await page.locator('#w button[data-action="toggle"]').click();
    return page.evaluate(() => ['#w', '#p'].flatMap((s) => {
      const root = document.querySelector(s).shadowRoot;
      root.querySelector('details.data')?.setAttribute('open', '');
      return [...root.querySelectorAll('button')].filter((b) => b.getClientRects().length)
        .map((b) => [b.textContent.trim(), Math.round(b.getBoundingClientRect().height)]);
    }));
  };
  const { page: phone } = await openWith(ctx, ctx.fixture('records.html'), { hasTouch: true, isMobile: true, viewport: { width: 360, height: 740 } });
  const touch = await heights(phone);
  assert.ok(['Edit', 'Delete', 'Last 14 days'].every((t) => touch.some(([b]) => b.startsWith(t))), JSON.stringify(touch));
  assert.ok(touch.length >= 8, JSON.stringify(touch));
  assert.deepEqual(touch.filter(([, h]) => h < 44), [], 'none under 44 px on a touch screen');
  const { page } = await openWith(ctx, ctx.fixture('records.html'), { viewport: { width: 360, height: 740 } });
  assert.ok((await heights(page)).some(([, h]) => h < 44), 'with a mouse, the quiet buttons keep their size');
});

test('a phone on its side (740 x 360): the circle, the phase\'s words and Pause fit the screen together', async () => {
  const { page } = await openWith(ctx, ctx.fixture('records.html'), { hasTouch: true, isMobile: true, viewport: { width: 740, height: 360 } });
  await pacer(page, {});
  await page.locator('#w button[data-action="toggle"]').tap();
  const span = await page.evaluate(() => {
    const root = document.querySelector('#w').shadowRoot;
    const top = root.querySelector('.stage').getBoundingClientRect().top;
    const bottom = root.querySelector('button[data-action="toggle"]').getBoundingClientRect().bottom;
    return { height: bottom - top, circle: root.querySelector('.stage').getBoundingClientRect().height };
  });
  assert.ok(span.height <= 360, `from the circle's top to Pause's bottom: ${Math.round(span.height)} px (the circle ${Math.round(span.circle)} px)`);
  assert.ok(span.circle >= 144, 'and the circle is still a good size');
});

// Options changed on a live widget. The look and the contacts (theme, support-text,
// support-href, crisis-text, crisis-href) are shown in place: a running pacer keeps running at
// the same moment, words typed and not yet saved stay in their field, the focus stays where it
// was. Every other option builds the widget again, as before. A bad link is left out, the page
// is told, and the rest of the widget stays.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BOX, button, deepFocus, events, pauseClock, phaseAt, useBrowser, waitState } from './helpers.mjs';

const ctx = useBrowser();
const FIXTURE = 'live-options.html';

const set = (page, sel, name, value) => page.evaluate(([s, n, v]) => {
  const el = document.querySelector(s);
  if (v === null) el.removeAttribute(n);
  else el.setAttribute(n, v);
}, [sel, name, value]);

// What a pacer shows, with the page's clock reading.
const pacer = (page, sel) => page.evaluate((s) => {
  const el = document.querySelector(s);
  const root = el.shadowRoot;
  return {
    now: performance.now(),
    state: el.getAttribute('data-state'),
    phase: el.getAttribute('data-phase'),
    count: root.querySelector('[part~="count"]').textContent,
    meta: root.querySelector('.meta')?.textContent ?? '',
  };
}, sel);

// The box's theme and the care footer's contact.
const look = (page, sel) => page.evaluate((s) => {
  const root = document.querySelector(s).shadowRoot;
  const footer = root.querySelector('[part~="footer"]');
  const link = footer.querySelector('a');
  return {
    theme: root.querySelector('[part~="base"]').getAttribute('data-theme'),
    footer: footer.textContent,
    href: link ? link.getAttribute('href') : null,
    link: link ? link.textContent : null,
    anyJs: [...root.querySelectorAll('[href]')].some((a) => /^\s*javascript:/i.test(a.getAttribute('href'))),
  };
}, sel);

const readies = async (page, id) => (await events(page, 'ready')).filter((e) => e.id === id).length;

test('a running pacer whose theme and support link change keeps running at the same moment, with the focus on Pause', async () => {
  const { page, log } = await ctx.open(ctx.fixture(FIXTURE), { clock: true });
  await waitState(page, '#pacer', 'idle');
  await pauseClock(page);
  await button(page, '#pacer', 'toggle').click();
  const t0 = (await pacer(page, '#pacer')).now;
  await page.clock.runFor(6000);
  let s = await pacer(page, '#pacer');
  assert.deepEqual([s.state, s.phase, s.count], ['running', 'hold-in', '2']);
  assert.equal((await deepFocus(page)).action, 'toggle');
  const started = (await events(page, 'start')).length;
  const ready = await readies(page, 'pacer');

  await set(page, '#pacer', 'theme', 'dark');
  await set(page, '#pacer', 'support-href', 'tel:+15550100');
  await set(page, '#pacer', 'support-text', 'Call us: 555 0100');
  s = await pacer(page, '#pacer');
  assert.deepEqual([s.state, s.phase, s.count], ['running', 'hold-in', '2'], 'the same phase, the same second');
  assert.deepEqual(await look(page, '#pacer'), {
    theme: 'dark',
    footer: 'These exercises can support, not replace, professional care. Call us: 555 0100',
    href: 'tel:+15550100',
    link: 'Call us: 555 0100',
    anyJs: false,
  });
  const f = await deepFocus(page);
  assert.deepEqual([f.where, f.action, f.text], ['pacer', 'toggle', 'Pause'], 'the focus stays on Pause');

  // Time goes on from where it was: 8 s into box breathing is the out-breath, 4 s of it left.
  await page.clock.runFor(2000);
  s = await pacer(page, '#pacer');
  const want = phaseAt(BOX, s.now - t0);
  assert.deepEqual([s.state, s.phase, s.count], ['running', want.phase, String(Math.ceil(want.leftMs / 1000))]);
  assert.equal(s.phase, 'exhale');
  assert.match(s.meta, /\b1 of 225\b/);
  assert.equal((await events(page, 'start')).length, started, 'no new start');
  assert.equal(await readies(page, 'pacer'), ready, 'not built again');

  // Back to the page's scheme (a light page), and the link removed: its words stay, as words.
  await set(page, '#pacer', 'theme', null);
  await set(page, '#pacer', 'support-href', null);
  assert.deepEqual(await look(page, '#pacer'), {
    theme: 'light',
    footer: 'These exercises can support, not replace, professional care. Call us: 555 0100',
    href: null,
    link: null,
    anyJs: false,
  });
  assert.equal((await pacer(page, '#pacer')).state, 'running');
  assert.deepEqual(log.warnings, []);

  // Any other option is another exercise: built again, idle.
  await set(page, '#pacer', 'minutes', '5');
  await waitState(page, '#pacer', 'idle');
  assert.equal(await readies(page, 'pacer'), ready + 1);
  assert.equal((await look(page, '#pacer')).theme, 'light');
});

test('a placeholder\'s data-theme and data-support-href change in place too', async () => {
  const { page } = await ctx.open(ctx.fixture(FIXTURE), { clock: true });
  await waitState(page, '#ph', 'idle');
  await pauseClock(page);
  await button(page, '#ph', 'toggle').click();
  await page.clock.runFor(5000);
  await set(page, '#ph', 'data-theme', 'dark');
  await set(page, '#ph', 'data-support-href', 'https://example.org/help');
  await page.clock.runFor(1000);
  const s = await pacer(page, '#ph');
  assert.deepEqual([s.state, s.phase, s.count], ['running', 'hold-in', '2']);
  const l = await look(page, '#ph');
  assert.deepEqual([l.theme, l.href, l.link], ['dark', 'https://example.org/help', 'Support']);
});

test('a bad link on a running pacer is left out: the pacer runs on, one attune:error names it, one warning', async () => {
  const { page, log } = await ctx.open(ctx.fixture(FIXTURE), { clock: true });
  await waitState(page, '#pacer', 'idle');
  await pauseClock(page);
  await set(page, '#pacer', 'support-href', 'https://example.org/help');
  await button(page, '#pacer', 'toggle').click();
  await page.clock.runFor(3000);
  await set(page, '#pacer', 'support-href', 'javascript:alert(1)');
  let s = await pacer(page, '#pacer');
  assert.deepEqual([s.state, s.phase], ['running', 'inhale']);
  const l = await look(page, '#pacer');
  assert.deepEqual([l.href, l.anyJs], [null, false]);
  assert.match(l.footer, /Call the practice$/, 'its words stay, as words');
  const errors = (await events(page, 'error')).filter((e) => e.id === 'pacer');
  assert.equal(errors.length, 1);
  assert.deepEqual([errors[0].detail.code, errors[0].detail.option], ['option', 'support-href']);
  assert.equal(log.warnings.filter((w) => /support-href/.test(w)).length, 1);
  assert.equal(await page.evaluate(() => document.querySelector('#pacer').getAttribute('data-state')), 'running');

  // The words changing later does not tell the page again; a host-less link is refused too.
  await set(page, '#pacer', 'support-text', 'Our help page');
  assert.equal((await events(page, 'error')).filter((e) => e.id === 'pacer').length, 1);
  await set(page, '#pacer', 'support-href', 'https://');
  s = await pacer(page, '#pacer');
  assert.equal(s.state, 'running');
  assert.equal((await look(page, '#pacer')).href, null);
  assert.equal((await events(page, 'error')).filter((e) => e.id === 'pacer').length, 2);

  // A bad theme is a bad option like any other: the error box, as before.
  await set(page, '#pacer', 'theme', 'purple');
  await waitState(page, '#pacer', 'error');
  await set(page, '#pacer', 'theme', 'light');
  await waitState(page, '#pacer', 'idle');
});

test('words typed and not yet saved stay, with the focus, when the theme or the contacts change', async () => {
  const { page } = await ctx.open(ctx.fixture(FIXTURE));
  for (const sel of ['#pleasure', '#write', '#plan']) await waitState(page, sel, 'idle');
  const value = (sel, css) => page.evaluate(([s, c]) => document.querySelector(s).shadowRoot.querySelector(c).value, [sel, css]);

  // The tracker's own-words field, the focus in it.
  await page.locator('#pleasure #own').fill('tea on the balcony');
  await set(page, '#pleasure', 'theme', 'dark');
  await set(page, '#pleasure', 'support-text', 'Call the clinic');
  await set(page, '#pleasure', 'support-href', 'tel:+15550100');
  assert.equal(await value('#pleasure', '#own'), 'tea on the balcony');
  let f = await deepFocus(page);
  assert.deepEqual([f.where, f.tag], ['pleasure', 'input']);
  assert.equal((await look(page, '#pleasure')).theme, 'dark');
  await page.keyboard.type(' at dusk');
  assert.equal(await value('#pleasure', '#own'), 'tea on the balcony at dusk', 'typing goes on in the same field');

  // The 5-4-3-2-1 scan's words.
  await page.locator('#write #word').fill('the lamp');
  await set(page, '#write', 'theme', 'light');
  await set(page, '#write', 'crisis-href', 'tel:988');
  assert.equal(await value('#write', '#word'), 'the lamp');
  f = await deepFocus(page);
  assert.deepEqual([f.where, f.tag], ['write', 'input']);

  // A plan's note.
  await button(page, '#plan', 'start').click();
  await waitState(page, '#plan', 'running');
  await page.locator('#plan #note').fill('the smell of rain');
  await set(page, '#plan', 'support-href', 'mailto:care@example.org');
  await set(page, '#plan', 'theme', 'dark');
  assert.equal(await value('#plan', '#note'), 'the smell of rain');
  assert.equal((await look(page, '#plan')).href, 'mailto:care@example.org');
  f = await deepFocus(page);
  assert.deepEqual([f.where, f.tag], ['plan', 'textarea']);
});

test('the check-in\'s safety panel and the exercise it opened follow live contact and theme changes', async () => {
  const { page, log } = await ctx.open(ctx.fixture('live-check-in.html'));
  await waitState(page, '#ci', 'idle');
  await button(page, '#ci', 'point', 3).click();
  await button(page, '#ci', 'try').click();
  await page.locator('#ci .inline-widget button[data-action="toggle"]').click();
  await button(page, '#ci', 'not-safe').click();
  const panel = () => page.evaluate(() => {
    const root = document.querySelector('#ci').shadowRoot;
    const p = root.querySelector('[part~="safety"]');
    const box = root.querySelector('.inline-widget');
    return {
      shown: !p.hidden,
      lines: [...p.querySelectorAll('h3, p')].filter((x) => !x.hidden).map((x) => x.textContent),
      links: [...p.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.textContent]),
      inline: box && box.getAttribute('data-state'),
      inlineTheme: box && box.shadowRoot.querySelector('[part~="base"]').getAttribute('data-theme'),
      theme: root.querySelector('[part~="base"]').getAttribute('data-theme'),
    };
  });
  let p = await panel();
  assert.equal(p.inline, 'paused', 'the exercise waits behind the panel');
  assert.deepEqual(p.links, [['tel:+15550100', 'Call the practice: 555 0100']]);

  await set(page, '#ci', 'crisis-text', 'Call or text 988');
  await set(page, '#ci', 'crisis-href', 'tel:988');
  await set(page, '#ci', 'theme', 'dark');
  p = await panel();
  assert.equal(p.shown, true, 'the panel stays open');
  assert.deepEqual(p.lines, [
    'Call your local emergency number now if you have hurt yourself, might act on thoughts of suicide or self-harm, or can\'t stay safe. You don\'t have to face this alone.',
    'A crisis line, right now: Call or text 988',
    'You can also reach out: Call the practice: 555 0100',
    'Please get help now, from a doctor, a crisis line or emergency services, if:',
    'Numbness that has lasted for weeks, or that gets in the way of work, relationships or looking after yourself, is worth bringing to a doctor or therapist.',
  ]);
  assert.deepEqual(p.links, [['tel:988', 'Call or text 988'], ['tel:+15550100', 'Call the practice: 555 0100']]);
  assert.deepEqual([p.inline, p.theme, p.inlineTheme], ['paused', 'dark', 'dark'], 'the exercise stays where it was, in the new theme');
  assert.equal(await page.locator('#ci button[data-action="point"][data-value="3"]').getAttribute('aria-pressed'), 'true');

  // The site's contact taken away: the crisis line and the emergency line stay.
  await set(page, '#ci', 'support-href', null);
  await set(page, '#ci', 'support-text', null);
  p = await panel();
  assert.deepEqual(p.links, [['tel:988', 'Call or text 988']]);
  assert.equal(p.lines.length, 4, 'the emergency line, the crisis line, the title, the weeks line');
  assert.equal(p.inline, 'paused');
  assert.deepEqual(log.warnings, []);
});

// A page with one more pacer, #fresh, placed with these attributes and idle.
async function idlePacer(attributes) {
  const { page } = await ctx.open(ctx.fixture('live-options.html'));
  await page.evaluate((attrs) => {
    const el = document.createElement('attune-breathing');
    el.id = 'fresh';
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    document.body.append(el);
  }, attributes);
  await waitState(page, '#fresh', 'idle');
  return page;
}

test('options a framework changes one at a time in one go (breaths set, then minutes removed) build the widget once, with no error in between', async () => {
  const page = await idlePacer({ minutes: '3' });
  const got = await page.evaluate(async () => {
    const el = document.querySelector('#fresh');
    const seen = [];
    for (const kind of ['ready', 'error']) el.addEventListener(`attune:${kind}`, () => seen.push(kind));
    el.setAttribute('breaths', '10');
    el.removeAttribute('minutes');
    el.setAttribute('pattern', 'box');
    await new Promise((r) => setTimeout(r, 50));
    return { seen, meta: el.shadowRoot.textContent };
  });
  assert.deepEqual(got.seen, ['ready'], 'built once, no attune:error');
  assert.match(got.meta, /Box breathing · 4-4-4-4 · 10\sbreaths/);
});

// A route change in a single-page app: the engine is there, and the framework sets the
// attributes just after it puts the element in the page (as Angular's bindings do).
test('attributes set just after the element goes into the page build it once, with them, and no error in between', async () => {
  const page = await idlePacer({});
  const got = await page.evaluate(async () => {
    const seen = [];
    const listen = (el) => {
      el.addEventListener('attune:ready', (e) => seen.push(['ready', el.id, e.detail.pattern]));
      el.addEventListener('attune:error', (e) => seen.push(['error', el.id, e.detail.option]));
    };
    const a = document.createElement('attune-breathing');
    a.id = 'a';
    a.setAttribute('minutes', '2');
    listen(a);
    document.body.append(a);
    a.setAttribute('pattern', 'box');
    const b = document.createElement('attune-breathing');
    b.id = 'b';
    b.setAttribute('minutes', '2');
    b.setAttribute('breaths', '3');
    listen(b);
    document.body.append(b);
    b.removeAttribute('minutes');
    await new Promise((r) => setTimeout(r, 100));
    return { seen, b: b.shadowRoot.textContent };
  });
  assert.deepEqual(got.seen, [['ready', 'a', 'box'], ['ready', 'b', 'resonance']]);
  assert.match(got.b, /3\sbreaths/);
});

test('an option removed and set back in one go leaves a running exercise running', async () => {
  const page = await idlePacer({ breaths: '8' });
  const got = await page.evaluate(async () => {
    const el = document.querySelector('#fresh');
    let ready = 0;
    el.addEventListener('attune:ready', () => ready++);
    el.shadowRoot.querySelector('[data-action="toggle"]').click();
    el.removeAttribute('breaths');
    el.setAttribute('breaths', '8');
    await new Promise((r) => setTimeout(r, 50));
    return { state: el.getAttribute('data-state'), ready };
  });
  assert.deepEqual(got, { state: 'running', ready: 0 });
});

test('an empty value (a framework\'s empty variable, theme="") is the option not given: a running pacer restyles in place and runs on', async () => {
  const page = await idlePacer({ theme: 'dark', breaths: '8' });
  const got = await page.evaluate(async () => {
    const el = document.querySelector('#fresh');
    let ready = 0;
    let errors = 0;
    el.addEventListener('attune:ready', () => ready++);
    el.addEventListener('attune:error', () => errors++);
    el.shadowRoot.querySelector('[data-action="toggle"]').click();
    await new Promise((r) => setTimeout(r, 50));
    el.setAttribute('theme', '');
    await new Promise((r) => setTimeout(r, 50));
    return { state: el.getAttribute('data-state'), ready, errors };
  });
  assert.deepEqual(got, { state: 'running', ready: 0, errors: 0 });
});

test('a property set to nothing (`el.lang = null`, as React does for a dropped prop) is the option not given: the pacer stays in English, with no error box', async () => {
  const page = await idlePacer({ lang: 'fr' });
  const got = await page.evaluate(async () => {
    const el = document.querySelector('#fresh');
    let errors = 0;
    el.addEventListener('attune:error', () => errors++);
    el.lang = null; // the attribute becomes lang="null"
    await new Promise((r) => setTimeout(r, 50));
    const start = el.shadowRoot.querySelector('[data-action="toggle"]');
    return { attr: el.getAttribute('lang'), state: el.getAttribute('data-state'), start: start && start.textContent, errors };
  });
  assert.deepEqual(got, { attr: 'null', state: 'idle', start: 'Start', errors: 0 });
});

test('an option that builds the widget again keeps a keyboard visitor\'s focus in it: on the same control or field, else on the widget\'s title; a focus outside the widget stays where it is', async () => {
  const { page } = await ctx.open(ctx.fixture(FIXTURE));
  for (const sel of ['#pacer', '#write', '#pleasure', '#plan']) await waitState(page, sel, 'idle');
  // (A page may set minutes on attune:complete, when the visitor has just pressed a button.)
  await button(page, '#pacer', 'toggle').focus();
  const ready = await readies(page, 'pacer');
  await set(page, '#pacer', 'minutes', '5');
  await page.waitForFunction(() => /\b5\b/.test(document.querySelector('#pacer').shadowRoot.querySelector('[part~="pattern"]').textContent));
  assert.equal(await readies(page, 'pacer'), ready + 1, 'built again');
  let f = await deepFocus(page);
  assert.deepEqual([f.where, f.action, f.text], ['pacer', 'toggle', 'Start'], 'on Start in the new view, not on the page\'s body');

  // Typing in the grounding's field: in the same field of the new view, so typing goes on there.
  await page.locator('#write #word').fill('the lamp');
  await set(page, '#write', 'rating', 'false');
  await waitState(page, '#write', 'idle');
  f = await deepFocus(page);
  assert.deepEqual([f.where, f.tag], ['write', 'input']);
  await page.keyboard.type('a window');
  assert.equal(await page.evaluate(() => document.querySelector('#write').shadowRoot.querySelector('#word').value), 'a window');

  // One of a row of choices: the same one, not the first of the row (a stray Space would
  // choose another).
  await button(page, '#pleasure', 'act', 2).focus();
  await set(page, '#pleasure', 'storage-key', 'clinic-b');
  await page.waitForFunction(() => document.querySelector('#pleasure').shadowRoot.activeElement?.dataset.value === '2');
  f = await deepFocus(page);
  assert.deepEqual([f.where, f.action, f.value], ['pleasure', 'act', '2']);

  // "Your records" (no action, no id) is closed in the new view: the widget's title, not a
  // control a stray Enter would press.
  await page.locator('#pleasure details.data > summary').focus();
  await set(page, '#pleasure', 'storage-key', 'clinic-c');
  await page.waitForFunction(() => document.querySelector('#pleasure').shadowRoot.activeElement?.tagName === 'H2');
  f = await deepFocus(page);
  assert.deepEqual([f.where, f.tag, f.text], ['pleasure', 'h2', 'A small pleasant moment']);

  // A value the widget refuses: the error box, its first line.
  await button(page, '#pacer', 'toggle').focus();
  await set(page, '#pacer', 'minutes', 'many');
  await waitState(page, '#pacer', 'error');
  f = await deepFocus(page);
  assert.deepEqual([f.where, f.part ?? null, f.text], ['pacer', null, 'This exercise can\'t start yet']);

  // The focus on the page's own control is the page's: a rebuild does not take it.
  await page.evaluate(() => {
    const b = document.createElement('button');
    b.id = 'own';
    b.textContent = '10 minutes';
    document.querySelector('main').append(b);
    b.focus();
  });
  await set(page, '#pacer', 'minutes', '10');
  await waitState(page, '#pacer', 'idle');
  f = await deepFocus(page);
  assert.deepEqual([f.where, f.text], ['page', '10 minutes']);
});

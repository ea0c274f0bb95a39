// Bad input: a wrong option is explained inside its own widget box and nowhere else breaks; text
// from options is only ever text; links from options take only safe schemes that lead somewhere,
// and a bad link is left out (the page is told) rather than taking the widget down.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attr, button, events, partText, useBrowser, waitState } from './helpers.mjs';

const ctx = useBrowser();

const BAD = [
  { sel: '#bad-minutes', option: 'minutes', given: 'abc', says: [/minutes/, /abc/, /0\.5/, /120/] },
  { sel: '#bad-pattern', option: 'pattern', given: '4-7-9-x', says: [/pattern/, /4-7-9-x/, /box/, /4-7-8/] },
  { sel: '#bad-widget', option: 'widget', given: 'yoga', says: [/yoga/, /breathing/] },
];

// What a widget shows in its box: all its visible text, and the error part's.
const boxText = (page, sel) => page.evaluate((s) => {
  const root = document.querySelector(s).shadowRoot;
  return {
    all: root ? root.textContent : null,
    error: root?.querySelector('[part~="error"]')?.textContent ?? null,
    start: !!root?.querySelector('button[data-action="toggle"]'),
  };
}, sel);

test('each bad option shows a message naming it, sets data-state=error, fires attune:error and warns once; the good widget still starts', async () => {
  const { page, log } = await ctx.open(ctx.fixture('bad-options.html'));
  await waitState(page, '#good', 'idle');
  for (const b of BAD) await waitState(page, b.sel, 'error');

  const errors = await events(page, 'error');
  for (const b of BAD) {
    const box = await boxText(page, b.sel);
    assert.ok(box.error, `${b.sel}: an error message in the shadow root`);
    for (const re of b.says) assert.match(box.error, re, `${b.sel}: the message ${JSON.stringify(box.error)}`);
    assert.equal(box.start, false, `${b.sel}: no half-working pacer`);
    const mine = errors.filter((e) => e.id === b.sel.slice(1));
    assert.equal(mine.length, 1, `${b.sel}: one attune:error`);
    assert.equal(mine[0].detail.option, b.option);
    // A widget there is none of is not named (the page's types know only the real ones).
    assert.equal(mine[0].detail.widget, b.option === 'widget' ? undefined : 'breathing');
    assert.ok(mine[0].bubbles && mine[0].composed);
    const warnings = log.warnings.filter((w) => w.includes(`"${b.given}"`));
    assert.equal(warnings.length, 1, `${b.sel}: one console warning (${JSON.stringify(log.warnings)})`);
  }
  assert.equal(log.warnings.length, BAD.length, `exactly one warning per bad widget: ${JSON.stringify(log.warnings)}`);
  assert.deepEqual(log.errors, [], 'no console errors');

  // The good one on the same page works.
  assert.equal((await boxText(page, '#good')).error, null);
  await button(page, '#good', 'toggle').click();
  await waitState(page, '#good', 'running');
  assert.equal(await attr(page, '#good', 'data-phase'), 'inhale');
});

test('a live change to a bad value shows the error; fixing it brings the pacer back', async () => {
  const { page, log } = await ctx.open(ctx.fixture('bad-options.html'));
  await waitState(page, '#good', 'idle');
  await page.evaluate(() => document.querySelector('#good').setAttribute('minutes', '-3'));
  await waitState(page, '#good', 'error');
  assert.match((await boxText(page, '#good')).error, /minutes/);
  assert.equal(log.warnings.filter((w) => w.includes('"-3"')).length, 1);
  await page.evaluate(() => document.querySelector('#good').setAttribute('minutes', '2'));
  await waitState(page, '#good', 'idle');
  assert.match(await partText(page, '#good', 'pattern'), /2\sminutes/);
  // And the widget with the bad pattern recovers the same way.
  await page.evaluate(() => document.querySelector('#bad-pattern').setAttribute('pattern', '4-2-6-0'));
  await waitState(page, '#bad-pattern', 'idle');
  assert.match(await partText(page, '#bad-pattern', 'pattern'), /4-2-6/);
});

test('Attune.mount with bad options does not throw: the element shows the error', async () => {
  const { page, log } = await ctx.open(ctx.fixture('api.html'));
  await page.waitForFunction(() => window.Attune);
  const threw = await page.evaluate(() => {
    try {
      window.h = Attune.mount(document.querySelector('#target'), { widget: 'breathing', pattern: 'box', breaths: 0 });
      return false;
    } catch (e) {
      return String(e);
    }
  });
  assert.equal(threw, false);
  await waitState(page, '#target', 'error');
  assert.match((await boxText(page, '#target')).error, /breaths/);
  assert.equal(log.warnings.length, 1);
});

test('Attune.mount with a misspelt option: the widget runs with the rest, and the page is told the name no widget takes, once', async () => {
  const { page, log } = await ctx.open(ctx.fixture('api.html'));
  await page.waitForFunction(() => window.Attune);
  const told = await page.evaluate(async () => {
    const el = document.querySelector('#target');
    const got = [];
    window.h = Attune.mount(el, { widget: 'breathing', pattern: 'box', minuts: 2, storageKey: 'mine', rating: 'off' });
    el.addEventListener('attune:error', (e) => got.push(e.detail));
    await Attune.ready;
    await new Promise((done) => setTimeout(done, 300));
    // Built again for new words: not told again.
    Attune.registerTranslation('en', { Start: 'Begin' });
    await new Promise((done) => setTimeout(done, 300));
    return got;
  });
  await waitState(page, '#target', 'idle');
  assert.match(await partText(page, '#target', 'pattern'), /4-4-4-4.*3\sminutes/, 'box, and the default length');
  assert.equal(await page.evaluate(() => document.querySelector('#target').shadowRoot.querySelector('[data-action="toggle"]').textContent), 'Begin');
  assert.deepEqual(told, [{ widget: 'breathing', code: 'option', option: 'minuts', message: 'There is no option called "minuts", so it was left out.' }]);
  assert.deepEqual(log.warnings, ['Attune <div>: There is no option called "minuts", so it was left out.']);
});

test('a misspelt attribute on a tag or a placeholder is told as mount tells a misspelt key; the page\'s own attributes are not', async () => {
  const { page, log } = await ctx.open(ctx.fixture('api.html'));
  await page.waitForFunction(() => window.Attune);
  await page.evaluate(() => {
    const box = document.createElement('section');
    box.innerHTML = '<attune-breathing id="tag" minuts="2" patern="box" class="x" title="Breathe" data-track="1" aria-label="A pacer"></attune-breathing>'
      + '<div id="ph" data-attune="grounding" data-ratng="off" data-model="x" data-emotion="calm" data-v-1a2b="" data-testid="g" role="region" aria-label="Grounding"></div>';
    document.body.append(box);
  });
  await waitState(page, '#tag', 'idle');
  await waitState(page, '#ph', 'idle');
  const told = (await events(page, 'error')).map((e) => [e.id, e.detail.option, e.detail.message]);
  assert.deepEqual(told.sort(), [
    ['ph', 'data-ratng', 'There is no option called "data-ratng", so it was left out.'],
    ['tag', 'minuts', 'There is no option called "minuts", so it was left out.'],
    ['tag', 'patern', 'There is no option called "patern", so it was left out.'],
  ]);
  assert.equal(log.warnings.length, 3, log.warnings.join('\n'));
  assert.match(await partText(page, '#tag', 'pattern'), /3\sminutes/, 'the widget runs with the rest');
  // An option changed since: built again, not told again.
  await page.evaluate(() => document.querySelector('#tag').setAttribute('pattern', '4-7-8'));
  await page.waitForFunction(() => /4\u20117\u20118/.test(document.querySelector('#tag').shadowRoot.querySelector('[part~="pattern"]').textContent));
  await page.waitForTimeout(100);
  assert.equal(log.warnings.length, 3, 'once');
});

test('text from options is text: support-text with HTML stays literal, a javascript: support-href is left out', async () => {
  const { page, log } = await ctx.open(ctx.fixture('text.html'));
  await waitState(page, '#safe', 'idle');
  await waitState(page, '#unsafe', 'idle');
  const unsafe = await boxText(page, '#unsafe');
  assert.equal(unsafe.error, null, 'the pacer is there, not an error box');
  assert.equal(unsafe.start, true);
  const errors = (await events(page, 'error')).filter((e) => e.id === 'unsafe');
  assert.equal(errors.length, 1);
  assert.equal(errors[0].detail.option, 'support-href');
  assert.match(errors[0].detail.message, /https:/, 'it says which links are accepted');
  assert.equal(log.warnings.length, 1);
  assert.match(log.warnings[0], /support-href/);

  const literal = '<img src=x onerror="window.pwned=1">';
  const links = (sel) => page.evaluate((s) => {
    const root = document.querySelector(s).shadowRoot;
    const link = root.querySelector('a[part~="support"]');
    return {
      text: link && link.textContent,
      words: root.querySelector('.support')?.textContent ?? null,
      href: link && link.getAttribute('href'),
      imgs: root.querySelectorAll('img').length + document.querySelectorAll('img').length,
      anyJs: [...root.querySelectorAll('[href]')].some((a) => /^\s*javascript:/i.test(a.getAttribute('href'))),
    };
  }, sel);
  const safe = await links('#safe');
  assert.equal(safe.text, literal, 'the text is shown exactly as written');
  assert.equal(safe.href, 'https://example.org/help');
  assert.equal(safe.imgs, 0, 'no element was made from the text');
  assert.equal(safe.anyJs, false);
  assert.deepEqual(await links('#unsafe'), { text: null, words: literal, href: null, imgs: 0, anyJs: false });
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => typeof window.pwned), 'undefined');
  assert.equal(log.requests.some((u) => /\/x$/.test(u)), false, 'nothing tried to load src=x');
  // Other schemes that are not links are left out too, and so are links that lead nowhere;
  // mailto:/tel: with something after the colon are made live.
  const verdicts = await page.evaluate(async () => {
    const out = {};
    for (const href of ['data:text/html,hi', 'vbscript:x', ' JavaScript:alert(1)', 'https://', 'http://', 'https:///x', 'tel:', 'mailto:', 'mailto:help@example.org', 'tel:+15550100', 'HTTPS://example.org/help']) {
      const el = document.createElement('attune-breathing');
      el.setAttribute('support-text', 'Help');
      el.setAttribute('support-href', href);
      const errors = [];
      el.addEventListener('attune:error', (e) => errors.push(e.detail.option));
      document.querySelector('main').append(el);
      await new Promise((r) => {
        const check = () => (el.getAttribute('data-state') ? r() : requestAnimationFrame(check));
        check();
      });
      const link = el.shadowRoot.querySelector('a[part~="support"]');
      // A page opens in a tab of its own; a phone or mail link hands over where it is.
      out[href] = [el.getAttribute('data-state'), link ? link.getAttribute('href') : null, errors.join(), link?.getAttribute('target')];
    }
    return out;
  });
  assert.deepEqual(verdicts, {
    'data:text/html,hi': ['idle', null, 'support-href', undefined],
    'vbscript:x': ['idle', null, 'support-href', undefined],
    ' JavaScript:alert(1)': ['idle', null, 'support-href', undefined],
    'https://': ['idle', null, 'support-href', undefined],
    'http://': ['idle', null, 'support-href', undefined],
    'https:///x': ['idle', null, 'support-href', undefined],
    'tel:': ['idle', null, 'support-href', undefined],
    'mailto:': ['idle', null, 'support-href', undefined],
    'mailto:help@example.org': ['idle', 'mailto:help@example.org', '', ''],
    'tel:+15550100': ['idle', 'tel:+15550100', '', ''],
    'HTTPS://example.org/help': ['idle', 'HTTPS://example.org/help', '', '_blank'],
  });
});

test('options through Attune.mount are text too', async () => {
  const { page } = await ctx.open(ctx.fixture('api.html'));
  await page.waitForFunction(() => window.Attune);
  await page.evaluate(() => {
    Attune.mount(document.querySelector('#target'), {
      widget: 'breathing',
      'support-text': '<b id="bold">bold</b><script>window.pwned=2</script>',
    });
  });
  await waitState(page, '#target', 'idle');
  const r = await page.evaluate(() => {
    const root = document.querySelector('#target').shadowRoot;
    return { b: root.querySelectorAll('b, script').length, text: root.querySelector('.support')?.textContent };
  });
  assert.equal(r.b, 0);
  assert.equal(r.text, '<b id="bold">bold</b><script>window.pwned=2</script>');
  assert.equal(await page.evaluate(() => typeof window.pwned), 'undefined');
});

test('fixing data-attune on a placeholder mounts the pacer; removing data-attune takes it away', async () => {
  const { page } = await ctx.open(ctx.fixture('bad-options.html'));
  await waitState(page, '#bad-widget', 'error');
  await page.evaluate(() => document.querySelector('#bad-widget').setAttribute('data-attune', 'breathing'));
  await waitState(page, '#bad-widget', 'idle');
  assert.equal(await button(page, '#bad-widget', 'toggle').textContent(), 'Start');
  await page.evaluate(() => document.querySelector('#bad-widget').removeAttribute('data-attune'));
  await page.waitForFunction(() => !document.querySelector('#bad-widget').hasAttribute('data-state'));
  assert.equal(await page.evaluate(() => document.querySelector('#bad-widget').shadowRoot.childNodes.length), 0);
});

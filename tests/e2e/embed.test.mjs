// Embedding: the two ways of placing a widget, one wasm per page, lazy loading, the JS API, the
// ES module, the strict-CSP example and "nothing leaves the device".
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  ROOT, attr, button, cspViolations, events, foreignRequests, partText, useBrowser, waitState, wasmRequests,
} from './helpers.mjs';

const ctx = useBrowser();
// Read when used: dist/ may be rebuilt between test files.
const manifest = () => JSON.parse(readFileSync(join(ROOT, 'dist', 'manifest.json'), 'utf8'));

// What a visitor sees of a freshly mounted pacer.
async function mounted(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const root = el && el.shadowRoot;
    const toggle = root && root.querySelector('button[data-action="toggle"]');
    return {
      shadow: !!root,
      state: el && el.getAttribute('data-state'),
      title: root && root.querySelector('[part~="title"]')?.textContent,
      pattern: root && root.querySelector('[part~="pattern"]')?.textContent,
      start: toggle && toggle.textContent,
      startVisible: !!toggle && toggle.getBoundingClientRect().width > 0 && !toggle.hidden,
    };
  }, selector);
}

test('the script-tag form and the data-attune placeholder both mount, idle, with a Start button', async () => {
  const { page, log } = await ctx.open(ctx.example('plain.html'));
  await waitState(page, 'attune-breathing', 'idle');
  await waitState(page, '[data-attune]', 'idle');
  const tag = await mounted(page, 'attune-breathing');
  const placeholder = await mounted(page, '[data-attune]');
  for (const w of [tag, placeholder]) {
    assert.equal(w.shadow, true);
    assert.equal(w.state, 'idle');
    assert.equal(w.start, 'Start');
    assert.equal(w.startVisible, true, 'the Start button is on screen');
    assert.ok(w.title && w.title.length > 3, 'a visible title');
  }
  assert.match(tag.pattern, /4\u20117\u20118/, 'the custom element shows its pattern="4-7-8"');
  assert.match(tag.pattern, /3\sminutes/, 'and its minutes="3"');
  assert.match(placeholder.pattern, /4-4-4-4/, 'the placeholder shows its data-pattern="box"');
  const ready = await events(page, 'ready');
  assert.equal(ready.length, 2, 'one attune:ready per widget');
  assert.ok(ready.every((e) => e.bubbles && e.composed && e.detail.widget === 'breathing'));
  // Both really work: each starts on its own.
  await button(page, '[data-attune]', 'toggle').click();
  await waitState(page, '[data-attune]', 'running');
  assert.equal(await attr(page, 'attune-breathing', 'data-state'), 'idle', 'the other widget is untouched');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.warnings, []);
});

test('two pacers on one page fetch the wasm exactly once', async () => {
  const { page, log } = await ctx.open(ctx.example('plain.html'));
  await waitState(page, 'attune-breathing', 'idle');
  await waitState(page, '[data-attune]', 'idle');
  const wasm = wasmRequests(log);
  assert.equal(wasm.length, 1, `wasm requests: ${wasm.join(', ')}`);
  assert.equal(new URL(wasm[0]).pathname, `/dist/${manifest().wasm.file}`, 'the versioned wasm, next to the loader');
  const glue = log.requests.filter((u) => u.endsWith(manifest().glue.file));
  assert.equal(glue.length, 1, 'the glue too');
});

test('while the engine downloads, the loader has the browser load its locale data (the page\'s first Intl object), so the engine\'s start does not wait for it', async () => {
  const { page, context, log } = await ctx.open(ctx.example('plain.html'), { goto: false });
  await page.addInitScript(() => {
    const own = Date.prototype.toLocaleDateString;
    Date.prototype.toLocaleDateString = function (...args) {
      window.__dated = true;
      return own.apply(this, args);
    };
  });
  // The engine's response waits until the page has made a date format (at most 3 s).
  let datedFirst = null;
  await context.route(/\.wasm$/, async (route) => {
    const until = Date.now() + 3000;
    while (!(datedFirst = await page.evaluate(() => window.__dated === true).catch(() => false)) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 25));
    }
    await route.continue();
  });
  await page.goto(ctx.example('plain.html'));
  await waitState(page, 'attune-breathing', 'idle');
  assert.equal(datedFirst, true, 'the date format was made before the engine had arrived');
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.warnings, []);
});

test('including the loader twice does no harm: one wasm fetch, each widget mounted once', async () => {
  const { page, log } = await ctx.open(ctx.fixture('twice.html'));
  await waitState(page, '#one', 'idle');
  await waitState(page, '#two', 'idle');
  assert.equal(wasmRequests(log).length, 1);
  const ready = await events(page, 'ready');
  assert.deepEqual(ready.map((e) => e.id).sort(), ['one', 'two'], 'one attune:ready each');
  const roots = await page.evaluate(() => ['#one', '#two'].map((s) => document.querySelector(s).shadowRoot.querySelectorAll('[part~="base"]').length));
  assert.deepEqual(roots, [1, 1], 'one widget box in each shadow root');
  assert.deepEqual(log.errors, []);
});

test('lazy: a widget far below the fold does not fetch the wasm until scrolled near', async () => {
  const { page, log } = await ctx.open(ctx.fixture('lazy.html'));
  await page.waitForLoadState('load');
  // Give an eager loader every chance to show itself.
  await page.waitForTimeout(600);
  assert.deepEqual(wasmRequests(log), [], 'no wasm before the widget is near the viewport');
  assert.equal(log.requests.some((u) => u.endsWith(manifest().glue.file)), false, 'no glue either');
  assert.equal(await attr(page, '#far', 'data-state'), null, 'not mounted yet');
  await page.evaluate(() => document.querySelector('#far').scrollIntoView());
  await waitState(page, '#far', 'idle');
  assert.equal(wasmRequests(log).length, 1, 'fetched once it came near');
  assert.equal((await mounted(page, '#far')).start, 'Start');
});

test('lazy: the first Tab on the page loads the engine, so a keyboard visitor can Tab into a widget that never came near the screen', async () => {
  const { page, log } = await ctx.open(ctx.fixture('lazy.html'));
  await page.waitForLoadState('load');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('a');
  await page.waitForTimeout(600);
  assert.deepEqual(wasmRequests(log), [], 'other keys load nothing');
  await page.keyboard.press('Tab');
  await waitState(page, '#far', 'idle');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'first', 'that Tab went where it would have gone');
  assert.ok(await page.evaluate(() => document.querySelector('#far').getBoundingClientRect().top > innerHeight + 1000), 'the widget is still far below the screen');
  await page.keyboard.press('Tab');
  const focused = () => page.evaluate(() => [document.activeElement.id, document.activeElement.shadowRoot?.activeElement?.getAttribute('aria-label')]);
  assert.deepEqual(await focused(), ['far', 'Breathe with the circle'], 'the next Tab lands in the widget, not on the footer\'s link');
  assert.equal(wasmRequests(log).length, 1);
});

test('lazy: a Tab on a page whose widgets are gone loads nothing', async () => {
  const { page, log } = await ctx.open(ctx.fixture('lazy.html'));
  await page.waitForLoadState('load');
  await page.evaluate(() => document.querySelector('#far').remove());
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.waitForTimeout(600);
  assert.deepEqual(wasmRequests(log), []);
});

test('lazy: a hidden widget (display: none) waits, and one whose element the page makes display: contents (no box of its own to come into view) loads and runs', async () => {
  const { page, log } = await ctx.open(ctx.fixture('lazy.html'));
  await page.waitForLoadState('load');
  const add = (id, display) => page.evaluate(([id, display]) => {
    const el = document.createElement('attune-breathing');
    el.id = id;
    el.style.display = display;
    document.querySelector('h1').after(el);
  }, [id, display]);
  await add('hidden', 'none');
  await page.evaluate(() => { // display: contents, in a closed tab panel
    const panel = document.createElement('div');
    panel.hidden = true;
    panel.innerHTML = '<attune-breathing style="display: contents"></attune-breathing>';
    document.querySelector('h1').after(panel);
  });
  await page.waitForTimeout(600);
  assert.deepEqual(wasmRequests(log), [], 'no wasm for a widget nobody can see');
  await add('contents', 'contents');
  await waitState(page, '#contents', 'idle');
  assert.equal(wasmRequests(log).length, 1);
  await page.locator('#contents').getByRole('button', { name: 'Start' }).click();
  await waitState(page, '#contents', 'running');
});

test('Attune.mount into an element of a same-origin iframe (an editor\'s canvas) gives a widget that is styled and answers clicks and keys there', async () => {
  const { page } = await ctx.open(ctx.fixture('api.html'));
  await page.evaluate(() => new Promise((resolve) => {
    const frame = document.createElement('iframe');
    frame.id = 'canvas';
    frame.srcdoc = '<!doctype html><html lang="en"><body><div id="slot"></div></body></html>';
    frame.onload = resolve;
    document.body.append(frame);
  }));
  await page.evaluate(() => { window.handle = Attune.mount(document.querySelector('#canvas').contentDocument.querySelector('#slot'), { widget: 'breathing', pattern: 'box' }); });
  const frame = page.frameLocator('#canvas');
  const slot = frame.locator('#slot');
  await slot.getByRole('button', { name: 'Start' }).click();
  const state = () => page.evaluate(() => document.querySelector('#canvas').contentDocument.querySelector('#slot').getAttribute('data-state'));
  assert.equal(await state(), 'running', 'a click there starts it');
  await slot.getByRole('button', { name: 'Pause' }).press('Escape');
  assert.equal(await state(), 'idle', 'Escape there stops it');
  const styled = await page.evaluate(() => {
    const root = document.querySelector('#canvas').contentDocument.querySelector('#slot').shadowRoot;
    return getComputedStyle(root.querySelector('[data-action="toggle"]')).borderRadius;
  });
  assert.notEqual(styled, '0px', 'its styles apply there');
});

test('Attune.mount over a live tag or placeholder, then unmount(): the element is its own widget again', async () => {
  const { page } = await ctx.open(ctx.fixture('api.html'));
  await page.evaluate(() => {
    const tag = document.createElement('attune-breathing');
    tag.id = 'tag';
    const ph = document.createElement('div');
    ph.id = 'ph';
    ph.dataset.attune = 'grounding';
    document.body.append(tag, ph);
  });
  await waitState(page, '#tag', 'idle');
  await waitState(page, '#ph', 'idle');
  const title = (sel) => page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('[part~="title"]')?.textContent, sel);
  const [pacer, scan] = [await title('#tag'), await title('#ph')];
  await page.evaluate(() => {
    window.h1 = Attune.mount(document.querySelector('#tag'), { widget: 'plan', storage: 'none' });
    window.h2 = Attune.mount(document.querySelector('#ph'), { widget: 'plan', storage: 'none' });
  });
  await page.waitForFunction(() => ['#tag', '#ph'].every((s) => /plan/i.test(document.querySelector(s).shadowRoot.querySelector('[part~="title"]')?.textContent)));
  await page.evaluate(() => { window.h1.unmount(); window.h2.unmount(); });
  await page.waitForFunction(([a, b]) => document.querySelector('#tag').shadowRoot.querySelector('[part~="title"]')?.textContent === a
    && document.querySelector('#ph').shadowRoot.querySelector('[part~="title"]')?.textContent === b, [pacer, scan]);
  await page.evaluate(() => document.querySelector('#tag').setAttribute('pattern', '4-7-8'));
  await page.waitForFunction(() => /4\u20117\u20118/.test(document.querySelector('#tag').shadowRoot.textContent));
});

test('unmount() from the widget\'s own attune:ready or attune:error ends it in the engine too: no listener of it is left behind', async () => {
  const { page, log } = await ctx.open(ctx.fixture('api.html'));
  await page.evaluate(() => Attune.ready);
  const cdp = await page.context().newCDPSession(page);
  const listeners = async () => {
    const { result } = await cdp.send('Runtime.evaluate', { expression: 'document' });
    const { listeners: all } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
    return all.filter((l) => l.type === 'visibilitychange').length;
  };
  const before = await listeners();
  await page.evaluate(async () => {
    for (let i = 0; i < 10; i++) {
      for (const [event, opts] of [['attune:ready', { widget: 'breathing' }], ['attune:error', { widget: 'breathing', minuts: '2' }]]) {
        const el = document.body.appendChild(document.createElement('div'));
        const h = Attune.mount(el, opts);
        await new Promise((resolve) => el.addEventListener(event, () => resolve(h.unmount()), { once: true }));
        if (el.shadowRoot.childNodes.length || el.hasAttribute('data-state')) throw Error('not emptied');
        el.remove();
      }
    }
  });
  assert.equal(await listeners(), before, 'twenty pacers unmounted as they came left nothing listening');
  // A tag mounted over and let go from its attune:ready is its own widget again.
  await page.evaluate(() => {
    const tag = document.body.appendChild(document.createElement('attune-grounding'));
    tag.id = 'tag';
    tag.addEventListener('attune:ready', () => {
      const h = Attune.mount(tag, { widget: 'breathing' });
      tag.addEventListener('attune:ready', () => h.unmount(), { once: true });
    }, { once: true });
  });
  await page.waitForFunction(() => /5.4.3.2.1/.test(document.querySelector('#tag').shadowRoot.querySelector('[part~="title"]')?.textContent || '')
    && document.querySelector('#tag').getAttribute('data-state') === 'idle');
  assert.equal(log.errors.length, 0, log.errors.join('\n'));
});

test('Attune.mount returns a handle whose unmount() empties the shadow root; Attune.version is a string', async () => {
  const { page, log } = await ctx.open(ctx.fixture('api.html'));
  await page.waitForFunction(() => window.Attune);
  const version = await page.evaluate(() => window.Attune.version);
  assert.equal(typeof version, 'string');
  assert.equal(version, manifest().version);
  await page.evaluate(() => {
    window.handle = Attune.mount(document.querySelector('#target'), { widget: 'breathing', pattern: 'box' });
  });
  await waitState(page, '#target', 'idle');
  assert.match(await partText(page, '#target', 'pattern'), /4-4-4-4/, 'the pattern option from the API is used');
  assert.equal(await page.evaluate(() => Attune.ready.then((a) => a === Attune)), true, 'Attune.ready resolves to Attune');
  assert.equal(await page.evaluate(() => typeof window.handle.unmount), 'function');
  await button(page, '#target', 'toggle').click();
  await waitState(page, '#target', 'running');
  const after = await page.evaluate(() => {
    window.handle.unmount();
    const el = document.querySelector('#target');
    return { children: el.shadowRoot.childNodes.length, state: el.getAttribute('data-state'), phase: el.getAttribute('data-phase') };
  });
  assert.deepEqual(after, { children: 0, state: null, phase: null });
  // Unmounting twice is harmless, and the element can take a new widget.
  await page.evaluate(() => {
    window.handle.unmount();
    window.handle = Attune.mount(document.querySelector('#target'), { widget: 'breathing', pattern: '4-7-8' });
  });
  await waitState(page, '#target', 'idle');
  assert.match(await partText(page, '#target', 'pattern'), /4\u20117\u20118/);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.warnings, []);
});

test('a listener added just after Attune.mount hears attune:ready (and a bad option\'s attune:error), whether or not the engine was there yet; a mount that names no widget throws how to call it and touches nothing', async () => {
  const { page, log } = await ctx.open(ctx.fixture('api.html'));
  await page.waitForFunction(() => window.Attune);
  const heard = () => page.evaluate(async () => {
    const hear = (opts) => {
      const el = document.body.appendChild(document.createElement('div'));
      const got = [];
      Attune.mount(el, opts);
      el.addEventListener('attune:ready', () => got.push('ready'));
      el.addEventListener('attune:error', (e) => got.push(e.detail.option));
      return got;
    };
    const ok = hear({ widget: 'breathing' });
    const bad = hear({ widget: 'breathing', minutes: 'abc' });
    await Attune.ready;
    await new Promise((done) => setTimeout(done, 300));
    return [ok, bad];
  });
  // Before the engine is there (this call starts its load), then once it is.
  assert.deepEqual(await heard(), [['ready'], ['minutes']]);
  assert.deepEqual(await heard(), [['ready'], ['minutes']]);
  // A selector for an element, options without a widget, a widget's name for the options,
  // none at all.
  const thrown = await page.evaluate(() => [['#x', { widget: 'plan' }], [0, { pattern: 'box' }], [0, 'plan'], [0], [0, null], [document.createTextNode('x'), { widget: 'plan' }]].map(([to, opts]) => {
    const el = document.body.appendChild(document.createElement('div'));
    try {
      Attune.mount(to || el, opts);
      return 'no error';
    } catch (e) {
      return [e.name, e.message, !!el.shadowRoot, el.getAttribute('data-state')].join(' / ');
    }
  }));
  const how = 'TypeError / Attune.mount(element, { widget: breathing | grounding | body-scan | check-in | pleasure | plan | summary }) / false / ';
  assert.deepEqual(thrown, [how, how, how, how, how, how]);
  assert.deepEqual(log.errors, []);
});

test('the ES module example mounts and reports the version', async () => {
  const { page, log } = await ctx.open(ctx.example('module.html'));
  await waitState(page, '#pacer', 'idle');
  const w = await mounted(page, '#pacer');
  assert.equal(w.start, 'Start');
  assert.match(w.pattern, /6\s/, 'bpm: 6 from the module\'s mount options');
  await page.waitForFunction(() => /ready/.test(document.querySelector('#status').textContent));
  assert.equal(await page.textContent('#status'), `Attune ${manifest().version} is ready.`);
  assert.equal(wasmRequests(log).length, 1);
  assert.deepEqual(log.errors, []);
});

test('the strict-CSP example loads, mounts and runs with no violation and no console error', async () => {
  const { page, log } = await ctx.open(ctx.example('csp.html'));
  await waitState(page, 'attune-breathing', 'idle');
  await button(page, 'attune-breathing', 'toggle').click();
  await waitState(page, 'attune-breathing', 'running');
  assert.equal(await attr(page, 'attune-breathing', 'data-phase'), 'inhale');
  // Let it animate a little: the shape's size is set every frame through the CSSOM.
  await page.waitForFunction(() => {
    const shape = document.querySelector('attune-breathing').shadowRoot.querySelector('[part~="shape"]');
    return Number(shape.style.getPropertyValue('--level')) > 0;
  });
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.warnings, []);
  // The widget's styles did apply (a blocked stylesheet would leave the Start button unstyled).
  const radius = await page.evaluate(() => getComputedStyle(document.querySelector('attune-breathing').shadowRoot.querySelector('button[data-action="toggle"]')).borderTopLeftRadius);
  assert.notEqual(radius, '0px');
});

test('no request leaves the page origin on any example page, also while the widgets run', async () => {
  for (const name of ['plain.html', 'module.html', 'csp.html']) {
    const url = ctx.example(name);
    const { page, log } = await ctx.open(url);
    await page.waitForFunction(() => [...document.querySelectorAll('attune-breathing, [data-attune]')].every((el) => el.getAttribute('data-state') === 'idle'));
    for (const b of await page.locator('button[data-action="toggle"]').all()) await b.click();
    await page.waitForTimeout(300);
    assert.deepEqual(foreignRequests(log, url), [], name);
    assert.ok(log.requests.length >= 3, `${name}: requests were recorded`);
  }
});

for (const [how, route] of [
  ['the wasm cannot be fetched', (r) => r.abort()],
  ['the wasm is missing on the server (its 404 page cannot match the hash)', (r) => r.fulfill({ status: 404, contentType: 'text/html', body: '<h1>Not found</h1>' })],
  ['the wasm does not match its integrity hash', async (r) => {
    const response = await r.fetch();
    const body = await response.body();
    body[body.length - 1] ^= 1;
    await r.fulfill({ response, body });
  }],
]) {
  test(`when ${how}, every widget says so in its box and the page goes on`, async () => {
    const { page, log } = await ctx.open(ctx.example('plain.html'), { goto: false });
    await page.route('**/*.wasm', route);
    await page.goto(ctx.example('plain.html'));
    await waitState(page, 'attune-breathing', 'error');
    await waitState(page, '[data-attune]', 'error');
    const texts = await page.evaluate(() => [...document.querySelectorAll('attune-breathing, [data-attune]')].map((el) => el.shadowRoot.textContent));
    for (const t of texts) assert.match(t, /could not load/);
    // Each in a paragraph of its own: two widgets side by side are two lines, not one run.
    const shapes = await page.evaluate(() => [...document.querySelectorAll('attune-breathing, [data-attune]')]
      .map((el) => { const p = el.shadowRoot.querySelector('p'); return p && [getComputedStyle(p).display, p.lang, p.dir]; }));
    assert.deepEqual(shapes, [['block', 'en', 'auto'], ['block', 'en', 'auto']], 'in its language, read in its direction');
    const errors = await events(page, 'error');
    assert.equal(errors.length, 2);
    assert.ok(errors.every((e) => e.detail.code === 'load'));
    // The reason names the file, so a site owner knows which one to put back or upload again.
    for (const e of errors) assert.match(e.detail.message, /attune-[\w.]+-[0-9a-f]{8}\.wasm/);
    assert.equal(log.warnings.filter((w) => w.startsWith('Attune')).length, 1, 'one warning for the page, not a flood');
    assert.equal(await page.evaluate(() => Attune.ready.then(() => 'resolved', () => 'rejected')), 'rejected');
  });
}

test('the engine that could not load (the network gone for a moment) is tried again by the next widget, as a single-page app moves on, and by Attune.ready', async () => {
  const { page, log } = await ctx.open(ctx.example('plain.html'), { goto: false });
  let offline = true;
  await page.route('**/*.wasm', (r) => (offline ? r.abort() : r.continue()));
  await page.goto(ctx.example('plain.html'));
  await waitState(page, 'attune-breathing', 'error');
  await waitState(page, '[data-attune]', 'error');
  // Still offline: the next route's widget tries again, and says so too, once.
  await page.evaluate(() => document.body.append(Object.assign(document.createElement('attune-grounding'), { id: 'first' })));
  await waitState(page, '#first', 'error');
  assert.equal(wasmRequests(log).length, 2, 'tried again');
  assert.equal((await events(page, 'error')).filter((e) => e.id === 'first').length, 1);
  offline = false;
  await page.evaluate(() => { document.querySelector('#first').remove(); document.body.append(Object.assign(document.createElement('attune-grounding'), { id: 'next' })); });
  await waitState(page, '#next', 'idle');
  assert.match(await page.evaluate(() => document.querySelector('#next').shadowRoot.textContent), /Notice what is around you/);
  assert.equal(await page.evaluate(() => Attune.ready.then(() => 'resolved', () => 'rejected')), 'resolved');
  assert.equal(await attr(page, 'attune-breathing', 'data-state'), 'error', 'those that said so stay as they are until the page mounts them again');

  // With no widget coming, Attune.ready asks again.
  const { page: other } = await ctx.open(ctx.example('plain.html'), { goto: false });
  let down = true;
  await other.route('**/*.wasm', (r) => (down ? r.abort() : r.continue()));
  await other.goto(ctx.example('plain.html'));
  await waitState(other, 'attune-breathing', 'error');
  down = false;
  assert.equal(await other.evaluate(() => Attune.ready.then(() => 'resolved', () => 'rejected')), 'resolved');
  await other.evaluate(() => Attune.mount(document.querySelector('attune-breathing'), { pattern: 'box' }));
  await waitState(other, 'attune-breathing', 'idle');
});

test('when the engine cannot load, each widget says so in its own language, Arabic from the right', async () => {
  const { page } = await ctx.open(ctx.example('plain.html'), { goto: false });
  await page.route('**/*.wasm', (r) => r.abort());
  await page.goto(ctx.example('plain.html'));
  await waitState(page, 'attune-breathing', 'error');
  await page.evaluate(() => {
    const box = document.createElement('section');
    box.lang = 'es';
    box.innerHTML = '<attune-breathing id="ar" lang="ar"></attune-breathing><div id="fr" data-attune="plan" data-lang="fr-CA"></div><attune-grounding id="es"></attune-grounding>';
    document.body.append(box);
  });
  for (const id of ['ar', 'fr', 'es']) await waitState(page, `#${id}`, 'error');
  const said = await page.evaluate(() => ['ar', 'fr', 'es'].map((id) => {
    const p = document.getElementById(id).shadowRoot.querySelector('p');
    return [p.lang, p.textContent, getComputedStyle(p).direction];
  }));
  assert.deepEqual(said, [
    ['ar', 'تعذّر تحميل هذا التمرين.', 'rtl'],
    ['fr', 'Cet exercice n’a pas pu se charger.', 'ltr'],
    ['es', 'Este ejercicio no se pudo cargar.', 'ltr'],
  ]);
});

test('the widget speaks the page language (Spanish) and its own lang option', async () => {
  const { page } = await ctx.open(ctx.fixture('api.html'));
  await page.waitForFunction(() => window.Attune);
  await page.evaluate(() => {
    document.documentElement.lang = 'es-MX';
    window.hEs = Attune.mount(document.querySelector('#target'), { widget: 'breathing' });
    const en = document.createElement('attune-breathing');
    en.id = 'en';
    en.setAttribute('lang', 'en');
    document.querySelector('main').append(en);
  });
  await waitState(page, '#target', 'idle');
  await waitState(page, '#en', 'idle');
  assert.equal(await button(page, '#target', 'toggle').textContent(), 'Empezar');
  assert.equal(await button(page, '#en', 'toggle').textContent(), 'Start');
});

test('a placeholder\'s own lang is its language, as CSS\'s :lang() reads it; a tag\'s own lang is its option, lang="null" none', async () => {
  const { page } = await ctx.open(ctx.fixture('api.html'));
  await page.waitForFunction(() => window.Attune);
  await page.evaluate(() => {
    const main = document.querySelector('main');
    const ph = document.createElement('div');
    ph.id = 'ph';
    ph.setAttribute('data-attune', 'breathing');
    ph.setAttribute('lang', 'es');
    // A framework's dropped prop on a tag, in a Spanish section: the section's language.
    const section = document.createElement('section');
    section.lang = 'es';
    const tag = document.createElement('attune-breathing');
    tag.id = 'tag';
    tag.setAttribute('lang', 'null');
    section.append(tag);
    main.append(ph, section);
  });
  await waitState(page, '#ph', 'idle');
  await waitState(page, '#tag', 'idle');
  assert.equal(await button(page, '#ph', 'toggle').textContent(), 'Empezar');
  assert.equal(await button(page, '#tag', 'toggle').textContent(), 'Empezar');
});

test('inside a component\'s shadow root, a widget speaks the language around the component, as :lang() reads it', async () => {
  const { page } = await ctx.open(ctx.fixture('api.html'));
  await page.waitForFunction(() => window.Attune);
  await page.evaluate(() => {
    // Two cards, one in a Spanish section, one carrying French itself; the page is English.
    const card = (lang) => {
      const host = document.createElement('div');
      if (lang) host.lang = lang;
      const widget = document.createElement('attune-breathing');
      widget.setAttribute('storage', 'none');
      host.attachShadow({ mode: 'open' }).append(widget);
      return host;
    };
    const section = document.createElement('section');
    section.lang = 'es';
    section.id = 'es';
    section.append(card());
    const fr = card('fr');
    fr.id = 'fr';
    document.querySelector('main').append(section, fr);
  });
  const start = (sel) => page.waitForFunction((s) => {
    const host = document.querySelector(s).shadowRoot.querySelector('attune-breathing');
    return host.getAttribute('data-state') === 'idle' && host.shadowRoot.querySelector('[data-action="toggle"]').textContent;
  }, sel).then((h) => h.jsonValue());
  assert.equal(await start('#es > div'), 'Empezar');
  assert.equal(await start('#fr'), 'Commencer');
});

test('Attune.mount takes a list option as an array, joined with | as its attribute writes it', async () => {
  const { page, log } = await ctx.open(ctx.fixture('api.html'));
  await page.waitForFunction(() => window.Attune);
  await page.evaluate(() => {
    Attune.mount(document.querySelector('#target'), { widget: 'pleasure', storage: 'none', suggestions: ['a walk after lunch', 'the blue mug'] });
  });
  await waitState(page, '#target', 'idle');
  const chips = await page.evaluate(() => [...document.querySelector('#target').shadowRoot.querySelectorAll('[data-action="act"]')].map((b) => b.textContent));
  assert.deepEqual(chips.slice(0, 2), ['a walk after lunch', 'the blue mug']);
  assert.ok(!chips.some((c) => c.includes(',')), `one chip per suggestion: ${chips.join(' / ')}`);
  assert.deepEqual(log.warnings, []);
});

// node:test runs a `todo` test and reports it, without failing the run: this is a known loader
// bug (see the report). Remove `todo` once www/attune.js applies changes made during mount.
test('an option changed from inside an attune:ready listener takes effect', async () => {
  const { page } = await ctx.open(ctx.fixture('pacers.html'), { goto: false });
  await page.addInitScript(() => {
    document.addEventListener('attune:ready', (e) => {
      const el = e.composedPath()[0];
      if (el.id === 'long' && el.getAttribute('pattern') === 'box') el.setAttribute('pattern', '4-7-8');
      if (el.id === 'ph' && el.getAttribute('data-pattern') === 'box') el.setAttribute('data-pattern', '4-7-8');
    });
  });
  await page.goto(ctx.fixture('pacers.html'));
  await waitState(page, '#long', 'idle');
  await waitState(page, '#ph', 'idle');
  await page.waitForTimeout(200);
  assert.match(await partText(page, '#long', 'pattern'), /4\u20117\u20118/, 'the custom element shows the pattern its attribute says');
  assert.match(await partText(page, '#ph', 'pattern'), /4\u20117\u20118/, 'the placeholder too');
});

test('a CDN\'s short URL (…/attune@VERSION, which serves attune.js itself) finds the engine in the package\'s folder', async () => {
  const { page, log } = await ctx.open(ctx.fixture('cdn.html'), { goto: false });
  ctx.serveFolder('/cdn/attune@1.2.3/', join(ROOT, 'dist'));
  const loader = readFileSync(join(ROOT, 'dist', 'attune.js'));
  const html = `<!doctype html><html lang="en"><title>CDN</title>
<script src="/cdn/attune@1.2.3" integrity="${manifest().loader.integrity}" crossorigin="anonymous" defer></script>
<attune-breathing id="tag" pattern="box"></attune-breathing>`;
  await page.route('**/fixtures/cdn.html', (route) => route.fulfill({ body: html, contentType: 'text/html' }));
  await page.route('**/cdn/attune@1.2.3', (route) => route.fulfill({ body: loader, contentType: 'text/javascript' }));
  await page.goto(ctx.fixture('cdn.html'));
  await waitState(page, '#tag', 'idle');
  assert.equal(new URL(wasmRequests(log)[0]).pathname, `/cdn/attune@1.2.3/${manifest().wasm.file}`);
});

// A fallback written as a site owner would: when the widget refuses its options, mount a plain
// one in its place, from the attune:error listener (which fires while the first is being built).
test('Attune.mount again from the first widget\'s own attune:error listener replaces it for good', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'));
  await page.evaluate(() => Attune.ready);
  const got = await page.evaluate(async () => {
    const el = document.querySelector('#slot');
    let second = null;
    el.addEventListener('attune:error', () => { second = Attune.mount(el, { widget: 'breathing' }); }, { once: true });
    const first = Attune.mount(el, { widget: 'breathing', minutes: '999' });
    await new Promise((ok) => setTimeout(ok, 200));
    const shown = [el.getAttribute('data-state'), el.shadowRoot.querySelectorAll('[part~="base"]').length];
    first.unmount();
    second.unmount();
    // A language arriving later builds nothing again.
    Attune.registerTranslation('en', { Start: 'Go now' });
    await new Promise((ok) => setTimeout(ok, 300));
    return { shown, after: [el.getAttribute('data-state'), el.shadowRoot.childElementCount] };
  });
  assert.deepEqual(got, { shown: ['idle', 1], after: [null, 0] });
});

test('the heights the site owners\' guide gives to reserve are each exercise\'s first height in its width range, give or take a line', async () => {
  // The guide's table: exercise, then its height for 320-360 px, 361-599 px, and 600 px and up.
  const doc = readFileSync(join(ROOT, 'docs', 'site-owners.md'), 'utf8');
  const table = Object.fromEntries([...doc.matchAll(/^\| `attune-([a-z-]+)` \| (\d+)px \| (\d+)px \| (\d+)px \|$/gm)]
    .map(([, name, ...px]) => [name, px.map(Number)]));
  assert.equal(Object.keys(table).length, 7, 'all seven exercises are in the table');
  // Near the narrowest width of each range is where an exercise is tallest, but for the padding,
  // which grows up to a 700 px column. A 364 px column on a wide screen measures as on a phone
  // (the column decides).
  for (const [col, width, screen] of [[0, 320, 320], [1, 364, 364], [2, 600, 600], [2, 700, 1280], [1, 364, 1280]]) {
    const { page } = await ctx.open(ctx.fixture('heights.html'), { viewport: { width: screen, height: 900 } });
    await page.evaluate((w) => { document.body.style.width = `${w}px`; }, width);
    await page.evaluate(() => Attune.ready);
    for (let y = 0; y < 8000; y += 600) await page.evaluate((top) => scrollTo(0, top), y);
    await page.waitForFunction(() => [...document.body.children].filter((e) => e.localName.startsWith('attune-'))
      .every((e) => e.getAttribute('data-state')));
    const heights = await page.evaluate(() => Object.fromEntries([...document.body.children]
      .filter((e) => e.localName.startsWith('attune-')).map((e) => [e.localName.slice(7), e.getBoundingClientRect().height])));
    for (const [name, px] of Object.entries(table)) {
      const h = heights[name];
      assert.ok(h <= px[col] + 2 && h >= px[col] - 30, `${name} at ${width} px (screen ${screen} px) is ${Math.round(h)} px; the guide says ${px[col]}px`);
    }
  }
});

// A hostile or careless world around the loader: a server that changes the engine's script,
// markup that clobbers the loader's configuration, a tag manager that writes data-* attributes,
// elements that cannot hold a widget, misspelt widget tags.
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  ROOT, attr, button, cspViolations, events, useBrowser, waitState, wasmRequests,
} from './helpers.mjs';

const ctx = useBrowser();
// Read when used: dist/ may be rebuilt between test files.
const manifest = () => JSON.parse(readFileSync(join(ROOT, 'dist', 'manifest.json'), 'utf8'));
const glueRequests = (log) => log.requests.filter((u) => new URL(u).pathname.endsWith(`/${manifest().glue.file}`));

// /tampered/: a copy of dist/ whose glue has one line more and whose wasm has a few bytes more,
// as a compromised CDN would serve them.
let tampered = null;
function serveTampered() {
  if (tampered) return;
  tampered = mkdtempSync(join(tmpdir(), 'attune-tampered-'));
  cpSync(join(ROOT, 'dist'), tampered, { recursive: true });
  appendFileSync(join(tampered, manifest().glue.file), 'globalThis.__pwned = 1;\n');
  appendFileSync(join(tampered, manifest().wasm.file), Buffer.from([0, 1, 2, 3]));
  ctx.serveFolder('/tampered/', tampered);
}
after(() => tampered && rmSync(tampered, { recursive: true, force: true }));

// Waits until the widget at `selector` has mounted or failed (any data-state).
const settled = (page, selector) => page.waitForFunction((sel) => document.querySelector(sel)?.hasAttribute('data-state'), selector);

// The text inside each widget's shadow root.
const boxTexts = (page, selectors) => page.evaluate((sels) => sels.map((s) => document.querySelector(s).shadowRoot?.textContent ?? null), selectors);

// --- 0. What the shipped wasm carries ---

test('the shipped wasm names no path of the building machine and holds no core panic message; wasm-bindgen\'s own errors for the page stay', () => {
  const wasm = readFileSync(join(ROOT, 'dist', manifest().wasm.file));
  for (const text of ['src/web/', '.cargo/registry', '/rustc/', 'capacity overflow', 'index out of bounds: the len is ', 'slice index starts at ']) {
    assert.equal(wasm.indexOf(text), -1, text);
  }
  // The panic handler traps without reading those; these are thrown to the page as errors.
  assert.ok(wasm.indexOf('closure invoked recursively or after being dropped') >= 0);
  assert.ok(wasm.indexOf('FnOnce called more than once') >= 0);
});

// --- 1. Every byte that runs is covered by an integrity hash ---

test('a glue script changed on the server never runs: each widget says it could not load, attune:error (load)', async () => {
  serveTampered();
  const { page, log } = await ctx.open(ctx.fixture('tampered.html'));
  await waitState(page, '#tag', 'error');
  await waitState(page, '#ph', 'error');
  for (const text of await boxTexts(page, ['#tag', '#ph'])) assert.match(text, /could not load/);
  const errors = await events(page, 'error');
  assert.deepEqual(errors.map((e) => [e.id, e.detail.code]).sort(), [['ph', 'load'], ['tag', 'load']]);
  assert.equal(glueRequests(log).length, 1, 'fetched once (by the check), never again by an import');
  // Attune.ready tries again, checked again, and is refused again.
  assert.equal(await page.evaluate(() => Attune.ready.then(() => 'resolved', () => 'rejected')), 'rejected');
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined', 'the added line did not run');
  assert.equal(glueRequests(log).length, 2, 'fetched by each check alone');
  assert.equal(await page.evaluate(() => document.querySelectorAll('link[rel="modulepreload"]').length), 0, 'the check leaves no element behind');
});

test('through the ES-module entry (it holds the glue, so an integrity hash on attune.mjs covers all the JavaScript), a changed wasm never runs: mount() shows the failure, ready rejects', async () => {
  serveTampered();
  const { page, log } = await ctx.open(ctx.fixture('tampered-module.html'));
  await waitState(page, '#target', 'error');
  assert.match((await boxTexts(page, ['#target']))[0], /could not load/);
  await page.waitForFunction(() => document.querySelector('#status').textContent !== 'Loading…');
  assert.equal(await page.textContent('#status'), 'rejected');
  assert.deepEqual((await events(page, 'error')).map((e) => e.detail.code), ['load']);
  assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined');
  assert.equal(glueRequests(log).length, 0, 'the module never asks for the glue file');
  assert.equal(wasmRequests(log).length, 1);
});

test('the untouched engine: its glue is fetched once (the check), the import reuses it; the wasm once too', async () => {
  const { page, log } = await ctx.open(ctx.fixture('pacers.html'));
  await waitState(page, '#long', 'idle');
  await waitState(page, '#ph', 'idle');
  assert.equal(glueRequests(log).length, 1, `glue requests: ${glueRequests(log).join(', ')}`);
  assert.equal(wasmRequests(log).length, 1);
  assert.deepEqual(log.warnings, []);
});

test('a browser that cannot check a module (no modulepreload) gets "could not load", not unchecked code', async () => {
  const { page, log } = await ctx.open(ctx.fixture('pacers.html'), { goto: false });
  await page.addInitScript(() => {
    const supports = DOMTokenList.prototype.supports;
    DOMTokenList.prototype.supports = function (token) {
      return token === 'modulepreload' ? false : supports.call(this, token);
    };
  });
  await page.goto(ctx.fixture('pacers.html'));
  await waitState(page, '#long', 'error');
  await waitState(page, '#ph', 'error');
  for (const text of await boxTexts(page, ['#long', '#ph'])) assert.match(text, /could not load/);
  assert.ok((await events(page, 'error')).every((e) => e.detail.code === 'load'));
  assert.deepEqual(glueRequests(log), [], 'the glue is not even fetched');
  assert.equal(log.warnings.filter((w) => /modulepreload/.test(w)).length, 1, 'the one warning says why');
});

// Strict policies, each with no violation: trusted types 'none'; and scripts allowed by their
// nonce alone, as frameworks' policies often are ('nonce-…', with or without 'strict-dynamic'),
// where the glue's modulepreload, without the nonce, was refused and every widget said "could
// not load". As a module the loader has no currentScript, so its nonce comes from the script
// found.
for (const [policy, fixture] of [
  ['strict CSP with trusted-types \'none\'', 'csp-trusted-types.html'],
  ['a CSP that allows scripts by their nonce alone, the loader as a classic script', 'csp-nonce.html'],
  ['a CSP that allows scripts by their nonce alone, the loader as a module', 'csp-nonce-module.html'],
]) {
  test(`${policy}: the checked glue loads and the widgets run, no violation`, async () => {
    const { page, log } = await ctx.open(ctx.fixture(fixture));
    await waitState(page, '#tag', 'idle');
    await waitState(page, '#ph', 'idle');
    await button(page, '#tag', 'toggle').click();
    await waitState(page, '#tag', 'running');
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.warnings, []);
    assert.equal(glueRequests(log).length, 1);
  });
}

// A policy that allows scripts by their hashes (the snippet's integrity value) with
// 'strict-dynamic', or with the engine script's own hash beside it, as the site owners' guide
// says: both run, with no violation.
test('a CSP that allows scripts by their hashes, with \'strict-dynamic\' or the engine script\'s hash from manifest.json: the widgets run, no violation', async () => {
  const { loader, glue } = manifest();
  for (const sources of [`'${loader.integrity}' 'strict-dynamic'`, `'${loader.integrity}' '${glue.integrity}'`]) {
    const { page, log } = await ctx.open(ctx.fixture('csp-hash.html'), { goto: false });
    await page.route('**/csp-hash.html', (route) => route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ${sources} 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'">
<title>Scripts allowed by their hashes</title>
<script src="/dist/attune.js" integrity="${loader.integrity}" crossorigin="anonymous" defer></script>
</head><body><main><attune-breathing id="tag"></attune-breathing></main></body></html>`,
    }));
    await page.goto(ctx.fixture('csp-hash.html'));
    await waitState(page, '#tag', 'idle');
    assert.deepEqual(await cspViolations(page), [], sources);
    assert.deepEqual(log.errors, [], sources);
  }
});

test('unmount() after the engine could not load takes the failure away, as it takes a widget', async () => {
  const { page } = await ctx.open(ctx.fixture('api.html'), { goto: false });
  await page.addInitScript(() => {
    const supports = DOMTokenList.prototype.supports;
    DOMTokenList.prototype.supports = function (token) {
      return token === 'modulepreload' ? false : supports.call(this, token);
    };
  });
  await page.goto(ctx.fixture('api.html'));
  const before = await page.evaluate(async () => {
    const el = document.createElement('div');
    el.id = 'mounted';
    document.body.append(el);
    window.__handle = Attune.mount(el, { widget: 'breathing' });
    await Attune.ready.catch(() => {});
    return { state: el.getAttribute('data-state'), text: el.shadowRoot.textContent };
  });
  assert.equal(before.state, 'error');
  assert.match(before.text, /could not load/);
  const after = await page.evaluate(() => {
    window.__handle.unmount();
    const el = document.querySelector('#mounted');
    return { state: el.getAttribute('data-state'), children: el.shadowRoot.childNodes.length };
  });
  assert.deepEqual(after, { state: null, children: 0 });
});

// --- 2. Only documented options are options ---

test('a tag manager writing data-gtm-vis-* on a running placeholder pacer does not reset it', async () => {
  const { page, log } = await ctx.open(ctx.fixture('pacers.html'));
  await waitState(page, '#ph', 'idle');
  await button(page, '#ph', 'toggle').click();
  await waitState(page, '#ph', 'running');
  for (let i = 1; i <= 5; i++) {
    await page.evaluate((n) => {
      const el = document.querySelector('#ph');
      el.setAttribute('data-gtm-vis-total-visible-time-31', String(n * 100));
      el.setAttribute('data-gtm-vis-first-on-screen-31', String(n));
    }, i);
    await page.waitForTimeout(60);
    assert.equal(await attr(page, '#ph', 'data-state'), 'running', `still running after write ${i}`);
  }
  assert.ok(await attr(page, '#ph', 'data-phase'), 'and still breathing');
  // A documented option still takes effect at once.
  await page.evaluate(() => document.querySelector('#ph').setAttribute('data-pattern', '4-7-8'));
  await waitState(page, '#ph', 'idle');
  assert.deepEqual(log.warnings, []);
});

// --- 3. The configuration cannot be clobbered from markup ---

for (const [name, fixture, selectors, glueFetches] of [
  ['the loader loaded as a module', 'clobbered.html', ['#tag', '#ph'], 1],
  ['the ES-module entry', 'clobbered-module.html', ['#target'], 0],
]) {
  test(`${name}: <a id="AttuneConfig" name="base" href=…> does not move the engine`, async () => {
    const { page, log } = await ctx.open(ctx.fixture(fixture));
    for (const s of selectors) await settled(page, s);
    assert.deepEqual(log.requests.filter((u) => /\/evil\//.test(u)), [], 'nothing asked of the evil URL');
    for (const s of selectors) assert.equal(await attr(page, s, 'data-state'), 'idle');
    assert.equal(new URL(wasmRequests(log)[0]).pathname, `/dist/${manifest().wasm.file}`, 'the engine came from dist/');
    assert.equal(glueRequests(log).length, glueFetches);
  });
}

test('a named <img> that clobbers document.currentScript does not move the engine either', async () => {
  const { page, log } = await ctx.open(ctx.fixture('clobbered-script.html'));
  await settled(page, '#tag');
  assert.deepEqual(log.requests.filter((u) => /\/evil\/attune/.test(u)), []);
  assert.equal(await attr(page, '#tag', 'data-state'), 'idle');
  assert.equal(new URL(wasmRequests(log)[0]).pathname, `/dist/${manifest().wasm.file}`);
});

// --- 4. Saying so when nothing can happen ---

for (const [what, selector] of [['an <input>', '#field'], ['a host with a closed shadow root', '#closed']]) {
  test(`Attune.mount on ${what} throws at once and fires attune:error (mount)`, async () => {
    const { page } = await ctx.open(ctx.fixture('hosts.html'));
    await page.waitForFunction(() => window.Attune);
    await page.evaluate(() => document.querySelector('#closed').attachShadow({ mode: 'closed' }));
    const result = await page.evaluate((sel) => {
      const el = document.querySelector(sel);
      const seen = [];
      el.addEventListener('attune:error', (e) => seen.push(e.detail.code));
      try {
        Attune.mount(el, { widget: 'breathing' });
        return { threw: false, seen };
      } catch (e) {
        return { threw: true, isError: e instanceof Error, message: e.message, seen, state: el.getAttribute('data-state') };
      }
    }, selector);
    assert.equal(result.threw, true, 'Attune.mount threw');
    assert.equal(result.isError, true);
    assert.match(result.message, /cannot hold an Attune widget/);
    assert.match(result.message, /<div>/, 'it suggests a <div>');
    assert.deepEqual(result.seen, ['mount'], 'attune:error fired before mount returned');
    assert.equal(result.state, 'error');
  });
}

test('Attune.mount on a host whose open shadow root already exists, with no element in it (a server\'s comment and line break), mounts into it', async () => {
  const { page, log } = await ctx.open(ctx.fixture('hosts.html'));
  await page.waitForFunction(() => window.Attune);
  await page.evaluate(() => {
    const el = document.querySelector('#open');
    el.attachShadow({ mode: 'open' }).append(document.createComment('ssr'), '\n');
    Attune.mount(el, { widget: 'breathing' });
  });
  await waitState(page, '#open', 'idle');
  assert.equal(await button(page, '#open', 'toggle').textContent(), 'Start');
  assert.deepEqual(log.warnings, []);
});

// A web component's own shadow root, with its content and slots: never wiped out.
test('Attune.mount on a host whose open shadow root holds content throws, and leaves the content as it was', async () => {
  const { page } = await ctx.open(ctx.fixture('hosts.html'));
  await page.waitForFunction(() => window.Attune);
  const result = await page.evaluate(() => {
    const el = document.querySelector('#open');
    const root = el.attachShadow({ mode: 'open' });
    root.innerHTML = '<h2>My card</h2><slot></slot>';
    const seen = [];
    el.addEventListener('attune:error', (e) => seen.push(e.detail.code));
    let message = null;
    try {
      Attune.mount(el, { widget: 'breathing' });
    } catch (e) {
      message = e.message;
    }
    return { message, seen, html: root.innerHTML };
  });
  assert.match(result.message || '', /cannot hold an Attune widget/);
  assert.match(result.message, /<div>/);
  assert.deepEqual(result.seen, ['mount']);
  assert.equal(result.html, '<h2>My card</h2><slot></slot>', 'the component\'s own content stays');
});

test('a [data-attune] placeholder on an <input> shows data-state=error and fires attune:error (mount)', async () => {
  const { page, log } = await ctx.open(ctx.fixture('hosts.html'));
  await page.waitForFunction(() => window.Attune);
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.id = 'ph-input';
    input.setAttribute('aria-label', 'not a widget');
    input.setAttribute('data-attune', 'breathing');
    document.querySelector('main').append(input);
  });
  await waitState(page, '#ph-input', 'error');
  assert.deepEqual((await events(page, 'error')).map((e) => [e.id, e.detail.code]), [['ph-input', 'mount']]);
  assert.deepEqual(log.warnings.filter((w) => /cannot hold/.test(w)).map((w) => w.split('\n')[0]), ['Attune: Error: <input> cannot hold an Attune widget: use a new <div>.'], 'named once, not "Attune: Error: Attune:"');
  // No longer a placeholder: the error goes with it, from the page's own element.
  await page.evaluate(() => document.querySelector('#ph-input').removeAttribute('data-attune'));
  await page.waitForFunction(() => !document.querySelector('#ph-input').hasAttribute('data-state'));
});

test('a misspelt <attune-*> tag warns once per tag name, at the first scan and when added later', async () => {
  const { page, log } = await ctx.open(ctx.fixture('unknown-tags.html'));
  await waitState(page, '#ok', 'idle');
  const unknown = () => log.warnings.filter((w) => /is not an Attune widget/.test(w));
  await page.waitForTimeout(100);
  assert.equal(unknown().length, 2, `two unknown tag names on the page: ${JSON.stringify(log.warnings)}`);
  assert.ok(unknown().some((w) => w.includes('<attune-breath>')));
  assert.ok(unknown().some((w) => w.includes('<attune-bodyscan>')));
  for (const w of unknown()) {
    assert.match(w, /is not an Attune widget; use one of <attune-breathing>, /, 'a list to choose from');
    for (const name of ['breathing', 'grounding', 'body-scan', 'pleasure', 'plan', 'check-in']) {
      assert.ok(w.includes(`<attune-${name}>`), `${w} names <attune-${name}>`);
    }
  }
  // Added later: a known misspelling says nothing more, a new one says it once.
  await page.evaluate(() => {
    const main = document.querySelector('main');
    main.append(document.createElement('attune-breath'));
    const div = document.createElement('div');
    div.append(document.createElement('attune-checkin'), document.createElement('attune-checkin'));
    main.append(div);
    main.append(document.createElement('attune-grounding-scan'));
  });
  await page.waitForTimeout(100);
  assert.equal(unknown().length, 4, JSON.stringify(unknown()));
  assert.ok(unknown().some((w) => w.includes('<attune-checkin>')));
  assert.ok(unknown().some((w) => w.includes('<attune-grounding-scan>')));
  assert.equal(log.warnings.length, unknown().length, 'no other warning');
});

// An editor that previews into a same-origin iframe (a block editor's canvas) and mounts from the
// parent page: the page's constructed stylesheet can't be shared with the iframe's document.
test('a widget mounted into an element of a same-origin iframe works and is styled, and the page\'s own widgets keep working', async () => {
  const { page, log } = await ctx.open(ctx.fixture('records.html'));
  await page.evaluate(() => Attune.ready);
  const got = await page.evaluate(async () => {
    const frame = Object.assign(document.createElement('iframe'), { srcdoc: '<div id="x"></div>' });
    await new Promise((ok) => { frame.onload = ok; document.body.append(frame); });
    const x = frame.contentDocument.querySelector('#x');
    Attune.mount(x, { widget: 'breathing' });
    const slot = document.querySelector('#slot');
    Attune.mount(slot, { widget: 'breathing' });
    await new Promise((ok) => setTimeout(ok, 300));
    Attune.registerTranslation('en', { Start: 'Go now' });
    const start = (el) => el.shadowRoot.querySelector('button[data-action="toggle"]');
    // (The messages' keys are fetched first: on a busy machine that takes more than a moment.)
    for (let i = 0; i < 100 && start(slot).textContent !== 'Go now'; i++) await new Promise((ok) => setTimeout(ok, 30));
    return {
      frameState: x.getAttribute('data-state'),
      frameStyled: frame.contentWindow.getComputedStyle(start(x)).borderRadius !== '0px',
      pageState: slot.getAttribute('data-state'),
      pageStart: start(slot).textContent,
    };
  });
  assert.deepEqual(got, { frameState: 'idle', frameStyled: true, pageState: 'idle', pageStart: 'Go now' });
  assert.deepEqual(log.errors, []);
});

// The npm package, used the way front-end developers use it. Needs the tarball from
// scripts/package.mjs (`make package`; `make test` builds it first).
//
// Each app in tests/package/ (vite/, webpack/, types/: a package.json each) is copied to
// target/package-tests/<app>/, gets the tarball installed from there (its other packages come
// from the npm registry the first time, then from node_modules and npm's cache), and is built
// with no configuration at all. The built app (tests/package/app.html and app.js: a French tag
// whose words come from a language file the bundler had to copy, and a widget mounted through
// the API) is served and opened in Chromium. Plain Node imports the package; a strict `tsc`
// compiles the typed example (types/typed.tsx) and refuses a wrong option value (types/wrong.tsx).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, button, events, foreignRequests, launch, open, waitState } from '../e2e/helpers.mjs';
import { serve } from './serve.mjs';

const HERE = join(ROOT, 'tests', 'package');
const WORK = join(ROOT, 'target', 'package-tests');
const PACKED = join(ROOT, 'target', 'package', 'packed.json');
if (!existsSync(PACKED)) throw new Error('no package: run `make package` (or node scripts/package.mjs) first');
const packed = JSON.parse(readFileSync(PACKED, 'utf8'));
const NAME = packed.name;

const run = (cwd, cmd, args) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

// The app's folder with its package.json, the package freshly installed (the rest is kept).
function prepare(app) {
  const dir = join(WORK, app);
  mkdirSync(dir, { recursive: true });
  cpSync(packed.tarball, join(WORK, 'attune.tgz'));
  for (const file of readdirSync(join(HERE, app))) cpSync(join(HERE, app, file), join(dir, file), { recursive: true });
  rmSync(join(dir, 'node_modules', ...NAME.split('/')), { recursive: true, force: true });
  run(dir, 'npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--prefer-offline', '--loglevel=error']);
  return dir;
}

const page = (script) => readFileSync(join(HERE, 'app.html'), 'utf8').replace('<!--SCRIPT-->', script);

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser?.close());

// The built app in Chromium: both widgets ready, the tag speaks French (its file found where the
// bundler put it), a breathing session starts, nothing failed and nothing left the page's origin.
async function check(dir) {
  const { server, url } = await serve(dir);
  const { context, page: tab, log } = await open(browser);
  const failed = [];
  tab.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  try {
    await tab.goto(url);
    await waitState(tab, '#tag', 'idle', 20_000);
    await waitState(tab, '#api', 'idle', 20_000);
    const french = JSON.parse(readFileSync(join(ROOT, 'locales', 'fr.json'), 'utf8')).BreathingTitle;
    await tab.waitForFunction((t) => document.querySelector('#tag').shadowRoot.textContent.includes(t), french, { timeout: 10_000 });
    assert.equal(await tab.textContent('#version'), packed.version);
    await button(tab, '#api', 'toggle').click();
    await waitState(tab, '#api', 'running');
    const started = await events(tab, 'start');
    assert.deepEqual(started.map((e) => [e.id, e.detail.widget, e.detail.pattern]), [['api', 'breathing', 'extended-exhale']]);
    assert.deepEqual(failed, []);
    assert.deepEqual(log.pageErrors, []);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(foreignRequests(log, url), []);
    assert.equal(log.requests.filter((u) => u.endsWith('.wasm')).length, 1, 'one engine download');
  } finally {
    await context.close();
    server.closeAllConnections();
    server.close();
  }
}

test('the package: its exports, files and fields are there', () => {
  const stage = join(ROOT, 'target', 'package', 'stage');
  const pkg = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8'));
  const targets = [pkg.module, pkg.types, pkg.unpkg, pkg.jsdelivr, pkg.customElements, ...pkg.sideEffects];
  for (const value of Object.values(pkg.exports)) targets.push(...(typeof value === 'string' ? [value] : Object.values(value)));
  for (const target of targets) assert.ok(existsSync(join(stage, target)), `${target} is in the package`);
  for (const file of pkg.files) assert.ok(existsSync(join(stage, file)), `${file} is in the package`);
  // What npm packs, the licence texts too (both licences ask for their text to go with the code).
  const packedFiles = run(ROOT, 'tar', ['tzf', packed.tarball]).trim().split('\n');
  for (const file of [...pkg.files, 'package.json', 'README.md']) assert.ok(packedFiles.includes(`package/${file}`), `${file} is packed`);
  for (const file of ['LICENSE-MIT', 'LICENSE-APACHE']) assert.ok(pkg.files.includes(file), `${file} is listed`);
  const cem = JSON.parse(readFileSync(join(stage, 'custom-elements.json'), 'utf8'));
  assert.match(cem.schemaVersion, /^2\./);
  const tags = cem.modules.flatMap((m) => m.declarations).filter((d) => d.customElement).map((d) => d.tagName);
  const table = JSON.parse(readFileSync(join(ROOT, 'src', 'options.json'), 'utf8'));
  assert.deepEqual(tags, Object.keys(table.widgets).map((w) => `attune-${w}`));
  // The check-in's element also fires the events of the exercise it opens inline.
  const checkIn = cem.modules.flatMap((m) => m.declarations).find((d) => d.tagName === 'attune-check-in');
  const events = Object.fromEntries(checkIn.events.map((e) => [e.name, e.type.text]));
  assert.equal(events['attune:phase'], 'CustomEvent<AttuneBreathingPhaseDetail>');
  assert.match(events['attune:complete'], /^CustomEvent<AttuneCheckInCompleteDetail \| AttuneBreathingCompleteDetail \|/);
  assert.equal(events['attune:suggest'], 'CustomEvent<AttuneCheckInSuggestDetail>');
  // A switch takes words: a tool that took it for a boolean would leave the attribute out for
  // false, and an absent switch is its default, so `rating` (on by default) could not be off.
  const rating = cem.modules.flatMap((m) => m.declarations).find((d) => d.tagName === 'attune-breathing')
    .attributes.find((a) => a.name === 'rating');
  assert.equal(rating.type.text, '"on" | "off" | ""');
});

test('TypeScript (strict): the typed example compiles, a wrong option value does not', () => {
  const dir = prepare('types');
  // As a bundler's app resolves packages, and as Node does.
  run(dir, join(dir, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json']);
  run(dir, join(dir, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.nodenext.json']);
  let out = '';
  try {
    run(dir, join(dir, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.wrong.json']);
    assert.fail('wrong.tsx compiled');
  } catch (e) {
    out = `${e.stdout || ''}${e.stderr || ''}`;
  }
  assert.match(out, /wrong\.tsx\(5,\d+\): error TS\d+/, out);
  assert.match(out, /"boxx"/, out);
});

test('custom-elements.json is valid against the Custom Elements Manifest schema', () => {
  const dir = prepare('types');
  const out = run(dir, process.execPath, ['-e', `
    const Ajv = require('ajv');
    const validate = new Ajv({ allErrors: true, strict: false }).compile(require('custom-elements-manifest/schema.json'));
    const ok = validate(require('${NAME}/custom-elements.json'));
    console.log(JSON.stringify({ ok, version: require('custom-elements-manifest/package.json').version, errors: validate.errors }));
  `]);
  const got = JSON.parse(out);
  assert.deepEqual(got.errors, null);
  assert.equal(got.ok, true);
  assert.match(got.version, /^2\./);
});

test('plain Node imports the package (server-side rendering) without throwing', () => {
  const dir = prepare('types');
  const out = run(dir, process.execPath, ['--input-type=module', '-e', `
    const m = await import('${NAME}');
    const cem = await import('${NAME}/custom-elements.json', { with: { type: 'json' } });
    let threw = '';
    try { m.mount({}, { widget: 'breathing' }); } catch (e) { threw = e.message; }
    const ready = await m.ready.then(() => 'resolved', () => 'rejected');
    // As a promise: .catch and .finally too.
    let settled = false;
    const caught = await m.ready.finally(() => { settled = true; }).catch(() => 'caught');
    // Read and never awaited (a spread, a serializer): no unhandled rejection ends the process.
    const copy = { ...m.default };
    await new Promise((ok) => setTimeout(ok, 50));
    console.log(JSON.stringify({ version: m.version, same: m.default.version, threw, ready, caught, settled, tags: cem.default.modules[0].exports.length, copied: 'ready' in copy }));
  `]);
  const got = JSON.parse(out);
  assert.equal(got.version, packed.version);
  assert.equal(got.same, packed.version);
  assert.match(got.threw, /needs a browser/);
  assert.equal(got.ready, 'rejected');
  assert.deepEqual([got.caught, got.settled], ['caught', true], 'ready has .catch and .finally');
  assert.ok(got.tags >= 7);
  assert.equal(got.copied, true);
  // A test runner's DOM (jsdom, as vitest and jest set it up): globals for a window, custom
  // elements and HTMLElement, but no IntersectionObserver. Importing there throws nothing.
  const dom = JSON.parse(run(dir, process.execPath, ['--input-type=module', '-e', `
    globalThis.window = globalThis;
    globalThis.customElements = { define() {}, get() {} };
    globalThis.HTMLElement = class {};
    const m = await import('${NAME}');
    console.log(JSON.stringify({ version: m.version }));
  `]));
  assert.equal(dom.version, packed.version);
  // A DOM with an IntersectionObserver whose user agent is `agent` (none: no navigator at all):
  // what it defined, and what mount said.
  const mocked = (agent) => JSON.parse(run(dir, process.execPath, ['--input-type=module', '-e', `
    globalThis.window = globalThis;
    const defined = [];
    globalThis.customElements = { define(name) { defined.push(name); }, get() {} };
    globalThis.HTMLElement = class {};
    globalThis.IntersectionObserver = class {};
    Object.defineProperty(globalThis, 'navigator', { value: ${JSON.stringify(agent && { userAgent: agent })} });
    const m = await import('${NAME}');
    let threw = '';
    try { m.mount({}, { widget: 'breathing' }); } catch (e) { threw = e.message; }
    console.log(JSON.stringify({ defined, threw }));
  `]));
  // happy-dom, and a jsdom whose set-up mocks IntersectionObserver, have one: still a test's DOM,
  // told by its user agent; so is a hand-made mock in Node 20 (no navigator) or later (Node's
  // own). Nothing is defined there, nothing throws on import, and mount says why.
  for (const agent of ['Mozilla/5.0 (X11; Linux x64) AppleWebKit/537.36 (KHTML, like Gecko) HappyDOM/20.0.0',
    'Mozilla/5.0 (linux) AppleWebKit/537.36 (KHTML, like Gecko) jsdom/26.1.0', 'Node.js/22', null]) {
    const got = mocked(agent);
    assert.deepEqual(got.defined, [], agent);
    assert.match(got.threw, /needs a browser/, agent);
  }
});

test('another version of Attune already on the page serves it, and the module says so once', () => {
  const dir = prepare('types');
  // Imports the module in a browser-like Node where a copy of `version` came first.
  const after = (version) => JSON.parse(run(dir, process.execPath, ['--input-type=module', '-e', `
    globalThis.window = globalThis;
    globalThis.customElements = { define() {}, get() {} };
    globalThis.HTMLElement = class {};
    globalThis.IntersectionObserver = class {};
    Object.defineProperty(globalThis, 'navigator', { value: { userAgent: 'Mozilla/5.0 Chrome/140.0' } });
    window.Attune = { [Symbol.for('attune.loader')]: true, version: '${version}', mount: () => 'the first' };
    const warned = [];
    console.warn = (...words) => warned.push(words.join(' '));
    const m = await import('${NAME}');
    console.log(JSON.stringify({ warned, mounted: m.mount({}, {}), version: m.version }));
  `]));
  const got = after('0.0.1');
  assert.equal(got.mounted, 'the first');
  assert.equal(got.version, '0.0.1');
  assert.equal(got.warned.length, 1, got.warned.join('\n'));
  assert.match(got.warned[0], new RegExp(`version 0\\.0\\.1 is already on this page.*not ${packed.version.replace(/\./g, '\\.')}`));
  // The same version (the loader of this release, or a second copy of the module) says nothing.
  assert.deepEqual(after(packed.version), { warned: [], mounted: 'the first', version: packed.version });
});

test('Vite, no configuration: the built app runs (wasm and language files copied, checked, found)', async () => {
  const dir = prepare('vite');
  writeFileSync(join(dir, 'index.html'), page('<script type="module" src="./main.js"></script>'));
  cpSync(join(HERE, 'app.js'), join(dir, 'main.js'));
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  run(dir, join(dir, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn']);
  await check(join(dir, 'dist'));
});

test('webpack 5, no configuration: the built app runs (wasm and language files copied, checked, found)', async () => {
  const dir = prepare('webpack');
  mkdirSync(join(dir, 'src'), { recursive: true });
  cpSync(join(HERE, 'app.js'), join(dir, 'src', 'index.js'));
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  run(dir, join(dir, 'node_modules', '.bin', 'webpack'), ['--mode', 'production', '--no-stats']);
  writeFileSync(join(dir, 'dist', 'index.html'), page('<script src="main.js" defer></script>'));
  await check(join(dir, 'dist'));
});

// Shared plumbing for the end-to-end tests (node:test + playwright-core + Debian's chromium).
//
//  - launch(): one chromium per test file (never `npx playwright install`: it downloads a browser).
//  - serve(): the project's own server (scripts/serve.mjs: / = www/, /dist/, /examples/) and a
//    second tiny read-only server for the test fixtures (/fixtures/ = tests/e2e/fixtures/,
//    /dist/ = dist/, and any folder a test adds with ctx.serveFolder), both on 127.0.0.1 with a
//    free port.
//  - open(): a fresh context and page that records console errors and warnings, uncaught page
//    errors, Content-Security-Policy violations and every request URL.
//  - axe(): axe-core injected from node_modules and run on the whole page (it walks open shadow
//    roots); @axe-core/playwright needs Node 22, so it is not used.
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before } from 'node:test';
import { chromium } from 'playwright-core';
import { start } from '../../scripts/serve.mjs';

// One folder for the files a test hands to a file chooser or prints, removed when the test
// process ends, so runs leave nothing in the machine's temporary folder.
let scratchDir = null;
export function scratch(name, text) {
  if (!scratchDir) {
    scratchDir = mkdtempSync(join(tmpdir(), 'attune-e2e-'));
    process.on('exit', () => rmSync(scratchDir, { recursive: true, force: true }));
  }
  const path = join(scratchDir, name);
  if (text !== undefined) writeFileSync(path, text);
  return path;
}

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = join(ROOT, 'tests', 'e2e', 'fixtures');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

// The fixture server: /fixtures/, /dist/ and the folders added with mount(prefix, dir) only,
// read-only, no escaping the folders.
function startFixtures() {
  const mounts = [['/fixtures/', FIXTURES], ['/dist/', join(ROOT, 'dist')]];
  const server = createServer(async (req, res) => {
    try {
      const { pathname } = new URL(req.url, 'http://localhost');
      if (pathname === '/favicon.ico') return res.writeHead(204).end();
      const mount = mounts.find(([p]) => pathname.startsWith(p));
      if (req.method !== 'GET' || !mount) return res.writeHead(404).end();
      const [prefix, dir] = mount;
      const file = resolve(dir, `.${sep}${decodeURIComponent(pathname.slice(prefix.length))}`);
      const real = await realpath(file);
      if (!real.startsWith((await realpath(dir)) + sep) || !(await stat(real)).isFile()) return res.writeHead(404).end();
      res.writeHead(200, {
        'Content-Type': TYPES[extname(real).toLowerCase()] || 'application/octet-stream',
        'Cache-Control': 'no-store',
      });
      createReadStream(real).pipe(res);
    } catch {
      if (!res.headersSent) res.writeHead(404);
      res.end();
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok({
      server,
      url: `http://127.0.0.1:${server.address().port}/`,
      mount: (prefix, dir) => mounts.unshift([prefix, dir]),
    }));
  });
}

// Starts both servers. `site` is scripts/serve.mjs (www/, /dist/, /examples/); `fixtures`
// serves /fixtures/ and /dist/, and `serveFolder('/prefix/', dir)` adds a folder to it (say, a
// copy of dist/ a test has changed).
export async function serve() {
  const [site, fixtures] = await Promise.all([start(0), startFixtures()]);
  return {
    site: site.url,
    fixtures: fixtures.url,
    fixture: (name) => new URL(`fixtures/${name}`, fixtures.url).href,
    serveFolder: fixtures.mount,
    example: (name) => new URL(`examples/${name}`, site.url).href,
    close: () => Promise.all([site.server, fixtures.server].map((s) => new Promise((ok) => {
      s.closeAllConnections?.();
      s.close(() => ok());
    }))),
  };
}

// Everything a page did that a test may want to assert on.
function record(page) {
  inFront(page);
  const log = { console: [], errors: [], warnings: [], pageErrors: [], requests: [] };
  page.on('console', (msg) => {
    const entry = { type: msg.type(), text: msg.text() };
    log.console.push(entry);
    if (entry.type === 'error') log.errors.push(entry.text);
    if (entry.type === 'warning') log.warnings.push(entry.text);
  });
  page.on('pageerror', (error) => log.pageErrors.push(String(error && error.stack || error)));
  page.on('request', (request) => log.requests.push(request.url()));
  return log;
}

// In the page before any of its scripts: collect CSP violations and the attune:* events seen on
// the document (they bubble and are composed, so one listener sees every widget's).
const INIT = () => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
  }, true);
  window.__events = [];
  for (const type of ['ready', 'start', 'phase', 'complete', 'error', 'entry']) {
    document.addEventListener(`attune:${type}`, (e) => {
      const host = e.composedPath()[0];
      window.__events.push({
        type: e.type,
        id: host && host.id || null,
        detail: JSON.parse(JSON.stringify(e.detail ?? null)),
        bubbles: e.bubbles,
        composed: e.composed,
        t: performance.now(),
      });
    });
  }
};

// A fresh context and page. Options: { clock: true | {time}, reducedMotion, viewport }.
export async function open(browser, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport || { width: 1000, height: 800 },
    reducedMotion: options.reducedMotion || 'no-preference',
    colorScheme: options.colorScheme || 'light',
  });
  const page = await context.newPage();
  const log = record(page);
  await page.addInitScript(INIT);
  if (options.clock) {
    await page.clock.install(options.clock === true ? {} : options.clock);
  }
  return { context, page, log };
}

// The attune:* events seen so far, optionally of one type.
export async function events(page, type) {
  const all = await page.evaluate(() => window.__events.slice());
  return type ? all.filter((e) => e.type === `attune:${type}`) : all;
}

export const cspViolations = (page) => page.evaluate(() => window.__csp.slice());

// Waits until `selector` (on the page) has data-state=`state`.
export function waitState(page, selector, state, timeout = 10_000) {
  return page.waitForFunction(
    ([sel, st]) => document.querySelector(sel)?.getAttribute('data-state') === st,
    [selector, state],
    { timeout },
  );
}

export const attr = (page, selector, name) =>
  page.evaluate(([sel, n]) => document.querySelector(sel)?.getAttribute(n) ?? null, [selector, name]);

// The text of a part inside a widget's shadow root ('' if absent).
export const partText = (page, selector, part) =>
  page.evaluate(([sel, p]) => document.querySelector(sel)?.shadowRoot?.querySelector(`[part~="${p}"]`)?.textContent ?? null, [selector, part]);

// A widget's button with data-action=`action` (and data-value=`value`), as a locator that
// pierces the open shadow root.
export function button(page, selector, action, value) {
  const v = value === undefined ? '' : `[data-value="${value}"]`;
  return page.locator(`${selector} button[data-action="${action}"]${v}`);
}

// Logs one micro-pleasure entry through the tracker's steps: suggestion `act`, "I've already
// done it", Next, Save. Returns once the widget says it is saved.
export async function logPleasure(page, selector, act) {
  const again = button(page, selector, 'again');
  if (await again.isVisible()) await again.click();
  await button(page, selector, 'act', act).click();
  await button(page, selector, 'now').click();
  await button(page, selector, 'next').click();
  await button(page, selector, 'save').click();
  await waitState(page, selector, 'done');
}

// Requests that went anywhere but the page's own origin.
export function foreignRequests(log, origin) {
  const own = new URL(origin).origin;
  return log.requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== own);
}

export const wasmRequests = (log) => log.requests.filter((u) => new URL(u).pathname.endsWith('.wasm'));

// axe-core on the whole page. Returns the violations, each reduced to id, impact and targets.
export async function axe(page, options = {}) {
  // Colours ease in over 0.2 s (a theme change, a pressed button): axe must judge the end of a
  // transition, not its first frame. Only transitions end; the breathing circle's animation never
  // does, and is left alone.
  await page.evaluate(() => {
    const roots = [document, ...[...document.querySelectorAll('*')].filter((e) => e.shadowRoot).map((e) => e.shadowRoot)];
    const nested = roots.flatMap((r) => [...r.querySelectorAll('*')].filter((e) => e.shadowRoot).map((e) => e.shadowRoot));
    const all = [...new Set([...roots, ...nested])].flatMap((r) => r.getAnimations());
    return Promise.all(all.filter((a) => a instanceof CSSTransition).map((a) => a.finished.catch(() => {})));
  });
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate((opts) => window.axe.run(document, {
    resultTypes: ['violations'],
    ...opts,
  }), options);
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => JSON.stringify(n.target) + ' ' + (n.failureSummary || '').replace(/\s+/g, ' ')),
  }));
}

// The breathing schedule of a four-part pattern, to compute what the pacer must show at any
// instant without asking the product: [['inhale', 4000], ['hold-in', 4000], ...].
export function phaseAt(segments, elapsedMs) {
  const parts = segments.filter(([, ms]) => ms > 0);
  const cycle = parts.reduce((sum, [, ms]) => sum + ms, 0);
  let t = elapsedMs % cycle;
  for (const [phase, ms] of parts) {
    if (t < ms) return { phase, leftMs: ms - t, intoMs: t };
    t -= ms;
  }
  return { phase: parts[0][0], leftMs: parts[0][1], intoMs: 0 };
}

export const BOX = [['inhale', 4000], ['hold-in', 4000], ['exhale', 4000], ['hold-out', 4000]];

// One browser and one pair of servers per test file; every page opened through `ctx.open` is
// checked after its test: no request left 127.0.0.1's page origin, no uncaught page error (a
// Rust panic would surface as one). Usage:
//   const ctx = useBrowser();
//   test('...', async () => { const { page, log } = await ctx.open(ctx.fixture('x.html')); });
export function useBrowser(launchArgs = []) {
  const ctx = { browser: null, server: null, opened: [] };
  before(async () => {
    [ctx.browser, ctx.server] = await Promise.all([launch(launchArgs), serve()]);
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.close();
  });
  afterEach(async () => {
    const opened = ctx.opened.splice(0);
    const problems = [];
    for (const { context, log, origin } of opened) {
      const foreign = foreignRequests(log, origin);
      if (foreign.length) problems.push(`requests left ${origin}: ${foreign.join(', ')}`);
      if (log.pageErrors.length) problems.push(`uncaught page errors: ${log.pageErrors.join(' | ')}`);
      await context.close().catch(() => {});
    }
    if (problems.length) throw new Error(problems.join('\n'));
  });
  ctx.fixture = (name) => ctx.server.fixture(name);
  ctx.example = (name) => ctx.server.example(name);
  ctx.serveFolder = (prefix, dir) => ctx.server.serveFolder(prefix, dir);
  // Opens `url` in a fresh context (options as for open(); `goto: false` to only prepare).
  ctx.open = async (url, options = {}) => {
    const opened = await open(ctx.browser, options);
    ctx.opened.push({ ...opened, origin: url });
    if (options.goto !== false) await opened.page.goto(url);
    return opened;
  };
  return ctx;
}

// Stops a fake clock (installed with open(..., { clock: true })) a few seconds ahead: from then
// on time moves only through page.clock.runFor / fastForward. The margin keeps pauseAt from
// landing in the past on a slow machine.
export async function pauseClock(page) {
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 5000);
}

// Also records these attune:* event types (for example 'step', 'suggest') in the same list as
// the others, so events(page, 'step') finds them. Call before page.goto.
export function listenFor(page, types) {
  return page.addInitScript((list) => {
    for (const type of list) {
      document.addEventListener(`attune:${type}`, (e) => {
        const host = e.composedPath()[0];
        window.__events.push({
          type: e.type,
          id: host && host.id || null,
          detail: JSON.parse(JSON.stringify(e.detail ?? null)),
          bubbles: e.bubbles,
          composed: e.composed,
          t: performance.now(),
        });
      });
    }
  }, types);
}

// The element that really has the focus, through open shadow roots (nested ones too), and how
// it looks: { where (the outermost widget host's id, or 'page' / 'body'), tag, action, value,
// text, focusVisible, outline, onScreen }.
export function deepFocus(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    let host = null;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) {
      host = host || el;
      el = el.shadowRoot.activeElement;
    }
    if (!el || el === document.body) return { where: 'body' };
    const style = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return {
      where: host ? host.id : 'page',
      tag: el.tagName.toLowerCase(),
      action: el.getAttribute('data-action'),
      value: el.getAttribute('data-value'),
      checked: el.checked,
      part: el.getAttribute('part'),
      text: el.textContent.trim(),
      focusVisible: el.matches(':focus-visible'),
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
      onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight,
    };
  });
}

// The session records kept in localStorage under the default namespace (an empty list if none).
// Makes the page look hidden to its scripts (another tab in front, or the tab closing), or
// visible again, and tells them: `visibilitychange`.
export const setHidden = (page, hidden) => page.evaluate((h) => {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
  // It bubbles, as a browser's does, so listeners on the window hear it too.
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
}, hidden);

export const storedSessions = async (page, namespace = 'attune') => {
  await settled(page);
  return page.evaluate((ns) => JSON.parse(localStorage.getItem(`attune.${ns}.sessions`) || '{"items":[]}').items, namespace);
};

// --- For the record-keeping widgets (pleasure, plan) ---

// Opens a widget's "Your records" panel, if it is closed (`#p`: the tracker of the fixtures).
export async function openData(page, sel = '#p') {
  const details = page.locator(`${sel} details.data`);
  if (!(await details.evaluate((d) => d.open))) await page.locator(`${sel} details.data > summary`).click();
}

// "Delete everything" from a widget's records panel, confirmed.
export async function deleteAll(page, sel = '#p') {
  await openData(page, sel);
  await button(page, sel, 'delete').click();
  await button(page, sel, 'delete-yes').click();
}

// A fresh context with any Playwright context options (timezoneId, viewport, colorScheme,
// acceptDownloads...), its first page recorded and checked like ctx.open's. Returns
// { context, page, log }. `options.clock` installs the fake clock; `goto: false` only prepares.
export async function openWith(ctx, url, contextOptions = {}, options = {}) {
  const context = await ctx.browser.newContext({
    viewport: { width: 1000, height: 800 },
    reducedMotion: 'no-preference',
    colorScheme: 'light',
    ...contextOptions,
  });
  const page = await context.newPage();
  const log = record(page);
  await page.addInitScript(INIT);
  if (options.clock) await page.clock.install(options.clock === true ? {} : options.clock);
  ctx.opened.push({ context, log, origin: url });
  if (options.goto !== false) await page.goto(url);
  return { context, page, log };
}

// With two tabs or more, an action on an element first brings its tab to the front, as a
// visitor's would: headless Chromium draws a tab behind another about once a second after it
// is clicked, and each later click there waited 2 s for its button to stand still (Playwright's
// check). Both tabs stay visible to their pages (no visibilitychange). Set up with the first
// page a test file opens, for every page after it.
let actInFront = false;
function inFront(page) {
  if (actInFront) return;
  actInFront = true;
  const locator = Object.getPrototypeOf(page.locator('body'));
  for (const name of ['click', 'dblclick', 'tap', 'hover', 'fill', 'type', 'pressSequentially', 'press', 'check',
    'uncheck', 'selectOption', 'selectText', 'setInputFiles', 'dragTo', 'focus']) {
    const act = locator[name];
    if (typeof act !== 'function') continue;
    locator[name] = async function (...args) {
      const tab = this.page();
      if (tab.context().pages().length > 1) await tab.bringToFront();
      return act.apply(this, args);
    };
  }
}

// Another tab in the same context (shares its storage), recorded and checked too.
export async function newTab(ctx, context, url) {
  const page = await context.newPage();
  const log = record(page);
  await page.addInitScript(INIT);
  ctx.opened.push({ context, log, origin: url });
  if (url) await page.goto(url);
  return { page, log };
}

// The text of the first element matching `css` inside a widget's shadow root ('' if none).
/** The headings a screen reader lists, as "level name", from the browser's accessibility
 * tree (through shadow roots; hidden ones left out). */
export async function headings(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  return nodes.filter((n) => n.role?.value === 'heading' && !n.ignored)
    .map((n) => `${n.properties.find((p) => p.name === 'level')?.value.value} ${n.name?.value}`);
}

/** What a screen reader hears on the focused element, from the accessibility tree: its role,
 * name and description, and the named regions and groups it is in ("role name", innermost
 * first), which a screen reader says as the focus enters them. */
export async function focusedSpeech(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  // (The page itself counts as focused too, whatever has the focus inside it.)
  const n = nodes.find((x) => x.role?.value !== 'RootWebArea' && x.properties?.some((p) => p.name === 'focused' && p.value.value));
  if (!n) return n;
  const byId = new Map(nodes.map((x) => [x.nodeId, x]));
  const within = [];
  for (let up = byId.get(n.parentId); up; up = byId.get(up.parentId)) {
    if (['region', 'group', 'radiogroup', 'form', 'dialog'].includes(up.role?.value) && up.name?.value) within.push(`${up.role.value} ${up.name.value}`);
  }
  return { role: n.role?.value, name: n.name?.value, description: n.description?.value, within };
}

export const shadowText = (page, selector, css) =>
  page.evaluate(([sel, c]) => document.querySelector(sel)?.shadowRoot?.querySelector(c)?.textContent ?? '', [selector, css]);

// The texts of every element matching `css` inside a widget's shadow root.
export const shadowTexts = (page, selector, css) =>
  page.evaluate(([sel, c]) => [...(document.querySelector(sel)?.shadowRoot?.querySelectorAll(c) ?? [])].map((e) => e.textContent), [selector, css]);

// Waits until every Web Lock the page's origin holds or waits for has been released: writes
// of the visitor's records run under the namespace's lock, a moment after the click. Each round
// first lets the page's tasks already queued run (through messages, which a fake clock does not
// hold back; a timer it holds is not waited for), so a write such a task asks for is not
// missed. A lock the test itself holds is waited for too: release it first.
export const settled = (page) => page.evaluate(async () => {
  if (!navigator.locks) return;
  const tasks = (n) => new Promise((done) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => (--n > 0 ? port2.postMessage(0) : (port1.close(), done()));
    port2.postMessage(0);
  });
  for (let round = 0; round < 10; round++) {
    await tasks(3);
    const q = await navigator.locks.query();
    const names = new Set([...q.held, ...q.pending].map((l) => l.name));
    if (!names.size) return;
    for (const name of names) await navigator.locks.request(name, () => {});
  }
});

// Takes a lock in the page, as another tab's slow write would, and returns once it is held, so
// what the test does next happens while it is; `window.release()` in the page lets it go.
export const takeLock = (page, name = 'attune:attune') => page.evaluate((n) => new Promise((held) => {
  navigator.locks.request(n, () => {
    held();
    return new Promise((r) => { window.release = r; });
  });
}), name);

// What is stored under `key` in localStorage once pending writes have landed: the raw text and
// its parsed JSON (null if absent).
export const stored = async (page, key) => {
  await settled(page);
  return page.evaluate(readStored, key);
};

const readStored = (k) => {
  const raw = localStorage.getItem(k);
  let json = null;
  try { json = raw === null ? null : JSON.parse(raw); } catch { json = undefined; }
  return { raw, json };
};

// The element that has focus inside a widget's shadow root, described for assertions.
export const focused = (page, selector) => page.evaluate((sel) => {
  const a = document.querySelector(sel)?.shadowRoot?.activeElement;
  return a ? { tag: a.tagName.toLowerCase(), action: a.getAttribute('data-action'), value: a.getAttribute('data-value'), id: a.id, text: a.textContent } : null;
}, selector);

// What `read()` finds while the mouse holds `locator` down (after the colour transition), the
// mouse then moved away and let go.
export async function whileHeld(page, locator, read) {
  const box = await locator.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(300);
  const found = await read();
  await page.mouse.move(0, 0);
  await page.mouse.up();
  return found;
}

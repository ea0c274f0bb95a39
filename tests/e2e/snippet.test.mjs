// The snippet builder (www/snippet.html): it offers exactly the option table's values, writes a
// snippet that works as pasted (integrity and all), shows the widget live, is usable with the
// keyboard alone, and axe finds nothing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, axe, openWith, useBrowser, waitState } from './helpers.mjs';

const ctx = useBrowser();
const table = JSON.parse(readFileSync(join(ROOT, 'src', 'options.json'), 'utf8'));
const manifest = () => JSON.parse(readFileSync(join(ROOT, 'dist', 'manifest.json'), 'utf8'));
const builder = () => new URL('snippet.html', ctx.server.site).href;

async function openBuilder(options = {}) {
  const opened = await openWith(ctx, builder(), { permissions: ['clipboard-read', 'clipboard-write'], ...options });
  await opened.page.waitForFunction(() => document.querySelector('#preview [data-state="idle"]'), null, { timeout: 15_000 });
  return opened;
}

const snippet = (page) => page.inputValue('#snippet');
const optionValues = (page, id) => page.$$eval(`#${id} option`, (os) => os.map((o) => o.value));

test('it offers each widget\'s options from the table, and only the values the table allows', async () => {
  const { page } = await openBuilder();
  for (const widget of Object.keys(table.widgets)) {
    await page.check(`#widget-${widget}`);
    const own = await page.$$eval('#own > [data-option]', (els) => els.map((e) => e.getAttribute('data-option')));
    assert.deepEqual(own, table.widgets[widget].options, widget);
    await waitState(page, `#preview attune-${widget}`, 'idle');
  }
  const common = await page.$$eval('#common > [data-option]', (els) => els.map((e) => e.getAttribute('data-option')));
  assert.deepEqual(common, table.common.options);
  await page.check('#widget-breathing');
  assert.deepEqual(await optionValues(page, 'opt-pattern'), ['', ...table.options.pattern.values, 'custom']);
  assert.deepEqual(await optionValues(page, 'opt-theme'), ['', ...table.options.theme.values]);
  assert.deepEqual(await optionValues(page, 'opt-lang'), ['', ...table.options.lang.values]);
  assert.match(await page.textContent('#opt-theme option[value=""]'), /Follow the page's colours/);
  const minutes = await page.$eval('#opt-minutes', (i) => [i.min, i.max]);
  assert.deepEqual(minutes.map(Number), [table.options.minutes.min, table.options.minutes.max]);
});

test('the snippet carries the loader\'s integrity hash and works as pasted', async () => {
  const { page } = await openBuilder();
  await page.selectOption('#opt-pattern', 'box');
  await page.fill('#opt-minutes', '2');
  await page.fill('#where', '/attune/');
  const text = await snippet(page);
  assert.ok(text.includes(`integrity="${manifest().loader.integrity}"`), text);
  assert.match(text, /^<script src="\/attune\/attune\.js" integrity="sha384-[^"]+" crossorigin="anonymous" defer><\/script>\n<attune-breathing pattern="box" minutes="2"><\/attune-breathing>\n$/);

  // Pasted into a page of a site that uploaded dist/ as /attune/.
  ctx.serveFolder('/attune/', join(ROOT, 'dist'));
  const { page: site } = await ctx.open(ctx.fixture('pasted.html'), { goto: false });
  await site.route('**/fixtures/pasted.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><title>Pasted</title><main>${text}</main>` }));
  await site.goto(ctx.fixture('pasted.html'));
  await waitState(site, 'attune-breathing', 'idle');

  // The ready-made dist/snippet.txt, as pasted: its address starts at the site's root (one with
  // the site's name would be another origin where the site opens with or without `www.`).
  const ready = readFileSync(join(ROOT, 'dist', 'snippet.txt'), 'utf8');
  assert.match(ready, /\n<script src="\/attune\/attune\.js" integrity="sha384-[^"]+" crossorigin="anonymous" defer><\/script>\n/);
  await site.route('**/fixtures/pasted.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><title>Pasted</title><main>${ready}</main>` }));
  await site.reload();
  await waitState(site, 'attune-breathing[pattern="4-7-8"]', 'idle');

  // The placeholder form, for site builders that drop unknown tags.
  await page.check('input[name="form"][value="div"]');
  assert.match(await snippet(page), /\n<div data-attune="breathing" data-pattern="box" data-minutes="2"><\/div>\n$/);
  await waitState(page, '#preview [data-attune="breathing"]', 'idle');
});

test('a value out of range is marked and left out; minutes and breaths exclude each other; bpm only with resonance', async () => {
  const { page } = await openBuilder();
  await page.fill('#opt-minutes', '500');
  assert.equal(await page.getAttribute('#opt-minutes', 'aria-invalid'), 'true');
  assert.match(await page.textContent('#opt-minutes-error'), /0\.5 to 120/);
  assert.doesNotMatch(await snippet(page), /minutes=/);
  assert.match(await page.textContent('#copied'), /left out/);
  await page.fill('#opt-minutes', '2.5');
  assert.match(await snippet(page), /<attune-breathing minutes="2.5">/);
  assert.equal(await page.isDisabled('#opt-breaths'), true);
  assert.equal(await page.isDisabled('#opt-bpm'), false, 'resonance is the default pattern');
  await page.selectOption('#opt-pattern', '4-7-8');
  assert.equal(await page.isDisabled('#opt-bpm'), true);
  await page.selectOption('#opt-pattern', 'custom');
  await page.fill('#opt-pattern-2', '7');
  assert.match(await snippet(page), /pattern="4-0-7-0"/);
  await page.fill('#opt-pattern-2', '0');
  assert.match(await page.textContent('#opt-pattern-error'), /at least 0\.5/);
  await page.fill('#opt-pattern-2', '5.5');
  await page.click('summary');
  await page.fill('#opt-support-href', 'javascript:alert(1)');
  assert.equal(await page.getAttribute('#opt-support-href', 'aria-invalid'), 'true');
  await page.fill('#opt-support-href', 'tel:+15550100');
  await page.fill('#opt-support-text', 'Call us: "555 0100" <now> & then');
  assert.match(await snippet(page), /support-text="Call us: &quot;555 0100&quot; &lt;now> &amp; then" support-href="tel:\+15550100"/);
  await waitState(page, '#preview attune-breathing', 'idle');
});

test('an address of the dist folder that is not one: no snippet with another address, and Copy says to fix it first', async () => {
  const { page } = await openBuilder();
  await page.evaluate(() => navigator.clipboard.writeText('on the clipboard before'));
  await page.fill('#where', 'www.example.com/attune');
  assert.equal(await page.getAttribute('#where', 'aria-invalid'), 'true');
  assert.match(await page.textContent('#where-error'), /https:\/\//);
  const shown = await snippet(page);
  assert.doesNotMatch(shown, /src=/, 'no snippet with the default (or any other) address');
  assert.doesNotMatch(shown, /<script|<attune-/);
  assert.match(await page.textContent('#copied'), /^Fix the address of the dist folder/);
  await page.click('#copy');
  assert.match(await page.textContent('#copied'), /^Not copied\. Fix the address/);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'on the clipboard before');

  // Nor an address with no host, a query or fragment (attune.js would follow it), the file, or
  // another site's address written like a path.
  for (const bad of ['https://', 'http://', 'https:///attune', 'https://example.com/attune?v=2', 'https://example.com/attune#x', '/attune/attune.js', '//evil.example/attune/', '/\\evil.example/attune/']) {
    await page.fill('#where', bad);
    assert.equal(await page.getAttribute('#where', 'aria-invalid'), 'true', bad);
    assert.doesNotMatch(await snippet(page), /src=/, bad);
  }
  await page.fill('#where', 'https://www.example.com/attune');
  assert.equal(await page.getAttribute('#where', 'aria-invalid'), 'false');
  const text = await snippet(page);
  assert.match(text, /^<script src="https:\/\/www\.example\.com\/attune\/attune\.js" integrity=/);
  assert.equal(await page.textContent('#copied'), '');
  await page.click('#copy');
  await page.waitForFunction(() => document.querySelector('#copied').textContent === 'Copied.');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
  await waitState(page, '#preview attune-breathing', 'idle');
});

test('after switching exercise, the status speaks only of the options shown', async () => {
  const { page } = await openBuilder();
  await page.fill('#opt-minutes', '999');
  assert.match(await page.textContent('#copied'), /left out/);
  await page.check('#widget-grounding');
  assert.equal(await page.$('#opt-minutes'), null);
  assert.equal(await page.textContent('#copied'), '', 'no option of the scan is marked');
  // Back to the pacer: its minutes field is empty (the default), unmarked, and nothing is left out.
  await page.check('#widget-breathing');
  assert.equal(await page.inputValue('#opt-minutes'), '');
  assert.notEqual(await page.getAttribute('#opt-minutes', 'aria-invalid'), 'true');
  assert.equal(await page.textContent('#copied'), '');
  // An option switched off by another choice is not in the snippet, and not warned about.
  await page.fill('#opt-bpm', '12');
  assert.match(await page.textContent('#copied'), /left out/);
  await page.selectOption('#opt-pattern', 'box');
  assert.equal(await page.isDisabled('#opt-bpm'), true);
  assert.equal(await page.textContent('#copied'), '');
  await page.selectOption('#opt-pattern', '');
  // A marked common option (shown with every exercise) still counts after a switch.
  await page.click('summary');
  await page.fill('#opt-support-href', 'javascript:alert(1)');
  await page.check('#widget-grounding');
  assert.match(await page.textContent('#copied'), /left out/);
  await waitState(page, '#preview attune-grounding', 'idle');
});

test('keyboard only: choose a widget, set an option, copy the snippet', async () => {
  const { page } = await openBuilder();
  const focused = () => page.evaluate(() => document.activeElement && (document.activeElement.id || document.activeElement.tagName));
  const tabTo = async (id) => {
    for (let i = 0; i < 40 && (await focused()) !== id; i++) await page.keyboard.press('Tab');
    assert.equal(await focused(), id);
  };
  await tabTo('widget-breathing');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.isChecked('#widget-grounding'), true);
  await waitState(page, '#preview attune-grounding', 'idle');
  await tabTo('opt-mode');
  await page.keyboard.press('ArrowDown'); // "Default: tap" -> "tap"
  await page.keyboard.press('ArrowDown'); // -> "write"
  await tabTo('opt-rating');
  await page.keyboard.press('Space');
  const text = await snippet(page);
  assert.match(text, /<attune-grounding mode="write" rating="off"><\/attune-grounding>/);
  await tabTo('copy');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#copied').textContent === 'Copied.');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
  const outline = await page.$eval('#copy', (b) => getComputedStyle(b).outlineStyle);
  assert.notEqual(outline, 'none', 'the focus is visible');
});

test('axe finds nothing, with the live preview and every option shown', async () => {
  const { page } = await openBuilder();
  await page.click('summary');
  await page.selectOption('#opt-pattern', 'custom');
  await page.fill('#opt-minutes', '999');
  assert.deepEqual(await axe(page), []);
  await page.check('#widget-plan');
  await waitState(page, '#preview attune-plan', 'idle');
  assert.deepEqual(await axe(page), []);
});

test('opened from a file, it still writes the snippet, and says why there is no preview', async () => {
  // As in the release archive: snippet.html, snippet.js, snippet.css next to dist/.
  const { mkdtempSync, cpSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'attune-snippet-'));
  try {
    for (const f of ['snippet.html', 'snippet.js', 'snippet.css']) cpSync(join(ROOT, 'www', f), join(dir, f));
    cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
    const context = await ctx.browser.newContext();
    const page = await context.newPage();
    await page.goto(`file://${join(dir, 'snippet.html')}`);
    await page.waitForFunction(() => document.querySelector('#snippet').value.includes('<attune-breathing'));
    await page.waitForFunction(() => /web server/.test(document.querySelector('#preview-note').textContent));
    await page.check('#widget-body-scan');
    assert.match(await snippet(page), /<attune-body-scan><\/attune-body-scan>/);
    await context.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// `make release`: the archive for site owners. Built twice into a temporary folder (the same
// sources give the same bytes), tested with `unzip -t`, unpacked, and served as a site owner's
// upload would be: the snippet builder shows its live preview from the archive's dist/, and the
// guide carries this version's snippet and passes axe.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ROOT, axe, launch, open, waitState } from '../e2e/helpers.mjs';
import { serve } from './serve.mjs';

const manifest = JSON.parse(readFileSync(join(ROOT, 'dist', 'manifest.json'), 'utf8'));
const name = `attune-${manifest.version}`;
const work = mkdtempSync(join(tmpdir(), 'attune-release-'));
after(() => rmSync(work, { recursive: true, force: true }));

const release = (out) => execFileSync(process.execPath, [join(ROOT, 'scripts', 'release.mjs'), '--out', out], { encoding: 'utf8' });

test('the archive: reproducible, sound, holding dist/, the snippet builder, the guide and the licence', () => {
  // Cargo's own build folder is left as it is (emptying it made every later build start afresh).
  const cargo = join(ROOT, 'target', 'release');
  mkdirSync(cargo, { recursive: true });
  const probe = join(cargo, '.attune-release-probe');
  writeFileSync(probe, '');
  release(join(work, 'a'));
  assert.ok(existsSync(probe), 'target/release is left as it is');
  rmSync(probe);
  release(join(work, 'b'));
  const a = readFileSync(join(work, 'a', `${name}.zip`));
  assert.ok(a.equals(readFileSync(join(work, 'b', `${name}.zip`))), 'two builds, the same bytes');
  const zip = join(work, 'a', `${name}.zip`);
  assert.match(execFileSync('unzip', ['-t', zip], { encoding: 'utf8' }), /No errors detected/);
  const listed = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).trim().split('\n');
  const want = ['guide.html', 'snippet.html', 'snippet.js', 'snippet.css', 'LICENSE-MIT', 'LICENSE-APACHE',
    'dist/attune.js', 'dist/attune.mjs', 'dist/snippet.txt', 'dist/options.js', 'dist/manifest.json',
    `dist/${manifest.glue.file}`, `dist/${manifest.wasm.file}`, ...Object.values(manifest.locales).map((l) => `dist/${l.file}`), `dist/${manifest.keys.file}`];
  assert.deepEqual([...listed].sort(), want.map((f) => `${name}/${f}`).sort());
  execFileSync('unzip', ['-q', zip, '-d', join(work, 'site')]);
});

test('unpacked and served: the snippet builder previews from the archive\'s dist/; the guide has this version\'s snippet', async () => {
  const site = await serve(join(work, 'site'));
  const browser = await launch();
  try {
    const { page, log } = await open(browser);
    await page.goto(`${site.url}${name}/snippet.html`);
    await waitState(page, '#preview attune-breathing', 'idle', 20_000);
    assert.match(await page.inputValue('#snippet'), new RegExp(`integrity="${manifest.loader.integrity.replace(/[+/]/g, '\\$&')}"`));
    await page.goto(`${site.url}${name}/guide.html`);
    const text = await page.textContent('main');
    assert.ok(text.includes(manifest.loader.integrity), 'the guide shows this version\'s integrity value');
    assert.ok(text.includes(`${name}.zip`));
    assert.doesNotMatch(text, /VERSION|sha384-…/);
    for (const heading of ['WordPress', 'Squarespace', 'Plain HTML', 'Content-Security-Policy']) assert.match(text, new RegExp(heading));
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(log.pageErrors, []);
  } finally {
    await browser.close();
    site.close();
  }
});

test('the guide shows the doc\'s pipe tables as tables, not as a run of pipes, and a narrow screen scrolls only the table', async () => {
  // The doc's tables, as written: a header row with the |---| row under it.
  const doc = readFileSync(join(ROOT, 'docs', 'site-owners.md'), 'utf8').split('\n');
  const heads = doc.flatMap((line, i) => (/^\s*\|?\s*:?-{3,}:?\s*\|/.test(doc[i + 1] || '') ? [line.split('|').map((c) => c.trim()).filter(Boolean)[0]] : []));
  assert.ok(heads.length > 0, 'docs/site-owners.md has a table (the heights of the exercises)');
  const site = await serve(join(work, 'site'));
  const browser = await launch();
  try {
    const { page, log } = await open(browser, { viewport: { width: 360, height: 740 } });
    await page.goto(`${site.url}${name}/guide.html`);
    const tables = await page.$$eval('main table', (ts) => ts.map((t) => ({
      first: t.querySelector('thead th')?.textContent.trim(),
      rows: t.querySelectorAll('tbody tr').length,
    })));
    assert.deepEqual(tables.map((t) => t.first), heads.map((h) => h.replace(/`/g, '')));
    assert.ok(tables.every((t) => t.rows > 0), 'each table has its body rows');
    const lines = (await page.innerText('main')).split('\n').map((l) => l.trim());
    assert.deepEqual(lines.filter((l) => l.startsWith('| ') || l.includes('| --- |')), []);
    // The page itself does not scroll sideways on a phone; a wide table scrolls in its frame.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scroll of the page');
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(log.pageErrors, []);
  } finally {
    await browser.close();
    site.close();
  }
});

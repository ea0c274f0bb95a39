#!/usr/bin/env node
// Builds the archive for site owners from dist/ (run scripts/dist.mjs first):
//
//   attune-<version>.zip            (in the repository's root, or --out DIR)
//     attune-<version>/dist/        the folder to upload
//     attune-<version>/snippet.html the snippet builder (with snippet.js and snippet.css)
//     attune-<version>/guide.html   docs/site-owners.md, as a page
//     attune-<version>/LICENSE-MIT, LICENSE-APACHE
//
// Every file gets the time of the last commit, and the archive lists them in order, so the same
// sources give the same archive, byte for byte. Needs `zip` (scripts/setup.sh installs it).
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');

function die(message) {
  console.error(`release: ${message}`);
  process.exit(1);
}

const at = process.argv.indexOf('--out');
const OUT = at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]) : ROOT;
if (!existsSync(join(DIST, 'manifest.json'))) die('dist/ is not built: run `make dist` first');
try {
  execFileSync('zip', ['-v'], { stdio: 'ignore' });
} catch {
  die('`zip` is missing: run scripts/setup.sh (it installs it)');
}
const { version, loader } = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));
const name = `attune-${version}`;
// Not target/release: that is Cargo's own build folder, which emptying would make every later
// build start from nothing.
const STAGE = join(ROOT, 'target', 'release-archive');
const top = join(STAGE, name);

// --- The guide: the few Markdown forms docs/site-owners.md uses, as HTML ---

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function inline(text) {
  // Code spans first, kept aside so nothing inside them is read as emphasis or a link.
  const codes = [];
  let out = escape(text).replace(/`([^`]+)`/g, (_, code) => {
    codes.push(`<code>${code}</code>`);
    return `\u0000${codes.length - 1}\u0000`;
  });
  out = out.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  out = out.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, words, href) => `<a href="${href}">${words}</a>`);
  return out.replace(/\u0000(\d+)\u0000/g, (_, i) => codes[Number(i)]);
}

// A GitHub-style pipe table: the cells of one row (outer pipes optional, \| for a pipe in a cell).
function cells(line) {
  let row = line.trim();
  if (row.startsWith('|')) row = row.slice(1);
  if (row.endsWith('|') && !row.endsWith('\\|')) row = row.slice(0, -1);
  return row.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

// The row under a table's header: a dash run per column, with a colon for its alignment, and
// at least one pipe (a lone `---` is not a table).
const delimiterRow = (line) => line.includes('|') && /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(line);

// What a cell says, without its Markdown, for an accessible name.
const plain = (text) => text.replace(/`([^`]+)`/g, '$1').replace(/\*\*([^*]+)\*\*/g, '$1').replace(/\[([^\]]+)\]\([^)\s]+\)/g, '$1');

function table(header, delimiter, rows) {
  const align = cells(delimiter).map((d) => {
    if (d.startsWith(':') && d.endsWith(':')) return 'center';
    if (d.endsWith(':')) return 'right';
    return d.startsWith(':') ? 'left' : '';
  });
  const heads = cells(header);
  const cell = (tag, text, i) => `<${tag}${align[i] ? ` style="text-align: ${align[i]}"` : ''}>${inline(text)}</${tag}>`;
  // Body rows take the header's number of cells: missing ones are empty, extra ones dropped.
  const row = (texts, tag) => `<tr>${heads.map((_, i) => cell(tag, texts[i] || '', i)).join('')}</tr>`;
  // The frame scrolls sideways on a narrow screen, so it can take the focus (for the keyboard)
  // and has a name (for screen readers).
  return [
    `<div class="table-scroll" role="region" tabindex="0" aria-label="${escape(`Table: ${heads.map(plain).join(', ')}`)}">`,
    '<table>',
    `<thead>${row(heads, 'th')}</thead>`,
    '<tbody>',
    ...rows.map((r) => row(cells(r), 'td')),
    '</tbody>',
    '</table>',
    '</div>',
  ].join('\n');
}

function markdown(source) {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  const html = [];
  let para = [];
  let list = null; // 'ul' | 'ol'
  let item = null;
  const flushPara = () => {
    if (para.length) html.push(`<p>${inline(para.join(' '))}</p>`);
    para = [];
  };
  const flushItem = () => {
    if (item !== null) html.push(`<li>${inline(item)}</li>`);
    item = null;
  };
  const flushList = () => {
    flushItem();
    if (list) html.push(`</${list}>`);
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = line.match(/^```(\w*)\s*$/);
    if (fence) {
      flushPara();
      flushList();
      const code = [];
      for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) code.push(lines[i]);
      html.push(`<pre><code>${escape(code.join('\n'))}</code></pre>`);
      continue;
    }
    if (line.includes('|') && delimiterRow(lines[i + 1] || '') && cells(line).length === cells(lines[i + 1]).length) {
      flushPara();
      flushList();
      const delimiter = lines[i + 1];
      const rows = [];
      // The table ends at a blank line, or a line without a pipe.
      for (i += 2; i < lines.length && lines[i].trim() && lines[i].includes('|'); i++) rows.push(lines[i]);
      i--;
      html.push(table(line, delimiter, rows));
      continue;
    }
    const heading = line.match(/^(#{1,4})\s+(.*)$/);
    const bullet = line.match(/^(\s*)(-|\d+\.)\s+(.*)$/);
    if (heading) {
      flushPara();
      flushList();
      const level = heading[1].length;
      html.push(`<h${level}>${inline(heading[2])}</h${level}>`);
    } else if (bullet && !bullet[1]) {
      flushPara();
      const kind = bullet[2] === '-' ? 'ul' : 'ol';
      if (list !== kind) {
        flushList();
        html.push(`<${kind}>`);
        list = kind;
      }
      flushItem();
      item = bullet[3];
    } else if (!line.trim()) {
      flushPara();
      flushItem();
      // A list goes on after a blank line only with another item.
      if (list && !(lines[i + 1] || '').match(/^(-|\d+\.)\s/)) flushList();
    } else if (item !== null && /^\s+\S/.test(line)) {
      item += ` ${line.trim()}`;
    } else {
      flushList();
      para.push(line.trim());
    }
  }
  flushPara();
  flushList();
  return html.join('\n');
}

function guide() {
  const source = readFileSync(join(ROOT, 'docs', 'site-owners.md'), 'utf8')
    .replaceAll('attune-VERSION.zip', `${name}.zip`)
    .replaceAll('@VERSION', `@${version}`)
    .replaceAll('integrity="sha384-…"', `integrity="${loader.integrity}"`);
  const title = source.match(/^# (.*)$/m)[1];
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Attune ${version}: ${escape(title)}</title>
  <link rel="stylesheet" href="snippet.css">
</head>
<body>
<main class="guide">
${markdown(source)}
</main>
</body>
</html>
`;
}

// --- The folder, then the archive ---

rmSync(STAGE, { recursive: true, force: true });
mkdirSync(top, { recursive: true });
cpSync(DIST, join(top, 'dist'), { recursive: true });
for (const file of ['snippet.html', 'snippet.js', 'snippet.css']) copyFileSync(join(ROOT, 'www', file), join(top, file));
for (const file of ['LICENSE-MIT', 'LICENSE-APACHE']) copyFileSync(join(ROOT, file), join(top, file));
writeFileSync(join(top, 'guide.html'), guide());

function walk(dir) {
  return readdirSync(dir).sort().flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? [path, ...walk(path)] : [path];
  });
}
let when = Number(process.env.SOURCE_DATE_EPOCH);
if (!when) {
  try {
    when = Number(execFileSync('git', ['log', '-1', '--format=%ct'], { cwd: ROOT, encoding: 'utf8' }).trim());
  } catch {
    when = Math.floor(Date.now() / 1000);
  }
}
const entries = [top, ...walk(top)];
for (const path of entries) utimesSync(path, when, when);

mkdirSync(OUT, { recursive: true });
const zip = join(OUT, `${name}.zip`);
rmSync(zip, { force: true });
// -X: no extra attributes (owners, exact times), -D: no directory entries, names from stdin in order.
execFileSync('zip', ['-X', '-D', '-9', '-q', zip, '-@'], {
  cwd: STAGE,
  input: entries.filter((p) => statSync(p).isFile()).map((p) => relative(STAGE, p)).join('\n'),
  env: { ...process.env, TZ: 'UTC' },
});
const size = statSync(zip).size;
console.log(`release: ${zip}`);
console.log(`  ${(size / 1024).toFixed(1)} KB, ${entries.filter((p) => statSync(p).isFile()).length} files (upload ${name}/dist/, open ${name}/snippet.html)`);

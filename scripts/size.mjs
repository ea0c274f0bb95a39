#!/usr/bin/env node
// Where the engine's bytes go, by module: a release build that keeps its names
// (`wasm-bindgen --keep-debug`, then wasm-opt with the shipped build's arguments from Cargo.toml
// and `--debuginfo`, so the name section is kept), read with `twiggy top`, summed by the module
// each function comes from.
// The name section itself is not shipped and is left out of the table.
//
//   node scripts/size.mjs            prints the table, writes target/size.json
//
// Needs twiggy on PATH (`cargo install twiggy --locked`; `make bench` installs it).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { wasmOptArgs, wasmRustflags } from './wasm-opt-args.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'target', 'size');
const WASM_OPT = wasmOptArgs(ROOT);

const run = (cmd, args) => execFileSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 28 });

// The shipped build's compiler flags, but with the names kept: `-C strip=symbols` would drop the
// name section that twiggy reads. It is also what drops the `target_features` section, by which
// wasm-bindgen chooses its mode, so that section alone goes here, before wasm-bindgen runs. A
// target folder of its own: other flags in target/ would rebuild the shipped engine from scratch.
const RUSTFLAGS = wasmRustflags(ROOT).join(' ').replace(/-C\s*strip=\S+/g, '').trim();
const TARGET = join(ROOT, 'target', 'named');

mkdirSync(OUT, { recursive: true });
execFileSync('cargo', ['build', '--release', '--target', 'wasm32-unknown-unknown', '--lib', '--features', 'small-panic'], {
  cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, CARGO_TARGET_DIR: TARGET, CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS: RUSTFLAGS },
});
const linked = join(OUT, 'linked.wasm');
run('wasm-opt', [...WASM_OPT.filter((a) => a.startsWith('--enable-')), '--debuginfo', '--strip-target-features',
  join(TARGET, 'wasm32-unknown-unknown', 'release', 'attune.wasm'), '-o', linked]);
run('wasm-bindgen', ['--keep-debug', '--target', 'web', '--out-name', 'attune', '--out-dir', OUT, linked]);
const named = join(OUT, 'named.wasm');
run('wasm-opt', [...WASM_OPT, '--debuginfo', join(OUT, 'attune_bg.wasm'), '-o', named]);
const rows = JSON.parse(run('twiggy', ['top', '-n', '1000000', '--format', 'json', named]).toString('utf8'));

// Our modules by file (core::records is src/core/records.rs); what else a name puts under
// core:: or web:: is a function of that layer's mod.rs (for web, the engine's exports).
const MODULES = new Set(['core', 'web'].flatMap((layer) => readdirSync(join(ROOT, 'src', layer))
  .filter((f) => f.endsWith('.rs') && f !== 'mod.rs').map((f) => `${layer}::${f.slice(0, -3)}`)));

// The module a function belongs to: ours by path (core::records, web::storage), the rest by
// crate family. Generic code instantiated for our types counts where its name puts it.
function group(name) {
  if (/function names|subsection|^custom section/.test(name)) return null;
  if (/^data segment/.test(name)) return 'data: words, CSS, tables';
  const ours = name.match(/attune::(core|web)::(\w+)/);
  if (ours) return MODULES.has(`${ours[1]}::${ours[2]}`) ? `${ours[1]}::${ours[2]}` : `${ours[1]} (mod.rs: the exports)`;
  if (/attune::prelude::IntoVec/.test(name)) return '.vec(): each list collected, with its chain inlined';
  if (/wasm_bindgen|__wbg|__wbindgen|externref/.test(name)) return 'wasm-bindgen';
  if (/js_sys/.test(name)) return 'js-sys';
  if (/web_sys/.test(name)) return 'web-sys';
  if (/attune::heap|__rdl|__rust_(alloc|dealloc|realloc)/.test(name)) return 'allocator';
  if (/fmt::|panicking|slice_error_fail|unicode/.test(name)) return 'std: formatting and panics';
  return 'std: collections, strings, iterators, other';
}

const sums = new Map();
let shipped = 0;
for (const { name, shallow_size: size } of rows) {
  const g = group(name);
  if (!g) continue;
  shipped += size;
  sums.set(g, (sums.get(g) || 0) + size);
}
const table = [...sums.entries()].sort((a, b) => b[1] - a[1]).map(([module, bytes]) => ({ module, bytes }));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const width = Math.max(...table.map((r) => r.module.length), 6);
console.log(`| ${'module'.padEnd(width)} | raw bytes | share |`);
console.log(`|${'-'.repeat(width + 2)}|-----------|-------|`);
for (const r of table) {
  console.log(`| ${r.module.padEnd(width)} | ${kb(r.bytes).padStart(9)} | ${((100 * r.bytes) / shipped).toFixed(1).padStart(4)}% |`);
}
const stripped = join(OUT, 'stripped.wasm');
run('wasm-opt', [...WASM_OPT, join(OUT, 'attune_bg.wasm'), '-o', stripped]);
const bytes = readFileSync(stripped);
console.log(`\nwasm without names: ${kb(statSync(stripped).size)} raw, ${kb(gzipSync(bytes, { level: 9 }).length)} gzip`);
writeFileSync(join(ROOT, 'target', 'size.json'), `${JSON.stringify({ date: new Date().toISOString(), shipped, table }, null, 2)}\n`);

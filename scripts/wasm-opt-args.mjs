// The release build's wasm-opt arguments, as wasm-pack runs them: the `wasm-opt = [...]` line of
// Cargo.toml. The scripts that run wasm-opt again (dist.mjs, size.mjs) read them here, so no run
// can disagree with the shipped build about the features it may use or how it optimizes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every argument of the line, in order ("-Oz", "--enable-bulk-memory", ...); throws without it. */
export function wasmOptArgs(root) {
  const line = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^wasm-opt\s*=\s*\[(.*)\]\s*$/m);
  const args = line ? [...line[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]) : [];
  if (!args.some((a) => a.startsWith('--enable-'))) {
    throw new Error('no wasm-opt = [...] line with --enable-* flags in Cargo.toml');
  }
  return args;
}

// The release build's wasm-opt arguments, as wasm-pack runs them: the `wasm-opt = [...]` line of
// Cargo.toml. The scripts that run wasm-opt again (dist.mjs, size.mjs) read them here, so no run
// can disagree with the shipped build about the features it may use or how it optimizes. The
// compiler's flags for the engine come from the Makefile the same way.
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

/**
 * The flags the shipped engine is compiled with (the Makefile's `WASM_RUSTFLAGS := ...` line), as
 * a list; throws without the line. A build that must match the shipped one (scripts/size.mjs)
 * passes them the same way the Makefile does.
 */
export function wasmRustflags(root) {
  const line = readFileSync(join(root, 'Makefile'), 'utf8').match(/^WASM_RUSTFLAGS\s*:=(.*)$/m);
  const flags = line ? line[1].trim().split(/\s+/).filter(Boolean) : [];
  if (!flags.length) throw new Error('no WASM_RUSTFLAGS := ... line in the Makefile');
  return flags;
}

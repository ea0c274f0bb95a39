#!/usr/bin/env node
// Builds the npm package from dist/ (run scripts/dist.mjs first) and packs it with `npm pack`:
//
//   target/package/stage/                     what the package holds (README from docs/package.md)
//   target/package/<name>-<version>.tgz       the tarball, ready for `npm publish <tarball>`
//
// The package: the ES-module entry (".", with its types), the loader ("./loader"; also the
// unpkg and jsdelivr file, so a pinned CDN URL works with the same snippet), the engine and the
// language files next to them, custom-elements.json, React 19 JSX typings ("./react").
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { customElementsManifest, reactTypes, readTable, typescript } from './interface.mjs';

export const PACKAGE_NAME = '@attune-widgets/attune';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const OUT = join(ROOT, 'target', 'package');
const STAGE = join(OUT, 'stage');

function die(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

if (!existsSync(join(DIST, 'manifest.json'))) die('dist/ is not built: run `make dist` first');
const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8'));
const { version } = manifest;
const table = readTable();

rmSync(STAGE, { recursive: true, force: true });
mkdirSync(STAGE, { recursive: true });

// The files that run, as dist/ has them: the module names the engine's files and the language
// files relative to itself, so they sit side by side at the package's root.
const runtime = [manifest.loader, manifest.module, manifest.glue, manifest.wasm, ...Object.values(manifest.locales), ...(manifest.keys ? [manifest.keys] : [])].map((e) => e.file);
for (const file of runtime) copyFileSync(join(DIST, file), join(STAGE, file));

writeFileSync(join(STAGE, 'custom-elements.json'), `${JSON.stringify(customElementsManifest(table, version), null, 2)}\n`);
writeFileSync(join(STAGE, 'attune.d.ts'), typescript(table, version));
writeFileSync(join(STAGE, 'react.d.ts'), reactTypes(table, version).replace('<this package>', PACKAGE_NAME));
// "./react" is types only; a stray runtime import of it finds an empty module.
writeFileSync(join(STAGE, 'react.js'), '// Attune: JSX typings for React live in react.d.ts; nothing runs here.\nexport {};\n');
copyFileSync(join(ROOT, 'docs', 'package.md'), join(STAGE, 'README.md'));
for (const file of ['LICENSE-MIT', 'LICENSE-APACHE']) copyFileSync(join(ROOT, file), join(STAGE, file));

// npm adds a LICENSE of its own accord, not LICENSE-MIT and LICENSE-APACHE: both are named.
const files = [...runtime, 'attune.d.ts', 'react.d.ts', 'react.js', 'custom-elements.json', 'LICENSE-MIT', 'LICENSE-APACHE'];
const pkg = {
  name: PACKAGE_NAME,
  version,
  description: 'Gentle, body-first exercise widgets for mental-health practice websites: custom elements, Rust compiled to WebAssembly. The visitor\'s data never leaves their browser.',
  license: 'MIT OR Apache-2.0',
  keywords: ['web-components', 'custom-elements', 'webassembly', 'breathing', 'grounding', 'mental-health', 'wellbeing'],
  type: 'module',
  exports: {
    '.': { types: './attune.d.ts', default: './attune.mjs' },
    './loader': './attune.js',
    './react': { types: './react.d.ts', default: './react.js' },
    './custom-elements.json': './custom-elements.json',
    './package.json': './package.json',
  },
  module: './attune.mjs',
  types: './attune.d.ts',
  files,
  // Importing the entry (or including the loader) defines the elements: keep it in any bundle.
  sideEffects: ['./attune.mjs', './attune.js'],
  customElements: './custom-elements.json',
  unpkg: './attune.js',
  jsdelivr: './attune.js',
  peerDependencies: { '@types/react': '>=19' },
  peerDependenciesMeta: { '@types/react': { optional: true } },
};
writeFileSync(join(STAGE, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);

// npm pack writes the tarball and tells its name and sizes.
const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', OUT], { cwd: STAGE, encoding: 'utf8' }))[0];
const tarball = join(OUT, packed.filename);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`package: ${PACKAGE_NAME}@${version} -> ${tarball}`);
console.log(`  ${packed.entryCount} files, tarball ${kb(packed.size)}, unpacked ${kb(packed.unpackedSize)}`);
writeFileSync(join(OUT, 'packed.json'), `${JSON.stringify({ name: PACKAGE_NAME, version, tarball, size: packed.size, unpackedSize: packed.unpackedSize }, null, 2)}\n`);

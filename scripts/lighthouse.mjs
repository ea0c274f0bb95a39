#!/usr/bin/env node
// `make bench` part three: Lighthouse's performance score for the demo page (every widget on
// one page), mobile preset, in Debian's chromium, served by scripts/serve.mjs.
//
//   node scripts/lighthouse.mjs
//
// Lighthouse is large (about 190 MB with its dependencies) and only the benchmark needs it, so it
// is not a dependency of the project: the first run installs the pinned version into
// target/lighthouse/ (from the npm registry; it downloads no browser), later runs reuse it.
// Prints the score and the figures behind it, and adds them to target/bench.json.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start } from './serve.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const VERSION = '12.8.2';
const HOME = join(ROOT, 'target', 'lighthouse');
const BIN = join(HOME, 'node_modules', '.bin', 'lighthouse');
const FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

if (!existsSync(BIN)) {
  console.error(`lighthouse: installing lighthouse@${VERSION} into target/lighthouse (once)`);
  mkdirSync(HOME, { recursive: true });
  writeFileSync(join(HOME, 'package.json'), '{"private":true}\n');
  execFileSync('npm', ['install', '--prefix', HOME, '--no-audit', '--no-fund', `lighthouse@${VERSION}`], { stdio: 'inherit' });
}

const { server, url } = await start(0);
const report = join(HOME, 'report.json');
try {
  // Asynchronously: the page is served from this same process.
  await promisify(execFile)(BIN, [
    url, '--only-categories=performance', '--output=json', `--output-path=${report}`, '--quiet',
    `--chrome-flags=${FLAGS.join(' ')}`,
  ], { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM || '/usr/bin/chromium' } });
} finally {
  server.close();
}
const r = JSON.parse(readFileSync(report, 'utf8'));
const audit = (id) => r.audits[id]?.numericValue;
const figures = {
  lighthouseVersion: r.lighthouseVersion,
  formFactor: r.configSettings.formFactor,
  performanceScore: Math.round(r.categories.performance.score * 100),
  totalBlockingTimeMs: Math.round(audit('total-blocking-time')),
  largestContentfulPaintMs: Math.round(audit('largest-contentful-paint')),
  firstContentfulPaintMs: Math.round(audit('first-contentful-paint')),
  cumulativeLayoutShift: Math.round(audit('cumulative-layout-shift') * 1000) / 1000,
};
console.log(`Lighthouse ${figures.lighthouseVersion} (${figures.formFactor}) on the demo page: performance ${figures.performanceScore} (budget 95); total blocking time ${figures.totalBlockingTimeMs} ms, LCP ${figures.largestContentfulPaintMs} ms, FCP ${figures.firstContentfulPaintMs} ms, CLS ${figures.cumulativeLayoutShift}`);
const benchFile = join(ROOT, 'target', 'bench.json');
if (existsSync(benchFile)) {
  const bench = JSON.parse(readFileSync(benchFile, 'utf8'));
  bench.lighthouse = figures;
  writeFileSync(benchFile, `${JSON.stringify(bench, null, 2)}\n`);
}

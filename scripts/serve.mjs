#!/usr/bin/env node
// A tiny static server for the demo and the end-to-end tests (node:http, no dependencies).
//   node scripts/serve.mjs [port]      port from argv, else $PORT, else 8080; 0 picks a free one
// /dist/...  -> dist/      /examples/... -> examples/      everything else -> www/
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MOUNTS = [
  ['/dist/', join(ROOT, 'dist')],
  ['/examples/', join(ROOT, 'examples')],
  ['/', join(ROOT, 'www')],
];
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.ico': 'image/x-icon',
};

// The file for a URL path, or null if it is outside the served folders or not a file.
async function locate(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const [prefix, dir] = MOUNTS.find(([p]) => decoded.startsWith(p));
  let file = resolve(dir, `.${sep}${decoded.slice(prefix.length)}`);
  if (file !== dir && !file.startsWith(dir + sep)) return null;
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file);
    }
    if (!info.isFile()) return null;
    // No escaping through symbolic links either.
    const [real, realDir] = await Promise.all([realpath(file), realpath(dir)]);
    if (!real.startsWith(realDir + sep)) return null;
    return { file, size: info.size };
  } catch {
    return null;
  }
}

async function handle(req, res) {
  const send = (status, text, headers = {}) => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
    res.end(req.method === 'HEAD' ? undefined : `${text}\n`);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed', { Allow: 'GET, HEAD' });
  const { pathname } = new URL(req.url, 'http://localhost');
  // A folder without its trailing slash: redirect, so relative links inside it work.
  if (pathname === '/dist' || pathname === '/examples') return send(301, 'Moved', { Location: `${pathname}/` });
  const found = await locate(pathname);
  // Browsers ask for a favicon on every page; answer quietly so the console stays clean.
  if (!found && pathname === '/favicon.ico') return res.writeHead(204).end();
  if (!found) return send(404, 'Not found');
  res.writeHead(200, {
    'Content-Type': TYPES[extname(found.file).toLowerCase()] || 'application/octet-stream',
    'Content-Length': found.size,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(found.file).on('error', () => res.destroy()).pipe(res);
}

// Starts the server on 127.0.0.1; resolves to { server, url } once it listens.
export function start(port = 8080) {
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(Number(port), '127.0.0.1', () => {
      server.off('error', reject);
      resolvePromise({ server, url: `http://127.0.0.1:${server.address().port}/` });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = process.argv[2] ?? process.env.PORT ?? 8080;
  start(port).then(
    ({ url }) => console.log(`Attune demo: ${url}`),
    (error) => {
      console.error(`serve: ${error.message}`);
      process.exit(1);
    },
  );
}

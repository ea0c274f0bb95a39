/*! Attune __ATTUNE_VERSION__ | MIT OR Apache-2.0 */
// Attune as an ES module, for bundlers (Vite, webpack, Rollup, esbuild) and <script type="module">:
//   import Attune, { mount, ready, registerTranslation, version } from '@attune-widgets/attune';
//
// All of Attune's JavaScript is in this one file: scripts/dist.mjs puts www/core.js (what it
// shares with the loader) where the import line is, and the engine's glue (wasm-bindgen's
// JavaScript) inside glue() below. So a bundler treats it as any code, and an integrity hash on
// this file covers all of it. The engine (wasm) and the language files are named with static
// `new URL('./file', import.meta.url)`, so a bundler sees them and copies them with the app, with
// no configuration; the engine checks each against its hash before it runs or reads it.
// Importing touches no DOM and downloads nothing: in a browser it defines the elements (the
// engine loads when a widget comes near the viewport or at the first Tab, or on `ready` or
// `mount`); in Node (server-side rendering) it does nothing, and `mount` throws.
import { MARK, attune } from './core.js';

// The glue (wasm-bindgen's JavaScript), run only when the engine is wanted.
function glue() {
  __ATTUNE_GLUE_CODE__;
}

// A DOM made for tests (jsdom, happy-dom) runs no wasm widget: it is treated as the server, so
// importing there defines nothing, downloads nothing and throws nothing. jsdom has no
// IntersectionObserver; happy-dom has one, as has a test set-up that mocks it, so the user
// agent counts too: the runner's own name in it, or Node's (or none, as in Node 20).
const agent = typeof navigator === 'object' && navigator ? String(navigator.userAgent) : 'Node.js';
const browser = typeof window === 'object' && typeof customElements === 'object' && typeof HTMLElement === 'function'
  && typeof IntersectionObserver === 'function' && !/jsdom|HappyDOM|Node\.js/.test(agent);

function define() {
  const there = window.Attune;
  if (there && there[MARK]) {
    // The loader (or another copy of this module) came first, and its engine serves this page.
    // Another version's would read this one's new options as unknown: said once, here.
    if (there.version !== '__ATTUNE_VERSION__') {
      console.warn(`Attune: version ${there.version} is already on this page and runs its widgets, not __ATTUNE_VERSION__ (this module); load one of them`);
    }
    return there;
  }
  const wasm = new URL('./__ATTUNE_WASM__', import.meta.url).href;
  // Language files a bundler did not move are found next to the engine.
  return attune(wasm, async () => glue(), wasm, () => (__ATTUNE_LANGUAGE_URLS__));
}

const Attune = browser ? define() : {
  version: '__ATTUNE_VERSION__',
  mount() {
    throw new Error('Attune.mount needs a browser: call it there, not while rendering on the server');
  },
  registerTranslation() {},
  get ready() {
    const failed = Promise.reject(new Error('Attune needs a browser'));
    // Read and never awaited (`{ ...Attune }`, a serializer), it must not end the server's
    // process as an unhandled rejection; awaited, it still rejects.
    failed.catch(() => {});
    return failed;
  },
};

export const mount = (element, options) => Attune.mount(element, options);
export const registerTranslation = (lang, messages) => Attune.registerTranslation(lang, messages);
export const version = Attune.version;
// Read as late as it is used, so that importing does not load the engine; `await ready`,
// `ready.then`, `.catch` and `.finally` do, as on the promise `Attune.ready` gives.
export const ready = {
  then(resolve, reject) { return Attune.ready.then(resolve, reject); },
  catch(reject) { return Attune.ready.catch(reject); },
  finally(done) { return Attune.ready.finally(done); },
};
export default Attune;

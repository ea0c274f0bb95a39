/*! Attune __ATTUNE_VERSION__ | MIT OR Apache-2.0 */
// The Attune loader, the one script tag: finds the widgets on a page, loads the WebAssembly engine
// once (lazily, when the first widget comes near the viewport) and hands every widget to it.
// It is shipped as a classic script: scripts/dist.mjs puts www/core.js (what it shares with the
// ES-module entry) where the import line is, and wraps the whole in a function.
import { MARK, attune } from './core.js';

if (!(window.Attune && window.Attune[MARK])) { // else already on the page (this or attune.mjs)
  // Our own script, else the last attune script (the loader included as a module has no
  // currentScript). Markup can clobber the name (<img name=currentScript src=...>), which would
  // load the engine from elsewhere: only a real <script> counts.
  const own = document.currentScript;
  let base = own instanceof HTMLScriptElement && own.src;
  if (!base) {
    const scripts = document.querySelectorAll('script[src*="attune"]');
    base = scripts.length ? scripts[scripts.length - 1].src : '';
  }
  base = new URL(base, document.baseURI).href;
  // The engine's files and the language files sit next to the loader.
  attune(base, new URL('__ATTUNE_GLUE__', base).href, new URL('__ATTUNE_WASM__', base).href);
}

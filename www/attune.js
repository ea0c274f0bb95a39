/*! Attune __ATTUNE_VERSION__ | MIT OR Apache-2.0 */
// The Attune loader, the one script tag: finds the widgets on a page, loads the WebAssembly engine
// once (lazily, when the first widget comes near the viewport or at the first Tab; again only
// after a failed load)
// and hands every widget to it.
// It is shipped as a classic script: scripts/dist.mjs puts www/core.js (what it shares with the
// ES-module entry) where the import line is, and wraps the whole in a function.
import { MARK, attune } from './core.js';

if (!(window.Attune && window.Attune[MARK])) { // else already on the page (this or attune.mjs)
  const doc = document;
  // Our own script, else the last attune script (the loader included as a module has no
  // currentScript). Markup can clobber the name (<img name=currentScript src=...>), which would
  // load the engine from elsewhere: only a real <script> counts.
  let own = doc.currentScript;
  if (!(own instanceof HTMLScriptElement && own.src)) {
    own = [...doc.querySelectorAll('script[src*="attune"]')].pop();
  }
  let base = new URL(own ? own.src : '', doc.baseURI);
  // A CDN's short URL (.../attune@0.1.0, which serves attune.js) names the package's folder.
  if (!/\.m?js$/.test(base.pathname)) base.pathname += '/';
  base = base.href;

  // The glue is a module, and import() takes no integrity hash: a bare import() runs whatever
  // the server sends. So a <link rel=modulepreload> with the glue's hash fetches and checks it
  // first. After its load event, import() of the same URL takes the checked module from the
  // page's module map, with no second fetch (whatever the crossorigin mode: the map is keyed by
  // URL). After its error event nothing may import it: Chromium does not remember the failure,
  // and an import() would fetch the file again and run it unchecked. A browser without
  // modulepreload cannot check a module, so it gets the "could not load" message instead.
  const glue = () => new Promise((resolve, reject) => {
    const url = new URL('__ATTUNE_GLUE__', base).href;
    const link = doc.createElement('link');
    // (relList.supports is in every browser that can run the engine; modulepreload is not.)
    if (!link.relList.supports('modulepreload')) {
      throw Error('no modulepreload');
    }
    link.rel = 'modulepreload';
    // A page that allows scripts by their nonce allowed ours by it: the glue goes with it.
    // (As a module, the loader has no currentScript: the nonce of the script found instead.)
    link.nonce = (own || link).nonce;
    link.crossOrigin = ''; // anonymous: CORS, same-origin credentials, as import() and the wasm
    link.integrity = '__ATTUNE_GLUE_SRI__';
    link.onload = link.onerror = (e) => {
      link.remove(); // the module map keeps the module
      if (e.type === 'load') resolve(import(url));
      else reject(Error('could not load or verify ' + url));
    };
    link.href = url;
    doc.documentElement.append(link); // (a modulepreload may stand anywhere)
  });

  // The engine and the language files sit next to the loader.
  attune(base, glue, new URL('__ATTUNE_WASM__', base).href);
}

// What the loader (www/attune.js) and the ES-module entry (www/attune.mjs) share: the widgets'
// custom elements and [data-attune] placeholders, the engine's checked load, and the
// `Attune` object. scripts/dist.mjs copies this file into both (the `import` line there is
// where it goes) and fills in the __ATTUNE_*__ values. Plain ES2018, no eval, no innerHTML, no
// inline styles, so it runs under a strict Content-Security-Policy.

// One mark for both entries: whichever runs first on a page is the one.
export const MARK = Symbol.for('attune.loader');

// Sets Attune up on this page and returns it. `base` is the URL the language files are found
// next to; `glue()` gives a promise of the engine's glue module, and `wasmUrl` is the engine,
// checked against its hash here; `moved`, when given, returns where a bundler put each language
// file (see words.rs).
export function attune(base, glue, wasmUrl, moved) {
  const VERSION = '__ATTUNE_VERSION__';
  const WASM_SRI = '__ATTUNE_WASM_SRI__';

  const WIDGETS = '__ATTUNE_WIDGETS__'.split(' ');
  // Every documented option (from src/options.json), and only those: any other attribute
  // belongs to the page or to its tools (class, aria-*, a tag manager's data-gtm-vis-...), and a
  // change to it must never reach the engine, which would rebuild a running widget for it.
  const OPTIONS = '__ATTUNE_OPTIONS__'.split(' ');
  // On a [data-attune] placeholder the same options are data-NAME.
  const DATA_OPTIONS = OPTIONS.map((name) => 'data-' + name);
  const PLACEHOLDER = '[data-attune]';
  // Said when the engine itself cannot load, so these few words live here, not in locales/.
  // (The same short sentence in each: a reload seldom helps, the site's files are the cause.)
  const FAILED = {
    en: 'This exercise could not load.',
    es: 'Este ejercicio no se pudo cargar.',
    fr: 'Cet exercice n’a pas pu se charger.',
    ar: 'تعذّر تحميل هذا التمرين.',
  };

  const doc = document;
  performance.mark('attune:loader-start');

  // One record per element: { el, api, ph (placeholder), widget, opts (api), handle, watch }.
  const records = new WeakMap();
  const pending = new Set(); // records waiting for the engine
  const placeholders = new Set(); // placeholder records, checked at each change of the page
  let engine = null; // the glue module, once initialised
  let loading = null; // the one load, shared by everyone (null again after a failed one)
  const words = []; // registerTranslation calls made before the engine was there
  // Every browser that can run the engine (one with modulepreload, which attune.js checks) has
  // IntersectionObserver. An element a page made `display: contents` has no box to come into
  // view: its widget's box will be its own, so it loads at once, unless what holds it is hidden
  // (a closed tab panel). No `?.` here or anywhere in the loader: a browser too old to run the
  // engine must still read this file to say so (`dist.mjs` holds it to ES2019 and `import()`).
  let io = new IntersectionObserver((entries) => {
    if (entries.some((e, _, p) => e.isIntersecting || getComputedStyle(e.target).display == 'contents' && (p = e.target.parentElement) && p.checkVisibility && p.checkVisibility())) load();
  }, { rootMargin: '200px' });
  // Tab may jump past a widget that never came near the viewport, and an unbuilt widget has
  // nothing to focus: the first Tab on a page with widgets waiting loads the engine.
  doc.addEventListener('keydown', (e) => e.key == 'Tab' && pending.size && load());

  const TAGS = WIDGETS.map((name) => 'attune-' + name);
  const isTag = (el) => TAGS.indexOf(el.localName) >= 0;
  // The widget an element names: by its tag, else by its data-attune attribute.
  const named = (el) => isTag(el) ? el.localName.slice(7) : el.getAttribute('data-attune') || '';

  // The option name for an attribute, or undefined if the attribute is not an option.
  function optionName(name, placeholder) {
    return OPTIONS[(placeholder ? DATA_OPTIONS : OPTIONS).indexOf(name)]; // ([-1]: undefined)
  }

  // Options as the engine wants them: [name1, value1, name2, value2, ...].
  function options(rec) {
    if (rec.api) return rec.opts;
    const flat = [];
    for (const attr of rec.el.attributes) {
      const name = optionName(attr.name, rec.ph);
      if (name) flat.push(name, attr.value);
    }
    return flat;
  }

  // The language the widget would have spoken (its `lang` option, else the page's around it)
  // where the loader has its few words in it, else English.
  function failureLang(rec) {
    const opts = options(rec);
    const i = opts.indexOf('lang');
    const near = rec.el.closest('[lang]');
    const lang = ((i % 2 ? '' : opts[i + 1]) || near && near.getAttribute('lang') || '').slice(0, 2).toLowerCase();
    return FAILED[lang] ? lang : 'en';
  }

  function fail(rec, code, error) {
    const el = rec.el;
    el.setAttribute('data-state', 'error');
    try {
      // A paragraph of its own (two widgets side by side are two lines, not one run of words)
      // in its language and direction (Arabic reads from the right, in an Arabic voice).
      const p = doc.createElement('p');
      p.lang = failureLang(rec);
      p.dir = 'auto';
      p.textContent = FAILED[p.lang];
      hostable(el).replaceChildren(p);
    } catch (e) { /* no shadow root of ours: the page's own content stays */ }
    el.dispatchEvent(new CustomEvent('attune:error', {
      bubbles: true,
      composed: true,
      detail: { code, message: String((error && error.message) || error) },
    }));
  }

  // A widget lives in an open shadow root: one this loader made, or one the page made for it
  // with no element in it (empty, or only a server's whitespace or comment). An element that
  // cannot have one (an <input>, a host whose shadow root is closed), or whose own holds
  // elements (a component's, with its slots), gets a clear error now, instead of a widget that
  // never appears or one that wipes out the component. Returns the root.
  const roots = new WeakSet();
  function hostable(el) {
    let root = el.shadowRoot;
    try {
      root = root || el.attachShadow({ mode: 'open' });
    } catch (e) { /* below */ }
    if (!root || root.firstElementChild && !roots.has(root)) throw Error('<' + el.localName + '> cannot hold an Attune widget: use a new <div>.');
    roots.add(root);
    return root;
  }

  // Mounts now if the engine is there, else waits for it (and asks for it when near the viewport,
  // or at once after a failed load).
  function start(rec) {
    const el = rec.el;
    pending.delete(rec);
    if (!engine) {
      pending.add(rec);
      if (io) io.observe(el);
      else load();
      return;
    }
    if (!rec.api) rec.widget = named(el);
    if (rec.ph) {
      // Watch before mounting: a listener of attune:ready may already change an option.
      // (Each option once, at its latest value: the filter lets only options through.)
      rec.watch = new MutationObserver((list) => {
        for (const attr of new Set(list.map((m) => m.attributeName))) setOption(rec, optionName(attr, true), el.getAttribute(attr));
      });
      rec.watch.observe(el, { attributes: true, attributeFilter: DATA_OPTIONS });
    }
    rec.later = []; // option changes made while the engine is mounting (from attune:ready)
    try {
      hostable(el);
      rec.handle = engine.mount(el, rec.widget, options(rec));
    } catch (e) {
      rec.later = null;
      console.warn('Attune:', e);
      // (Let go of by a listener inside the call, it is not this element's to fail on.)
      return records.get(el) === rec ? fail(rec, 'mount', e) : stop(rec);
    }
    const later = rec.later;
    rec.later = null;
    // Unmounted by a listener of its own attune:ready or attune:error, inside the call: the
    // handle came after stop(), which could not end it then.
    if (records.get(el) !== rec) return stop(rec);
    for (const [name, value] of later) setOption(rec, name, value);
  }

  function setOption(rec, name, value) {
    if (rec.later) return rec.later.push([name, value]);
    if (!rec.handle) return; // not mounted yet: options are read when it is
    try {
      engine.set_option(rec.handle, name, value === null ? undefined : value);
    } catch (e) {
      console.warn('Attune:', e);
      fail(rec, 'option', e);
    }
  }

  function stop(rec) {
    const handle = rec.handle;
    rec.handle = null; // the engine's handle must never be used after unmount()
    pending.delete(rec);
    placeholders.delete(rec);
    if (io) io.unobserve(rec.el);
    if (rec.watch) rec.watch.disconnect();
    if (records.get(rec.el) === rec) records.delete(rec.el);
    if (handle) {
      try { engine.unmount(handle); } catch (e) { console.warn('Attune:', e); }
    }
    // What fail() put there, with no engine to take it away (its state on a host it could
    // not fill too).
    const root = rec.el.shadowRoot;
    if (roots.has(root)) root.replaceChildren();
    rec.el.removeAttribute('data-state');
  }

  // An element that should be a widget because of its tag or its data-attune attribute.
  function want(el) {
    if (records.has(el)) return;
    const rec = { el, ph: !isTag(el) };
    records.set(el, rec);
    if (rec.ph) placeholders.add(rec);
    start(rec);
  }

  // data-attune was set, changed or removed on an element.
  function retarget(el) {
    if (isTag(el)) return;
    const rec = records.get(el);
    if (rec) {
      if (rec.api || (rec.handle && rec.widget === el.getAttribute('data-attune'))) return;
      stop(rec);
    }
    if (el.isConnected && el.hasAttribute('data-attune')) want(el);
  }

  const unknown = new Set(); // <attune-*> tag names already warned about

  // The placeholders in `root` (itself too, when it is an element), and any <attune-*> tag that
  // is not ours: a misspelt one would otherwise show nothing at all, and say nothing either.
  // Undefined custom elements are cheap to find with :not(:defined).
  function scan(root) {
    const found = [...root.querySelectorAll(PLACEHOLDER + ',:not(:defined)')];
    if (root !== doc) found.unshift(root);
    for (const el of found) {
      const tag = el.localName;
      if (isTag(el)) continue;
      if (el.hasAttribute('data-attune')) {
        want(el);
      } else if (/^attune-/.test(tag) && !unknown.has(tag) && !el.matches(':defined')) {
        unknown.add(tag);
        console.warn('Attune: <' + tag + '> is not an Attune widget; use one of <' + TAGS.join('>, <') + '>.');
      }
    }
  }

  function load() {
    if (!loading) {
      if (io) io.disconnect();
      io = null;
      loading = (async () => {
        // Start the wasm download at once, in parallel with the glue.
        // (fetch's own defaults: CORS, credentials for the same origin only, as import() uses.)
        // A file missing or changed since the build is refused by the integrity check (a
        // server's 404 page cannot match it), so the reason names the file.
        const wasm = fetch(wasmUrl, { integrity: WASM_SRI }).catch((e) => {
          throw Error(e.message + ': ' + wasmUrl);
        });
        wasm.catch(() => { /* reported through the glue's init below */ });
        // The page's first Intl object costs the browser about 20 ms (it loads its locale data).
        // Made now, while the engine downloads, the engine's start and first widget don't wait.
        setTimeout(() => new Date().toLocaleDateString());
        const module = await glue();
        await module.default({ module_or_path: wasm });
        module.start(base, words, moved && moved()); // language files: next to base, or moved
        engine = module;
        performance.mark('attune:engine-ready');
        // The widgets one after another, giving the page its turn first and then every 30 ms or
        // so, so a page with many never waits for all of them at once.
        let until = 0;
        for (const rec of pending) {
          if (performance.now() > until) {
            await new Promise(setTimeout); // (resolve, reject): the delay reads as 0
            until = performance.now() + 30;
          }
          start(rec);
        }
        return Attune;
      })();
      // A failed load (the network gone for a moment) is tried again by the next widget, or by
      // `Attune.ready`. The widgets waiting for this one say it could not load, once.
      loading.catch((e) => {
        loading = null;
        console.warn('Attune:', e);
        for (const rec of pending) fail(rec, 'load', e);
        pending.clear();
      });
    }
    return loading;
  }

  const Attune = {
    [MARK]: true, // (a symbol: no code that lists the object's keys sees it)
    version: VERSION,
    // Mounts a widget into any element: Attune.mount(el, { widget: 'breathing', pattern: '4-7-8' }).
    // It lives until handle.unmount(), whether or not the element stays on the page.
    mount(element, opts) {
      // Without a widget option, an <attune-*> tag or a data-attune attribute names it. No
      // element, or no widget named: how to call it.
      const widget = element && element.nodeType == 1 && String(opts && opts.widget || named(element));
      if (!widget) throw TypeError('Attune.mount(element, { widget: ' + WIDGETS.join(' | ') + ' })');
      try {
        hostable(element);
      } catch (e) {
        fail({ el: element, api: true, opts: [] }, 'mount', e);
        throw e;
      }
      const old = records.get(element);
      if (old) stop(old);
      const flat = [];
      // A list (suggestions, cues) as its attribute writes it, separated by |.
      for (const key in opts) {
        if (key !== 'widget' && opts[key] != null) flat.push(key, [].concat(opts[key]).join('|'));
      }
      const rec = { el: element, api: true, widget, opts: flat };
      records.set(element, rec);
      load();
      // Built in a microtask, as a tag is, so that listeners added just after this call hear
      // its attune:ready (or attune:error), whether or not the engine is already there.
      queueMicrotask(() => records.get(element) === rec && start(rec));
      return {
        element,
        unmount() {
          if (records.get(element) === rec) {
            stop(rec);
            // A tag or placeholder mounted over is its own widget again while on the page (in
            // a microtask: called from the widget's attune:ready, the engine is still in it).
            queueMicrotask(() => (isTag(element) || element.hasAttribute('data-attune')) && element.isConnected && want(element));
          }
        },
      };
    },
    // Adds or adjusts a language: Attune.registerTranslation('de', { Start: 'Beginnen' }).
    registerTranslation(...args) {
      if (engine) engine.register_translation(...args);
      else words.push(args);
    },
    // A promise for the engine; asking for it starts loading.
    get ready() {
      return load();
    },
  };
  window.Attune = Attune;

  class AttuneElement extends HTMLElement {
    static get observedAttributes() {
      return OPTIONS;
    }

    connectedCallback() {
      // In a microtask: attributes a framework sets just after putting the element in the
      // page (a route change, once the engine is there) are read by the one mount.
      queueMicrotask(() => this.isConnected && want(this));
    }

    disconnectedCallback() {
      // Wait a moment: an element that is only being moved comes straight back.
      queueMicrotask(() => {
        const rec = records.get(this);
        if (rec && !rec.api && !this.isConnected) stop(rec);
      });
    }

    attributeChangedCallback(name, oldValue, value) {
      const rec = records.get(this);
      if (rec && !rec.api && oldValue !== value) setOption(rec, name, value);
    }
  }

  for (const tag of TAGS) {
    if (!customElements.get(tag)) customElements.define(tag, class extends AttuneElement {});
  }

  scan(doc);
  new MutationObserver((list) => {
    for (const m of list) {
      if (m.attributeName) retarget(m.target);
      else for (const node of m.addedNodes) if (node.nodeType === 1) scan(node);
    }
    // (The placeholders are few: checked at each change, not only where nodes were removed.)
    for (const rec of placeholders) if (!rec.el.isConnected) stop(rec);
  }).observe(doc, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-attune'] });

  return Attune;
}

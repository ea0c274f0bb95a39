// Attune as an ES module, for bundlers and <script type="module">:
//   import Attune, { mount, ready, registerTranslation, version } from 'attune/attune.mjs';
// It tells the classic loader where its files are (next to this module), then runs it once.
// A fresh plain object: whatever is there may be markup (<a id="AttuneConfig">), not a config.
globalThis.AttuneConfig = { base: new URL('./', import.meta.url).href };
await import('./attune.js');

const Attune = globalThis.Attune;

export const mount = (element, options) => Attune.mount(element, options);
export const registerTranslation = (lang, messages) => Attune.registerTranslation(lang, messages);
export const version = Attune.version;
// A thenable, so that importing does not load the engine; `await ready` does.
export const ready = { then(resolve, reject) { return Attune.ready.then(resolve, reject); } };
export default Attune;

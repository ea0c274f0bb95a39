#!/usr/bin/env node
// Writes what describes Attune to tools, from src/options.json (the one table of the public
// interface, checked against the engine by tests/option_table.rs):
//
//   custom-elements.json   Custom Elements Manifest (schema 2.1): tags, attributes with types,
//                          defaults and descriptions, events, CSS parts and custom properties
//   attune.d.ts            TypeScript types of the ES-module entry: Attune, mount's options per
//                          widget, the handle, every attune:* event's detail (HTMLElementEventMap),
//                          HTMLElementTagNameMap, window.Attune
//   react.d.ts             JSX typings for React 19 (IntrinsicElements), opt-in:
//                          import type {} from '<package>/react'
//
//   node scripts/interface.mjs --out DIR [--version X.Y.Z]
// scripts/package.mjs calls it for the npm package.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function readTable() {
  return JSON.parse(readFileSync(join(ROOT, 'src', 'options.json'), 'utf8'));
}

const pascal = (name) => name.replace(/(^|[-:])([a-z])/g, (_, __, c) => c.toUpperCase());
const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
const quote = (s) => JSON.stringify(s);
const union = (values) => values.map(quote).join(' | ');
const doc = (text, indent = '') => `${indent}/** ${text.replace(/\*\//g, '*\u200b/')} */\n`;

const SWITCH_WORDS = ['on', 'off', 'true', 'false', 'yes', 'no', '1', '0', ''];
const CUSTOM_PATTERN = '`${number}-${number}-${number}-${number}`';

// An option's type in TypeScript. `where`: 'mount' (Attune.mount's options: any value is made a
// string, so booleans are fine), 'jsx' (React sets an attribute from a string or a number, and
// removes it for false, which would mean "the default", so a switch takes true or its words),
// 'html' (custom-elements.json: the attribute's text).
export function optionType(option, where) {
  const named = option.values ? union(option.values) : '';
  switch (option.type) {
    case 'choice': {
      // A value written as a whole number (period="14") may be given as one in JavaScript.
      const numbers = where === 'html' ? [] : option.values.filter((v) => /^\d+$/.test(v));
      return numbers.length ? `${named} | ${numbers.join(' | ')}` : named;
    }
    case 'switch':
      if (where === 'mount') return `boolean | ${union(SWITCH_WORDS)}`;
      if (where === 'jsx') return `true | ${union(SWITCH_WORDS)}`;
      // Not `boolean` in the manifest: tools that read it (Storybook, editors) take a boolean
      // attribute to be off when absent, but an absent switch is its default, which may be on.
      // A bare attribute (`ramp`, the empty word) is on.
      return union(['on', 'off', '']);
    case 'number':
    case 'whole':
      return where === 'html' ? 'number' : 'number | `${number}`';
    case 'pattern':
      return `${named} | ${CUSTOM_PATTERN}`;
    case 'lang':
      return where === 'html' ? `${named} | string` : `AttuneLang`;
    case 'list':
    case 'cues':
      // `mount` joins an array with |, as the attribute writes the list.
      return where === 'mount' ? 'string | readonly string[]' : 'string';
    default:
      return 'string';
  }
}

function defaultText(option) {
  if (option.default_text) return option.default_text;
  return option.default === undefined ? '' : option.default;
}

function optionDoc(name, option) {
  const range = option.min !== undefined ? ` From ${option.min} to ${option.max}.` : '';
  const d = defaultText(option);
  return `${option.description}${range}${d ? ` Default: ${d[0].toLowerCase()}${d.slice(1)}.` : ''}`;
}

// A detail field's type (see "types" in src/options.json).
function detailType(ty, widgets) {
  if (Array.isArray(ty)) return union(ty);
  if (ty === 'widget') return 'AttuneWidget';
  if (ty === 'pattern') return 'AttunePatternId';
  if (ty === 'point') return 'AttuneCheckInPoint';
  return ty;
}

const detailName = (widget, event) => `Attune${pascal(widget)}${pascal(event.replace(/^attune:/, ''))}Detail`;

// Every event of every widget, the common ones included: [widget, event name, { description, detail }].
function allEvents(table) {
  const out = [];
  for (const [widget, w] of Object.entries(table.widgets)) {
    for (const [name, event] of Object.entries(w.events)) out.push([widget, name, event]);
  }
  return out;
}

const eventNames = (table) => [...new Set([
  ...Object.keys(table.common.events),
  ...Object.values(table.widgets).flatMap((w) => Object.keys(w.events)),
])].sort();

// The exercises the check-in can open inline (its suggestions, in src/core/check_in.rs): their
// events come from the check-in's element too, their detail.widget naming them.
const OPENED_INLINE = ['breathing', 'grounding', 'body-scan', 'pleasure'];

// The events a tag's element fires: its own and the common ones; for the check-in, those of an
// exercise opened inline too, which come from its element.
function elementEvents(table, widget) {
  const own = { ...table.widgets[widget].events, ...table.common.events };
  const inline = widget === 'check-in' ? OPENED_INLINE : [];
  return eventNames(table).filter((name) => own[name] || inline.some((w) => table.widgets[w].events[name])).map((name) => {
    const details = own[name] ? [detailName(table.common.events[name] ? '' : widget, name)] : [];
    const from = table.common.events[name] ? [] : inline.filter((w) => table.widgets[w].events[name]);
    const said = own[name] ? [own[name].description] : [];
    if (from.length) said.push(`${own[name] ? 'The exercise opened inline fires its own too' : 'From the exercise opened inline'} (detail.widget names it)${own[name] ? '.' : `: ${table.widgets[from[0]].events[name].description}`}`);
    return { name, type: { text: `CustomEvent<${[...details, ...from.map((w) => detailName(w, name))].join(' | ')}>` }, description: said.join(' ') };
  });
}

export function customElementsManifest(table, version) {
  const widgets = Object.keys(table.widgets);
  const properties = Object.entries(table.common.properties).map(([name, p]) => ({ name, default: p.default, description: p.description }));
  const declarations = widgets.map((widget) => {
    const w = table.widgets[widget];
    const tag = `attune-${widget}`;
    const options = [...table.common.options, ...w.options];
    const parts = { ...table.common.parts, ...w.parts };
    return {
      kind: 'class',
      customElement: true,
      name: `Attune${pascal(widget)}Element`,
      tagName: tag,
      summary: w.title,
      description: `${w.description} The host carries data-state (idle, running, paused, done, error). The same options work as data-NAME attributes on <div data-attune="${widget}">, and as keys of Attune.mount(element, { widget: "${widget}", ... }).`,
      superclass: { name: 'HTMLElement' },
      attributes: options.map((name) => {
        const option = table.options[name];
        const attribute = { name, type: { text: optionType(option, 'html') }, description: optionDoc(name, option) };
        if (option.default !== undefined) attribute.default = option.default;
        return attribute;
      }),
      events: elementEvents(table, widget),
      cssParts: Object.entries(parts).map(([name, description]) => ({ name, description })),
      cssProperties: properties,
    };
  });
  const api = [
    { kind: 'variable', name: 'Attune', type: { text: 'AttuneApi' }, description: 'The Attune object (also window.Attune): mount, registerTranslation, ready, version.' },
    {
      kind: 'function',
      name: 'mount',
      description: 'Mounts a widget into an element (a <div>, or an <attune-*> tag); it lives until handle.unmount().',
      parameters: [{ name: 'element', type: { text: 'Element' } }, { name: 'options', type: { text: 'AttuneMountOptions' } }],
      return: { type: { text: 'AttuneHandle' } },
    },
    {
      kind: 'function',
      name: 'registerTranslation',
      description: 'Adds a language, or adjusts one, without a build.',
      parameters: [{ name: 'lang', type: { text: 'string' } }, { name: 'messages', type: { text: 'Record<string, string>' } }],
    },
    { kind: 'variable', name: 'ready', type: { text: "Pick<Promise<AttuneApi>, 'then' | 'catch' | 'finally'>" }, description: 'Resolves when the engine is there; awaiting it starts loading.' },
    { kind: 'variable', name: 'version', type: { text: 'string' }, default: quote(version) },
  ];
  const module = 'attune.mjs';
  return {
    schemaVersion: '2.1.0',
    readme: 'README.md',
    modules: [{
      kind: 'javascript-module',
      path: module,
      description: `Attune ${version}: gentle, body-first exercise widgets. The same elements are defined by the loader, attune.js.`,
      declarations: [...declarations, ...api],
      exports: [
        ...declarations.map((d) => ({ kind: 'custom-element-definition', name: d.tagName, declaration: { name: d.name, module } })),
        { kind: 'js', name: 'default', declaration: { name: 'Attune', module } },
        ...['mount', 'registerTranslation', 'ready', 'version'].map((name) => ({ kind: 'js', name, declaration: { name, module } })),
      ],
    }],
  };
}

export function typescript(table, version) {
  const widgets = Object.keys(table.widgets);
  let out = `// Attune ${version}: types of the ES-module entry (attune.mjs) and of window.Attune (attune.js).
// Written by scripts/interface.mjs from src/options.json; do not edit.

/** A widget's name: \`<attune-NAME>\`, \`data-attune="NAME"\`, \`mount(el, { widget: "NAME" })\`. */
export type AttuneWidget = ${union(widgets)};

/** A language the engine ships (${table.options.lang.values.join(', ')}), or one registered with \`registerTranslation\`. */
export type AttuneLang = ${union(table.options.lang.values)} | (string & {});

/** A breathing pattern as events name it: a named one, or \`custom\` for seconds. */
export type AttunePatternId = ${union(table.types.pattern)};

/** A point of the check-in's line. */
export type AttuneCheckInPoint = ${union(table.types.point)};

`;
  // Options, for mount (every widget's own interface, with its widget name) and attributes.
  const optionLines = (names, where, indent) => names.map((name) => {
    const option = table.options[name];
    const type = optionType(option, where);
    let lines = `${doc(optionDoc(name, option), indent)}${indent}${/^[a-z]+$/.test(name) ? name : quote(name)}?: ${type};\n`;
    if (where === 'mount' && name.includes('-')) lines += `${doc(`The same as "${name}".`, indent)}${indent}${camel(name)}?: ${type};\n`;
    return lines;
  }).join('');

  out += `/** Options every widget takes, as keys of \`mount\`'s options. */\nexport interface AttuneCommonOptions {\n${optionLines(table.common.options, 'mount', '  ')}}\n\n`;
  for (const widget of widgets) {
    const w = table.widgets[widget];
    out += `${doc(`Options of \`mount(el, { widget: "${widget}" })\`: ${w.title}.`)}export interface Attune${pascal(widget)}Options extends AttuneCommonOptions {\n  widget: ${quote(widget)};\n${optionLines(w.options, 'mount', '  ')}}\n\n`;
  }
  out += `/** \`mount\`'s options: one widget's, told apart by \`widget\`. */\nexport type AttuneMountOptions =\n${widgets.map((w) => `  | Attune${pascal(w)}Options`).join('\n')};\n\n`;
  out += `/** Options for an element that already names its widget (an \`<attune-*>\` tag or \`data-attune\`). */\nexport type AttuneOptionsOf<W extends AttuneWidget> = Omit<Extract<AttuneMountOptions, { widget: W }>, 'widget'> & { widget?: W };\n\n`;

  // Attributes, for JSX (and anyone typing attributes).
  out += `/** Attributes every widget's tag takes. */\nexport interface AttuneCommonAttributes {\n${optionLines(table.common.options, 'jsx', '  ')}}\n\n`;
  for (const widget of widgets) {
    const w = table.widgets[widget];
    out += `${doc(`Attributes of \`<attune-${widget}>\`.`)}export interface Attune${pascal(widget)}Attributes extends AttuneCommonAttributes {\n${optionLines(w.options, 'jsx', '  ')}}\n\n`;
  }

  // The handle and the API.
  out += `/** What \`mount\` returns. */
export interface AttuneHandle {
  /** The element the widget lives in. */
  readonly element: Element;
  /** Takes the widget away (its events, timers and sound end; the element stays). */
  unmount(): void;
}

/** The Attune object: the default export, and \`window.Attune\` with the loader. */
export interface AttuneApi {
  /** The version, such as ${quote(version)}. */
  readonly version: string;
  /**
   * Mounts a widget into any element that can have an open shadow root (use a \`<div>\`); it
   * lives until \`handle.unmount()\`. Throws an \`Error\` for an element that cannot hold one.
   */
  mount(element: Element, options: AttuneMountOptions): AttuneHandle;
  /** Mounts the widget an \`<attune-*>\` tag names. */
  mount<W extends AttuneWidget>(element: AttuneElement<W>, options?: AttuneOptionsOf<W>): AttuneHandle;
  /**
   * Mounts the widget a \`[data-attune]\` placeholder names, with its defaults (its own data-
   * attributes are not read; without \`data-attune\` this throws a \`TypeError\`).
   */
  mount(element: Element): AttuneHandle;
  /** Adds a language, or adjusts one, without a build: \`registerTranslation('de', { Start: 'Beginnen' })\`. Keys as in the language files; \`_dir: 'rtl'\` for a right-to-left language. */
  registerTranslation(lang: string, messages: Record<string, string>): void;
  /** Resolves when the engine is there; reading it starts loading. */
  readonly ready: Promise<AttuneApi>;
}

declare const Attune: AttuneApi;
export default Attune;
export declare const mount: AttuneApi['mount'];
export declare const registerTranslation: AttuneApi['registerTranslation'];
export declare const version: string;
/** Importing does not load the engine; \`await ready\`, \`.then\`, \`.catch\` and \`.finally\` do. */
export declare const ready: Pick<Promise<AttuneApi>, 'then' | 'catch' | 'finally'>;

/** Which widget a tag is: for the types only, nothing at run time has it. */
declare const attuneWidget: unique symbol;

/** An \`<attune-*>\` element. Options are its attributes; state is in \`data-state\`. */
export interface AttuneElement<W extends AttuneWidget = AttuneWidget> extends HTMLElement {
  readonly [attuneWidget]: W;
}

`;

  // Event details.
  const field = (key, ty) => `  ${key.replace(/\?$/, '')}${key.endsWith('?') ? '?' : ''}: ${detailType(ty)};\n`;
  for (const [name, e] of Object.entries(table.common.events)) {
    out += `${doc(`\`${name}\`'s detail: ${e.description}`)}export interface ${detailName('', name)} {\n${Object.entries(e.detail).map(([k, t]) => field(k, t)).join('')}}\n\n`;
  }
  for (const [widget, name, e] of allEvents(table)) {
    const own = Object.entries(e.detail).filter(([k]) => k !== 'widget' && k !== 'widget?');
    const widgetField = e.detail.widget ? detailType(e.detail.widget) : quote(widget);
    out += `${doc(`\`${name}\` from \`<attune-${widget}>\`: ${e.description}`)}export interface ${detailName(widget, name)} {\n  widget: ${widgetField};\n${own.map(([k, t]) => field(k, t)).join('')}}\n\n`;
  }
  out += '/** Every `attune:*` event, bubbling and composed, fired on the widget\'s host. */\nexport interface AttuneEventMap {\n';
  for (const name of eventNames(table)) {
    const sources = allEvents(table).filter(([, n]) => n === name).map(([w]) => detailName(w, name));
    if (table.common.events[name]) sources.push(detailName('', name));
    out += `  ${quote(name)}: CustomEvent<${sources.join(' | ')}>;\n`;
  }
  out += '}\n\n';
  for (const name of eventNames(table)) {
    const alias = detailName('', name);
    if (!table.common.events[name]) out += `/** \`${name}\`'s detail, from any widget. */\nexport type ${alias} = AttuneEventMap[${quote(name)}]['detail'];\n`;
  }
  out += '\n';
  out += `declare global {
  interface HTMLElementEventMap extends AttuneEventMap {}
  interface DocumentEventMap extends AttuneEventMap {}
  interface WindowEventMap extends AttuneEventMap {}
  interface HTMLElementTagNameMap {
${widgets.map((w) => `    ${quote(`attune-${w}`)}: AttuneElement<${quote(w)}>;`).join('\n')}
  }
  interface Window {
    /** Set by the loader (attune.js) and by the ES-module entry in a browser. */
    Attune: AttuneApi;
  }
}
`;
  return out;
}

export function reactTypes(table, version) {
  const widgets = Object.keys(table.widgets);
  return `// Attune ${version}: JSX typings for React 19, so that <attune-breathing pattern="box" /> type-checks.
// Opt in once in your app:  import type {} from '<this package>/react';
// Written by scripts/interface.mjs from src/options.json; do not edit.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { AttuneElement, ${widgets.map((w) => `Attune${pascal(w)}Attributes`).join(', ')} } from './attune.js';

type AttuneProps<E extends HTMLElement, A> = DetailedHTMLProps<HTMLAttributes<E>, E> & A;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
${widgets.map((w) => `      ${quote(`attune-${w}`)}: AttuneProps<AttuneElement<${quote(w)}>, Attune${pascal(w)}Attributes>;`).join('\n')}
    }
  }
}
`;
}

// The command line: write the three files.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  if (at < 0 || !process.argv[at + 1]) {
    console.error('usage: node scripts/interface.mjs --out DIR [--version X.Y.Z]');
    process.exit(2);
  }
  const out = resolve(process.argv[at + 1]);
  const v = process.argv.indexOf('--version');
  const version = v > 0 ? process.argv[v + 1] : '0.0.0';
  const table = readTable();
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'custom-elements.json'), `${JSON.stringify(customElementsManifest(table, version), null, 2)}\n`);
  writeFileSync(join(out, 'attune.d.ts'), typescript(table, version));
  writeFileSync(join(out, 'react.d.ts'), reactTypes(table, version));
  console.log(`interface: custom-elements.json, attune.d.ts, react.d.ts -> ${out}`);
}

// The snippet builder (snippet.html): pick an exercise, set its options with form controls that
// offer only the values the option table allows (src/options.json, given to this page by the
// build as dist/options.js), see it live, copy the snippet with the loader's integrity hash.
// Every element is made with createElement and textContent; nothing typed here is ever parsed as
// HTML. Opened from a file (file://), it still writes snippets; the live preview needs the page
// on a web server, as the exercises do.
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const data = window.AttuneOptions;
  if (!data || !data.table) {
    $('snippet').value = 'This page needs the dist folder beside it, as in the release archive: keep snippet.html, snippet.js, snippet.css and the dist folder together (in the repository, build it first with make dist).';
    return;
  }
  const { table, integrity, version } = data;
  const widgets = Object.keys(table.widgets);
  const served = location.protocol === 'http:' || location.protocol === 'https:';
  const given = {}; // option name -> { value, ok } from its control ('' means the default)
  let widget = widgets[0];

  function make(tag, attrs, text) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === true) el.setAttribute(k, '');
      else if (v !== false && v != null) el.setAttribute(k, String(v));
    }
    if (text != null) el.textContent = text;
    return el;
  }

  // What a default is called in a control.
  const defaultWords = (o) => (o.default_text || (o.default !== undefined ? o.default : ''));

  // Whether a link is one the widgets make live: https:// or http:// with a host, or tel: or
  // mailto: with something after the colon (the engine refuses any other and says so).
  function safeLink(href) {
    const lower = href.trim().toLowerCase();
    if (/[\u0000-\u001f\u007f]/.test(lower)) return false;
    const web = lower.match(/^https?:\/\/([^/\\?#]*)/);
    if (web) {
      const host = web[1].split('@').pop().replace(/^\[([^\]]*)\].*$/, '$1').replace(/:\d*$/, '');
      return host !== '' && !/\s/.test(host);
    }
    return /^(tel|mailto):\s*\S/.test(lower);
  }

  // One option's control. Returns the element to place; the control reports through `given`.
  function control(name) {
    const o = table.options[name];
    const id = `opt-${name}`;
    const box = make('div', { class: 'option', 'data-option': name });
    const d = defaultWords(o);
    const help = make('p', { class: 'help', id: `${id}-help` }, `${o.description}${d ? ` Default: ${d}.` : ''}`);
    const error = make('p', { class: 'error', id: `${id}-error`, hidden: true });
    const describedBy = `${id}-help ${id}-error`;
    const label = make('label', { for: id });
    label.append(make('code', {}, name));
    const set = (value, ok = true, why = '') => {
      given[name] = { value, ok };
      error.hidden = ok;
      error.textContent = ok ? '' : why;
      box.querySelectorAll('input, select, textarea').forEach((c) => c.setAttribute('aria-invalid', ok ? 'false' : 'true'));
      update();
    };
    // Built afresh (the exercise changed), it shows the last value that was taken, or its
    // default: nothing in it is marked, so nothing is left out.
    const previous = given[name] ? given[name].value : '';
    given[name] = { value: previous, ok: true };
    let input;

    if (o.type === 'switch') {
      const on = o.default === 'on';
      input = make('input', { type: 'checkbox', id, 'aria-describedby': describedBy });
      input.checked = previous ? previous === 'on' : on;
      input.addEventListener('change', () => set(input.checked === on ? '' : (input.checked ? 'on' : 'off')));
      label.prepend(input);
      box.append(label, help, error);
      return box;
    }

    box.append(label);
    if (o.type === 'choice' || o.type === 'lang' || o.type === 'pattern') {
      input = make('select', { id, 'aria-describedby': describedBy });
      input.append(make('option', { value: '' }, `Default: ${defaultWords(o) || 'none'}`));
      for (const v of o.values) {
        let words = v;
        if (o.type === 'lang') {
          try { words = `${new Intl.DisplayNames([v], { type: 'language' }).of(v)} (${v})`; } catch (e) { /* the code */ }
        }
        input.append(make('option', { value: v }, words));
      }
      box.append(input);
      if (o.type === 'pattern') {
        // Seconds in, hold, out, hold, as the engine takes them.
        input.append(make('option', { value: 'custom' }, 'Your own seconds…'));
        const parts = make('fieldset', { class: 'custom', hidden: true });
        parts.append(make('legend', {}, 'Seconds of each part of a breath'));
        const fields = ['in', 'hold after in', 'out', 'hold after out'].map((words, i) => {
          const f = make('input', { type: 'number', min: i % 2 ? 0 : 0.5, max: 60, step: 0.5, id: `${id}-${i}`, inputmode: 'decimal', value: [4, 0, 6, 0][i] });
          const l = make('label', { for: f.id }, words);
          parts.append(l, f);
          return f;
        });
        box.append(parts);
        const read = () => {
          if (input.value !== 'custom') {
            parts.hidden = true;
            return set(input.value);
          }
          parts.hidden = false;
          const seconds = fields.map((f) => f.value.trim());
          const bad = fields.find((f) => !f.value.trim() || !f.checkValidity());
          if (bad) return set('', false, 'Each part takes 0 to 60 seconds (halves allowed); in and out at least 0.5.');
          set(seconds.join('-'));
        };
        input.addEventListener('change', read);
        fields.forEach((f) => f.addEventListener('input', read));
        if (previous && !o.values.includes(previous)) {
          input.value = 'custom';
          previous.split('-').forEach((v, i) => { if (fields[i]) fields[i].value = v; });
          parts.hidden = false;
        } else {
          input.value = previous;
        }
      } else {
        input.value = previous;
        input.addEventListener('change', () => set(input.value));
      }
    } else if (o.type === 'number' || o.type === 'whole') {
      const step = o.type === 'whole' ? 1 : (o.step || 'any');
      input = make('input', { type: 'number', id, min: o.min, max: o.max, step, inputmode: o.type === 'whole' ? 'numeric' : 'decimal', placeholder: o.default, 'aria-describedby': describedBy });
      input.value = previous;
      const why = `Takes ${o.type === 'whole' ? 'a whole number' : 'a number'} from ${o.min} to ${o.max}.`;
      input.addEventListener('input', () => {
        const v = input.value.trim();
        const n = Number(v);
        const ok = v === '' || (Number.isFinite(n) && n >= o.min && n <= o.max && (o.type !== 'whole' || Number.isInteger(n)));
        set(ok ? v : '', ok, why);
      });
      box.append(input);
    } else if (o.type === 'list') {
      input = make('textarea', { id, rows: 4, 'aria-describedby': describedBy });
      input.value = previous ? previous.split('|').join('\n') : '';
      box.append(make('p', { class: 'help' }, `One per line: up to ${o.max_items}, each up to ${o.max_len} characters.`));
      input.addEventListener('input', () => {
        const items = input.value.split('\n').map((s) => s.trim()).filter(Boolean);
        const ok = items.length <= o.max_items && items.every((s) => s.length <= o.max_len && !s.includes('|'));
        set(ok ? items.join('|') : '', ok, `Up to ${o.max_items} lines of up to ${o.max_len} characters, without |.`);
      });
      box.append(input);
    } else if (o.type === 'cues') {
      // The plan's four cues, each its own field: all four, or none for the built-in ones.
      const group = make('fieldset', { class: 'cues', 'aria-describedby': describedBy });
      group.append(make('legend', {}, 'Your four cues (all four, or none for the built-in ones)'));
      const names = ['body', 'sensory', 'connection', 'meaning'];
      const fields = names.map((n, i) => {
        const f = make('input', { type: 'text', id: `${id}-${n}`, maxlength: o.max_len });
        f.value = previous ? (previous.split('|')[i] || '').replace(/^[a-z]+:\s*/, '') : '';
        group.append(make('label', { for: f.id }, n), f);
        return f;
      });
      const read = () => {
        const texts = fields.map((f) => f.value.trim());
        const filled = texts.filter(Boolean).length;
        const ok = (filled === 0 || filled === 4) && texts.every((t) => !t.includes('|'));
        set(ok && filled ? texts.map((t, i) => `${names[i]}: ${t}`).join('|') : '', ok, 'Give all four cues (without |), or none.');
      };
      fields.forEach((f) => f.addEventListener('input', read));
      box.append(group);
    } else {
      // text, link, key
      input = make('input', { type: 'text', id, maxlength: o.max, spellcheck: o.type === 'text', autocomplete: 'off', placeholder: o.default, 'aria-describedby': describedBy });
      input.value = previous;
      const check = {
        link: [safeLink, 'Takes https:// or http:// with an address, or tel: or mailto:.'],
        key: [(v) => /^[A-Za-z0-9_-]{1,40}$/.test(v), 'Letters, digits, - and _ only, up to 40.'],
      }[o.type];
      input.addEventListener('input', () => {
        const v = input.value.trim();
        const ok = v === '' || !check || check[0](v);
        set(ok ? v : '', ok, check ? check[1] : '');
      });
      box.append(input);
    }
    box.append(help, error);
    return box;
  }

  // The exercise's radio buttons.
  const list = $('widgets');
  for (const w of widgets) {
    const id = `widget-${w}`;
    const row = make('div', { class: 'widget' });
    const radio = make('input', { type: 'radio', name: 'widget', value: w, id, 'aria-describedby': `${id}-about`, checked: w === widget });
    const label = make('label', { for: id }, table.widgets[w].title);
    row.append(radio, label, make('p', { class: 'help', id: `${id}-about` }, table.widgets[w].description));
    list.append(row);
    radio.addEventListener('change', () => {
      if (radio.checked) {
        widget = w;
        build();
      }
    });
  }

  // The option controls for the chosen exercise (the common ones keep their values).
  function build() {
    const own = $('own');
    const common = $('common');
    own.replaceChildren(...table.widgets[widget].options.map(control));
    if (!common.firstChild) common.append(...table.common.options.map(control));
    update();
  }

  const escape = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

  // The attributes the chosen options make, in the table's order.
  function attributes() {
    const names = [...table.widgets[widget].options, ...table.common.options];
    const out = [];
    for (const name of names) {
      const g = given[name];
      if (!g || !g.ok || g.value === '' || !usable(name)) continue;
      out.push([name, g.value]);
    }
    return out;
  }

  // An option that needs another (bpm only with pattern resonance), or excludes one given.
  function usable(name) {
    const o = table.options[name];
    for (const [other, value] of Object.entries(o.only_with || {})) {
      const g = given[other];
      const current = g && g.value ? g.value : table.options[other].default;
      if (current !== value) return false;
    }
    return true;
  }

  // The address of the uploaded dist folder, ending in /; null (and marked) while it is not one.
  function where() {
    const raw = $('where').value.trim();
    // A folder: a path from the site's root, or a full address with a host; no query or
    // fragment (attune.js goes after it), and not the file itself. Not `//host/` or `/\host/`:
    // browsers read those as another site's address, not a path of this one.
    let ok = /^(\/(?![/\\])|https?:\/\/[^/?#\s"<>]+)[^?#\s"<>]*$/.test(raw) && !/\.js$/i.test(raw);
    if (ok && raw[0] !== '/') {
      try { ok = new URL(raw).hostname !== ''; } catch { ok = false; }
    }
    const error = $('where-error');
    error.hidden = ok;
    error.textContent = ok ? '' : 'Give a path starting with / (such as /attune/) or a full https:// address.';
    $('where').setAttribute('aria-invalid', ok ? 'false' : 'true');
    if (!ok) return null;
    return raw.endsWith('/') ? raw : `${raw}/`;
  }

  // Words for the status line by Copy while the address is not one: no snippet is offered then,
  // as one with another address would not load on the owner's site.
  const fixWhere = 'Fix the address of the dist folder above first.';

  let timer = 0;
  function update() {
    // Options that need another, or exclude one given, are shown only when they apply.
    for (const box of document.querySelectorAll('[data-option]')) {
      const name = box.getAttribute('data-option');
      const o = table.options[name];
      let off = !usable(name);
      let note = o.only_with ? `Only with ${Object.entries(o.only_with).map(([k, v]) => `${k} ${v}`).join(', ')}.` : '';
      if (o.excludes && given[o.excludes] && given[o.excludes].value) {
        off = true;
        note = `Give ${name} or ${o.excludes}, not both.`;
      }
      box.querySelectorAll('input, select, textarea').forEach((c) => { c.disabled = off; });
      box.classList.toggle('off', off);
      let n = box.querySelector('.note');
      if (off) {
        if (!n) box.append(n = make('p', { class: 'note help' }));
        n.textContent = note;
      } else if (n) {
        n.remove();
      }
    }
    const tagForm = document.querySelector('input[name="form"]:checked').value === 'tag';
    const attrs = attributes();
    const element = tagForm
      ? `<attune-${widget}${attrs.map(([k, v]) => ` ${k}="${escape(v)}"`).join('')}></attune-${widget}>`
      : `<div data-attune="${widget}"${attrs.map(([k, v]) => ` data-${k}="${escape(v)}"`).join('')}></div>`;
    const base = where();
    $('snippet').value = base === null
      ? 'Your snippet appears here once the address of the dist folder is fixed.'
      : `<script src="${escape(base)}attune.js" integrity="${integrity}" crossorigin="anonymous" defer></script>\n${element}\n`;
    // Only the options on the page now and in use: those of another exercise, or switched off
    // by another choice, are not in the snippet.
    const inUse = (name) => !document.querySelector(`[data-option="${name}"].off`);
    const bad = [...table.widgets[widget].options, ...table.common.options].some((name) => given[name] && !given[name].ok && inUse(name));
    if (base === null) $('copied').textContent = fixWhere;
    else $('copied').textContent = bad ? 'An option marked above is left out until it is fixed.' : '';
    clearTimeout(timer);
    timer = setTimeout(() => preview(tagForm, attrs), 250);
  }

  // The live preview: the same element, made afresh, with the loader from dist/.
  function preview(tagForm, attrs) {
    const box = $('preview');
    if (!served) {
      const note = $('preview-note');
      note.hidden = false;
      note.textContent = 'The live preview needs this page on a web server (it is open from a file): upload the folder, or run a local server in it, such as python3 -m http.server.';
      return;
    }
    const el = tagForm ? make(`attune-${widget}`) : make('div', { 'data-attune': widget });
    for (const [k, v] of attrs) el.setAttribute(tagForm ? k : `data-${k}`, v);
    box.replaceChildren(el);
  }

  if (served) {
    document.head.append(make('script', { src: 'dist/attune.js', integrity, crossorigin: 'anonymous' }));
  }
  $('version').textContent = version;
  $('where').addEventListener('input', update);
  for (const r of document.querySelectorAll('input[name="form"]')) r.addEventListener('change', update);
  $('builder').addEventListener('submit', (e) => e.preventDefault());

  $('copy').addEventListener('click', () => {
    const said = (words) => { $('copied').textContent = words; };
    if (where() === null) {
      // Refused, with words that differ from the status already shown, so they are read out again.
      said(`Not copied. ${fixWhere}`);
      return;
    }
    const text = $('snippet').value;
    const fallback = () => {
      $('snippet').focus();
      $('snippet').select();
      let ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { /* not allowed */ }
      said(ok ? 'Copied.' : 'Selected: press Ctrl+C (or ⌘C) to copy.');
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(() => said('Copied.'), fallback);
    } else {
      fallback();
    }
  });

  build();
})();

// Languages: every widget's screens in French, Arabic and Spanish with no English left (words
// both languages share aside), Arabic right to left and mirrored where direction means
// something, axe clean and nothing sticking out at 360 px; the language files fetched as
// integrity-checked files under the strict CSP (and a changed one refused, English shown);
// Attune.registerTranslation adding a language at run time, falling back to English with one
// console warning per missing message.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ROOT, axe, button, cspViolations, events, logPleasure, partText, useBrowser, waitState } from './helpers.mjs';

const ctx = useBrowser();

// English's messages as patterns: a value or a plural block matches anything. A string shown in
// another language that matches one of these whole is English left behind.
const ENGLISH = Object.entries(JSON.parse(readFileSync(join(ROOT, 'locales', 'en.json'), 'utf8')))
  .filter(([key]) => !key.startsWith('_'))
  .map(([key, message]) => {
    let source = '';
    let depth = 0;
    for (const c of message) {
      if (c === '{') {
        if (depth++ === 0) source += '\u0000';
      } else if (c === '}') {
        depth--;
      } else if (depth === 0) {
        source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      }
    }
    return [key, new RegExp(`^${source.trim().replaceAll('\u0000', '.+?')}$`, 's')];
  })
  .filter(([, re]) => /\p{L}/u.test(re.source));

// Messages a language writes as English does, and rightly so ("Pause", "3 minutes").
const SHARED = { fr: ['Pause', 'SenseTension', 'MinutesShort', 'PlanNoteMark'], es: [], ar: [] };

// The widgets each language's walk mounts, with their options.
const WIDGETS = [
  ['b', 'breathing', { pattern: 'box', breaths: '1', sound: 'voice' }],
  ['r', 'breathing', {}],
  ['e', 'breathing', { minutes: 'abc' }],
  ['g', 'grounding', {}],
  ['gw', 'grounding', { mode: 'write' }],
  ['s', 'body-scan', { seconds: '2', advance: 'manual' }],
  ['sp', 'body-scan', { variant: 'palms' }],
  ['st', 'body-scan', { variant: 'temperature' }],
  ['c', 'check-in', { 'support-text': 'Dr. Ana', 'support-href': 'tel:+15550100' }],
  ['p', 'pleasure', { storage: 'session' }],
  ['pl', 'plan', { storage: 'session' }],
];

async function mountAll(page, lang) {
  await page.evaluate(([widgets, lang]) => {
    for (const [id, widget, opts] of widgets) {
      const el = document.createElement(`attune-${widget}`);
      el.id = id;
      el.setAttribute('lang', lang);
      for (const [k, v] of Object.entries(opts)) el.setAttribute(k, v);
      document.querySelector('#slot').append(el);
    }
  }, [WIDGETS, lang]);
  for (const [id] of WIDGETS) await waitState(page, `#${id}`, id === 'e' ? 'error' : 'idle');
}

// Every string a visitor can see or hear in the widgets (nested widgets too): visible text, and
// the labels, titles and tooltips assistive technology reads.
const strings = (page) => page.evaluate((ids) => {
  const out = new Set();
  const walk = (root) => {
    const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n; (n = texts.nextNode());) {
      const el = n.parentElement;
      const t = n.textContent.trim();
      if (!t || !el || el.localName === 'style') continue;
      if (el.closest('svg') || el.checkVisibility({ visibilityProperty: true })) out.add(t);
    }
    for (const el of root.querySelectorAll('*')) {
      for (const a of ['aria-label', 'title', 'placeholder', 'aria-valuetext']) {
        const v = el.getAttribute(a);
        if (v && v.trim() && el.checkVisibility()) out.add(v.trim());
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  for (const id of ids) walk(document.querySelector(`#${id}`).shadowRoot);
  return [...out];
}, WIDGETS.map(([id]) => id));

function leftovers(shown, lang) {
  const shared = SHARED[lang] || [];
  return shown
    .filter((s) => /\p{L}/u.test(s))
    .flatMap((s) => ENGLISH.filter(([key, re]) => !shared.includes(key) && re.test(s)).map(([key]) => `${key}: ${JSON.stringify(s)}`));
}

const noOverflow = (page) => page.evaluate((ids) => {
  const wide = [];
  if (document.documentElement.scrollWidth > innerWidth) wide.push(`page ${document.documentElement.scrollWidth}`);
  for (const id of ids) {
    const base = document.querySelector(`#${id}`).shadowRoot.querySelector('[part~="base"]');
    if (base && base.scrollWidth > base.clientWidth + 1) wide.push(`#${id} ${base.scrollWidth} > ${base.clientWidth}`);
  }
  return wide;
}, WIDGETS.map(([id]) => id));

const click = async (page, sel, action, value) => {
  const b = button(page, sel, action, value).filter({ visible: true }).first();
  await b.click();
};

const state = (page, sel) => page.evaluate((s) => document.querySelector(s).getAttribute('data-state'), sel);

// Takes every widget through its screens in `lang`, calling `check(screen)` on each.
async function walk(page, lang, check) {
  await mountAll(page, lang);
  await check('idle');

  await click(page, '#b', 'toggle');
  await page.clock.runFor(1500);
  await check('breathing running');
  await click(page, '#b', 'toggle');
  await check('breathing paused');
  await click(page, '#b', 'toggle');
  await page.clock.fastForward(20_000);
  await waitState(page, '#b', 'done');
  await check('breathing done');
  await click(page, '#b', 'rate', 5);
  await check('breathing rated');

  await click(page, '#g', 'notice');
  await check('grounding noticed one');
  await click(page, '#g', 'next');
  while ((await state(page, '#g')) !== 'done') await click(page, '#g', 'nothing');
  await check('grounding summary');
  await click(page, '#g', 'rate', 4);
  await page.locator('#gw input').fill('a lamp');
  await click(page, '#gw', 'add');
  await check('grounding rated, a word written');

  await click(page, '#s', 'toggle');
  await click(page, '#s', 'tag');
  await click(page, '#s', 'intensity', 6);
  await check('body scan running, tagged');
  await click(page, '#s', 'next');
  await click(page, '#s', 'stop');
  await waitState(page, '#s', 'idle');
  await check('body scan stopped');
  for (const sel of ['#sp', '#st']) await click(page, sel, 'toggle');
  await check('palms and temperature running');

  await click(page, '#c', 'point', 0);
  await check('check-in suggestion');
  // "Try it here" opens the exercise inline, or "Go to the exercise" when the page has it.
  await page.locator('#c button:is([data-action="try"], [data-action="go"])').filter({ visible: true }).first().click();
  await click(page, '#c', 'not-safe');
  await check('check-in inline exercise, safety panel');

  await click(page, '#p', 'go');
  await check('pleasure asking for a choice');
  await click(page, '#p', 'act', 0);
  await click(page, '#p', 'go');
  await check('pleasure gone to do it');
  await click(page, '#p', 'back');
  await check('pleasure did anything shift');
  await click(page, '#p', 'next');
  await click(page, '#p', 'signal', 0);
  await check('pleasure signals');
  await click(page, '#p', 'save');
  await waitState(page, '#p', 'done');
  await check('pleasure saved');
  await click(page, '#p', 'range', 30);
  await page.locator('#p details.data > summary').click();
  await click(page, '#p', 'delete');
  await check('pleasure 30 days, records, confirm');
  await click(page, '#p', 'delete-cancel');

  await click(page, '#pl', 'start');
  await waitState(page, '#pl', 'running');
  await click(page, '#pl', 'cue', 0);
  await page.locator('#pl #note').fill('the light');
  await page.locator('#pl #note').press('Enter');
  await check('plan running, a cue and a note');
  await click(page, '#pl', 'restart');
  await check('plan asking before a fresh start');
}

test('English is what the check finds: it flags English left in a page', async () => {
  const { page } = await ctx.open(ctx.fixture('languages.html'), { clock: true, viewport: { width: 360, height: 740 } });
  const found = new Set();
  await walk(page, 'en', async () => {
    for (const l of leftovers(await strings(page), 'en')) found.add(l.split(':')[0]);
  });
  assert.ok(found.size > 120, `the English screens match ${found.size} English messages`);
});

for (const lang of ['fr', 'ar', 'es']) {
  test(`${lang}: every widget's screens are in ${lang}, axe clean, nothing sticks out at 360 px`, async () => {
    const { page, log } = await ctx.open(ctx.fixture('languages.html'), { clock: true, viewport: { width: 360, height: 740 } });
    let screens = 0;
    await walk(page, lang, async (screen) => {
      screens++;
      const shown = await strings(page);
      assert.deepEqual(leftovers(shown, lang), [], `English left on the screen "${screen}"`);
      assert.deepEqual(await noOverflow(page), [], `nothing sticks out at 360 px on "${screen}"`);
      if (['idle', 'breathing done', 'check-in inline exercise, safety panel', 'pleasure 30 days, records, confirm', 'plan asking before a fresh start'].includes(screen)) {
        const violations = await axe(page);
        assert.deepEqual(violations, [], `axe on "${screen}":\n${JSON.stringify(violations, null, 2)}`);
      }
    });
    assert.equal(screens, 21);
    const bases = await page.evaluate(() => [...document.querySelectorAll('#slot > *')].map((el) => {
      const base = el.shadowRoot.querySelector('[part~="base"]');
      return [base.getAttribute('lang'), base.getAttribute('dir')];
    }));
    for (const b of bases) assert.deepEqual(b, [lang, lang === 'ar' ? 'rtl' : 'ltr']);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.warnings.filter((w) => !/"minutes"/.test(w)), [], 'one warning only, for the bad option of #e');
    const files = log.requests.filter((u) => /\/attune-[a-z]+-[0-9a-f]{8}\.json$/.test(u));
    assert.equal(files.length, 1, `one language file, fetched once: ${files}`);
    assert.ok(!files.some((u) => u.includes('/attune-keys-')), 'no translation was given at run time, so no keys');
  });
}

test('the browser writes numbers, dates and plurals: French decimals, Arabic dual and plural forms', async () => {
  const { page } = await ctx.open(ctx.fixture('languages.html'), { clock: { time: new Date('2026-03-10T10:00:00') } });
  await page.evaluate(() => {
    for (const [id, lang, widget, opts] of [
      ['fr', 'fr', 'breathing', {}],
      ['fr-sigh', 'fr', 'breathing', { pattern: 'sigh' }],
      ['ar-s', 'ar', 'body-scan', { seconds: '2' }],
      ['ar-b', 'ar', 'breathing', { breaths: '12' }],
      ['ar-p', 'ar', 'plan', { storage: 'none', days: '14' }],
      ['fr-p', 'fr', 'pleasure', { storage: 'none' }],
    ]) {
      const el = document.createElement(`attune-${widget}`);
      el.id = id;
      el.setAttribute('lang', lang);
      for (const [k, v] of Object.entries(opts)) el.setAttribute(k, v);
      document.querySelector('#slot').append(el);
    }
  });
  for (const id of ['fr', 'fr-sigh', 'ar-s', 'ar-b', 'ar-p', 'fr-p']) await waitState(page, `#${id}`, 'idle');
  const part = (sel, p) => page.evaluate(([s, q]) => document.querySelector(s).shadowRoot.querySelector(`[part~="${q}"]`).textContent, [sel, p]);
  assert.match(await part('#fr', 'pattern'), /5,5\srespirations par minute/);
  assert.match(await part('#fr-sigh', 'pattern'), / · 2,5\+1-6-1,5 · /, 'the seconds with a decimal comma too');
  const scan = await page.evaluate(() => document.querySelector('#ar-s').shadowRoot.textContent);
  assert.match(scan, /10 أجزاء · ثانيتان لكلّ منها/, 'Intl.PluralRules("ar"): few, and the dual');
  assert.match(await part('#ar-b', 'pattern'), /12\sنفَسًا/, 'many');
  const plan = await page.evaluate(() => document.querySelector('#ar-p').shadowRoot.textContent);
  assert.match(plan, /14 يومًا، ابتداءً من اليوم/);
  // Started, its day is "day 1 of 14" (يوم), not "today" (اليوم), which the grid's today says.
  await button(page, '#ar-p', 'start').click();
  const title = await page.evaluate(() => document.querySelector('#ar-p').shadowRoot.querySelector('#day-title').textContent);
  assert.match(title, /^يوم 1 من 14 · /);
  await logPleasure(page, '#fr-p', 1);
  const when = await page.evaluate(() => document.querySelector('#fr-p').shadowRoot.querySelector('.recent .when').textContent);
  assert.match(when, /^mar\.\s10\smars/, `a date as French writes it: ${when}`);
});

test('Spanish counts take their plural form (one, other), and 5\u20114\u20113\u20112\u20111 never breaks across lines', async () => {
  const { page } = await ctx.open(ctx.fixture('languages.html'), { viewport: { width: 360, height: 740 } });
  await page.evaluate(() => {
    for (const [id, widget, opts] of [
      ['g', 'grounding', {}],
      ['b1', 'breathing', { breaths: '1' }],
      ['b12', 'breathing', { breaths: '12' }],
      ['s', 'body-scan', { seconds: '2' }],
    ]) {
      const el = document.createElement(`attune-${widget}`);
      el.id = id;
      el.setAttribute('lang', 'es');
      for (const [k, v] of Object.entries(opts)) el.setAttribute(k, v);
      document.querySelector('#slot').append(el);
    }
  });
  for (const id of ['g', 'b1', 'b12', 's']) await waitState(page, `#${id}`, 'idle');
  assert.match(await partText(page, '#b1', 'pattern'), /5,5\srespiraciones por minuto · 1\srespiración$/, 'a decimal count is plural, one breath is singular');
  assert.match(await partText(page, '#b12', 'pattern'), / · 12\srespiraciones$/);
  assert.equal(await partText(page, '#s', 'pattern'), '10 partes · 2 segundos cada una');

  // The grounding scan: one thing seen, two touched, nothing heard, smell skipped, one tasted.
  const count = () => page.evaluate(() => document.querySelector('#g').shadowRoot.querySelector('.tally-count').textContent.trim());
  await click(page, '#g', 'notice');
  assert.equal(await count(), '1 cosa notada');
  await click(page, '#g', 'next');
  await click(page, '#g', 'notice');
  await click(page, '#g', 'notice');
  assert.equal(await count(), '2 cosas notadas');
  await click(page, '#g', 'next');
  await click(page, '#g', 'nothing');
  await click(page, '#g', 'skip');
  await click(page, '#g', 'notice');
  await waitState(page, '#g', 'done');
  const answers = await page.evaluate(() => [...document.querySelector('#g').shadowRoot.querySelectorAll('.senses .sense-answer')].map((s) => s.textContent.trim()));
  assert.deepEqual(answers, ['notaste una cosa', 'notaste algunas cosas', 'nada por ahora', 'esta vez no', 'notaste una cosa']);

  // "5-4-3-2-1" is written with non-breaking hyphens, and stays on one line however narrow.
  const title = await partText(page, '#g', 'title');
  assert.ok(title.endsWith('5\u20114\u20113\u20112\u20111'), `non-breaking hyphens: ${JSON.stringify(title)}`);
  for (const width of [160, 200, 240, 280, 320]) {
    const tops = await page.evaluate((w) => {
      const host = document.querySelector('#g');
      host.style.display = 'block';
      host.style.width = `${w}px`;
      const node = host.shadowRoot.querySelector('[part~="title"]').firstChild;
      const range = document.createRange();
      range.setStart(node, node.textContent.indexOf('5\u2011'));
      range.setEnd(node, node.textContent.length);
      return [...range.getClientRects()].map((r) => Math.round(r.top));
    }, width);
    assert.ok(tops.length > 0 && new Set(tops).size === 1, `at ${width} px "5-4-3-2-1" is on one line (line tops ${tops})`);
  }
});

test('a running body scan\'s Back, Pause and Next stay one row in every language, in a phone\'s 328 px column', async () => {
  const { page } = await ctx.open(ctx.fixture('languages.html'), { viewport: { width: 360, height: 800 } });
  const rows = await page.evaluate(async () => {
    document.querySelector('#slot').style.cssText = 'width: 328px';
    const els = ['en', 'fr', 'es', 'ar'].map((lang) => {
      const el = document.createElement('div');
      document.querySelector('#slot').append(el);
      Attune.mount(el, { widget: 'body-scan', lang });
      return el;
    });
    await Attune.ready;
    for (let i = 0; i < 100 && !els.every((e) => e.getAttribute('data-state') === 'idle'); i++) await new Promise((r) => setTimeout(r, 20));
    for (const el of els) el.shadowRoot.querySelector('button[data-action="toggle"]').click();
    await new Promise((r) => setTimeout(r, 100));
    return els.map((el) => new Set(['back', 'toggle', 'next'].map((a) => Math.round(el.shadowRoot.querySelector(`button[data-action="${a}"]`).getBoundingClientRect().top))).size);
  });
  assert.deepEqual(rows, [1, 1, 1, 1], 'en, fr, es, ar: one row each');
});

test('"5-4-3-2-1" in the scan\'s title keeps to one line in every language, however narrow the box', async () => {
  const { page } = await ctx.open(ctx.fixture('languages.html'));
  for (const lang of ['en', 'fr', 'ar']) {
    await page.evaluate((l) => {
      const el = document.createElement('attune-grounding');
      el.id = `title-${l}`;
      el.setAttribute('lang', l);
      document.body.append(el);
    }, lang);
    await waitState(page, `#title-${lang}`, 'idle');
    for (const width of [200, 300, 400]) {
      const tops = await page.evaluate(([l, w]) => {
        const host = document.querySelector(`#title-${l}`);
        host.style.display = 'block';
        host.style.width = `${w}px`;
        const node = host.shadowRoot.querySelector('[part~="title"]').firstChild;
        const range = document.createRange();
        range.setStart(node, node.textContent.indexOf('5\u2011'));
        range.setEnd(node, node.textContent.indexOf('5\u2011') + 9);
        return [...range.getClientRects()].map((r) => Math.round(r.top));
      }, [lang, width]);
      assert.ok(tops.length > 0 && new Set(tops).size === 1, `${lang} at ${width} px: "5-4-3-2-1" on one line (line tops ${tops})`);
    }
  }
});

test('Arabic mirrors what has a direction: progress, the charts\' time, the scale\'s ends, the check-in line; the circle stays', async () => {
  const { page } = await ctx.open(ctx.fixture('languages.html'), { clock: true });
  await page.evaluate(() => {
    for (const [id, widget, opts] of [['b', 'breathing', { pattern: 'box', breaths: '1' }], ['c', 'check-in', {}], ['p', 'pleasure', { storage: 'none' }], ['s', 'body-scan', {}], ['m', 'summary', {}]]) {
      const el = document.createElement(`attune-${widget}`);
      el.id = id;
      el.setAttribute('lang', 'ar');
      for (const [k, v] of Object.entries(opts)) el.setAttribute(k, v);
      document.querySelector('#slot').append(el);
    }
  });
  for (const id of ['b', 'c', 'p', 's', 'm']) await waitState(page, `#${id}`, 'idle');
  await logPleasure(page, '#p', 0); // the chart shows from the first entry on
  for (const id of ['#b', '#s']) await button(page, id, 'toggle').click();
  await page.clock.runFor(1000);
  const geometry = () => page.evaluate(() => {
    const root = (id) => document.querySelector(id).shadowRoot;
    const box = (el) => el.getBoundingClientRect();
    const origin = (el) => {
      const [x] = getComputedStyle(el).transformOrigin.split(' ').map(parseFloat);
      return x / el.offsetWidth;
    };
    const points = [...root('#c').querySelectorAll('[data-action="point"]')];
    const svg = root('#p').querySelector('svg');
    const axis = [...root('#p').querySelectorAll('.axis span')];
    return {
      pacerFill: origin(root('#b').querySelector('[part~="progress"] .fill, .progress .fill')),
      scanFill: origin(root('#s').querySelector('.rest .fill')),
      line: [box(points[0]).x, box(points[4]).x],
      chart: getComputedStyle(svg).transform,
      summary: [...root('#m').querySelectorAll('.mini-svg')].map((el) => getComputedStyle(el).transform),
      axis: axis.map((s) => box(s).x),
      circle: getComputedStyle(root('#b').querySelector('[part~="shape"]')).transform,
    };
  });
  let g = await geometry();
  assert.equal(g.pacerFill, 1, 'the pacer\'s progress fills from the right');
  assert.equal(g.scanFill, 1, 'the scan\'s progress fills from the right');
  assert.ok(g.line[0] > g.line[1], '"shut down" is at the right end of the line, "overwhelmed" at the left');
  assert.equal(g.chart, 'matrix(-1, 0, 0, 1, 0, 0)', 'the chart runs right to left');
  assert.ok(g.axis[0] > g.axis[1], 'the first day is written at the right, today at the left');
  assert.ok(g.summary.length === 2 && g.summary.every((t) => t === 'matrix(-1, 0, 0, 1, 0, 0)'), `the summary's charts run right to left (${g.summary})`);
  assert.ok(!/^matrix\(-/.test(g.circle), `the breathing circle is not mirrored (${g.circle})`);
  await page.clock.fastForward(20_000);
  await waitState(page, '#b', 'done');
  const scale = await page.evaluate(() => {
    const root = document.querySelector('#b').shadowRoot;
    const x = (v) => root.querySelector(`[data-action="rate"][data-value="${v}"]`).getBoundingClientRect().x;
    return [x(0), x(10)];
  });
  assert.ok(scale[0] > scale[1], 'the 0-10 scale starts at the right');
  // The same widgets in English are not mirrored.
  await page.evaluate(() => { for (const el of document.querySelectorAll('#slot > *')) el.setAttribute('lang', 'en'); });
  for (const id of ['b', 'c', 'p', 's', 'm']) await waitState(page, `#${id}`, 'idle');
  await logPleasure(page, '#p', 0); // the chart shows from the first entry on
  for (const id of ['#b', '#s']) await button(page, id, 'toggle').click();
  await page.clock.runFor(1000);
  g = await geometry();
  assert.equal(g.scanFill, 0);
  assert.ok(g.line[0] < g.line[1]);
  assert.equal(g.chart, 'none');
  assert.deepEqual(g.summary, ['none', 'none']);
});

test('words of the other direction keep their own: a Latin entry and a clinic\'s contact in Arabic, on screen and in the summary, an Arabic entry in English', async () => {
  const { page } = await ctx.open(ctx.fixture('languages.html'));
  await page.evaluate(() => {
    for (const [id, widget, lang] of [['p', 'pleasure', 'ar'], ['s', 'summary', 'ar'], ['q', 'pleasure', 'en']]) {
      const el = document.createElement(`attune-${widget}`);
      el.id = id;
      el.setAttribute('lang', lang);
      el.setAttribute('storage-key', lang);
      el.setAttribute('support-text', 'Hillside Clinic: 555 0100.');
      document.querySelector('#slot').append(el);
    }
  });
  for (const id of ['p', 's', 'q']) await waitState(page, `#${id}`, 'idle');
  for (const [sel, words] of [['#p', 'Walk in the park!'], ['#q', 'مشي في الحديقة!']]) {
    await page.locator(`${sel} #own`).fill(words);
    await button(page, sel, 'now').click();
    await button(page, sel, 'next').click();
    await button(page, sel, 'save').click();
    await waitState(page, sel, 'done');
  }
  await page.locator('#s input[name="own-words"]').check();
  // (The summary hears of #p's entry once it is written, under the records' lock.)
  await page.waitForFunction(() => /Walk in the park!/.test(document.querySelector('#s').shadowRoot.querySelector('.days')?.textContent));
  // Where each of a text's first and last letters is drawn, left to right on the screen.
  const ends = (sel, part, first, last) => page.evaluate(([sel, part, first, last]) => {
    const within = [...document.querySelector(sel).shadowRoot.querySelectorAll(part)].find((el) => el.textContent.includes(first));
    const x = (ch) => {
      const walker = document.createTreeWalker(within, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(ch);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + ch.length);
        return range.getBoundingClientRect().x;
      }
      return NaN;
    };
    return [x(first), x(last)];
  }, [sel, part, first, last]);
  const reads = async (sel, part, first, last, rtl, what) => {
    const [a, b] = await ends(sel, part, first, last);
    assert.ok(rtl ? a > b : a < b, `${what}: "${first}" at ${a}, "${last}" at ${b}`);
  };
  await reads('#p', '.recent .what', 'Walk', '!', false, 'a Latin entry in the Arabic tracker');
  await reads('#p', '.footer', 'Hillside', '.', false, 'the clinic\'s contact in the Arabic care line');
  await reads('#s', '.days li', 'Walk', '!', false, 'the Latin entry on the Arabic summary');
  await reads('#q', '.recent .what', 'مشي', '!', true, 'an Arabic entry in the English tracker');
  // Arabic words that begin with a Latin name read right to left in the Arabic widgets, as
  // they were written: the name at the right.
  await button(page, '#p', 'again').click();
  await page.locator('#p #own').fill('Netflix مع أختي');
  await button(page, '#p', 'now').click();
  await button(page, '#p', 'next').click();
  await button(page, '#p', 'save').click();
  await waitState(page, '#p', 'done');
  await page.waitForFunction(() => /Netflix/.test(document.querySelector('#s').shadowRoot.querySelector('.days')?.textContent));
  await reads('#p', '.recent .what', 'Netflix', 'أختي', true, 'a Latin name first in Arabic words, in the Arabic tracker');
  await reads('#s', '.days li', 'Netflix', 'أختي', true, 'the same on the Arabic summary');
  // And each lines up with its widget's other lines: at the right in Arabic, the left in English.
  const side = (sel, part, words) => page.evaluate(([sel, part, words]) => {
    const el = [...document.querySelector(sel).shadowRoot.querySelectorAll(part)].find((e) => e.textContent.includes(words));
    const range = document.createRange();
    range.selectNodeContents(el);
    const [t, b] = [range.getBoundingClientRect(), el.getBoundingClientRect()];
    return { left: Math.round(t.left - b.left), right: Math.round(b.right - t.right) };
  }, [sel, part, words]);
  const latin = await side('#p', '.recent .what', 'Walk');
  assert.ok(latin.right <= 1 && latin.left > 20, `the Latin entry at the right of the Arabic tracker's line: ${JSON.stringify(latin)}`);
  const arabic = await side('#q', '.recent .what', 'مشي');
  assert.ok(arabic.left <= 1 && arabic.right > 20, `the Arabic entry at the left of the English tracker's line: ${JSON.stringify(arabic)}`);
  // The plan's note box, like the tracker's field: French typed in an Arabic plan keeps its
  // full stop at its own end, and lines up with the plan's other lines, at the right.
  await page.evaluate(() => {
    const el = document.createElement('attune-plan');
    el.id = 'n';
    el.setAttribute('lang', 'ar');
    el.setAttribute('storage', 'none');
    document.querySelector('#slot').append(el);
  });
  await waitState(page, '#n', 'idle');
  await button(page, '#n', 'start').click();
  await page.locator('#n #note').fill('J’ai remarqué la lumière.');
  const note = await page.evaluate(() => {
    const style = getComputedStyle(document.querySelector('#n').shadowRoot.querySelector('#note'));
    return [style.unicodeBidi, style.textAlign, style.direction];
  });
  assert.deepEqual(note, ['plaintext', 'right', 'rtl']);
});

test('under the strict CSP the language files load, checked, with no violation', async () => {
  const { page, log } = await ctx.open(ctx.fixture('languages-csp.html'));
  await waitState(page, '#fr', 'idle');
  await waitState(page, '#ar', 'idle');
  assert.equal(await button(page, '#fr', 'toggle').textContent(), 'Commencer');
  assert.equal(await page.evaluate(() => document.querySelector('#ar').shadowRoot.querySelector('[part~="title"]').textContent), 'كيف حالك في هذه اللحظة؟');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.warnings, []);
});

const copies = [];
after(() => { for (const dir of copies) rmSync(dir, { recursive: true, force: true }); });

test('a language file changed on the server is refused: English instead, one warning, attune:error (load)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'attune-lang-'));
  copies.push(dir);
  cpSync(join(ROOT, 'dist'), dir, { recursive: true });
  const file = readdirSync(dir).find((f) => /^attune-fr-[0-9a-f]{8}\.json$/.test(f));
  const words = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  words.Start = 'Cliquez ici';
  writeFileSync(join(dir, file), JSON.stringify(words));
  ctx.serveFolder('/changed-words/', dir);
  const { page, log } = await ctx.open(ctx.fixture('languages-changed.html'));
  await waitState(page, '#one', 'idle');
  await waitState(page, '#two', 'idle');
  assert.equal(await button(page, '#one', 'toggle').textContent(), 'Start');
  // English stands in whole: its numbers and its lang attribute too, not French's.
  const shown = await page.evaluate(() => {
    const base = document.querySelector('#one').shadowRoot.querySelector('[part~="base"]');
    return { lang: base.getAttribute('lang'), dir: base.getAttribute('dir'), sub: base.querySelector('.sub').textContent };
  });
  assert.deepEqual([shown.lang, shown.dir], ['en', 'ltr']);
  assert.match(shown.sub, /5\.5\sbreaths a minute/);
  const warned = log.warnings.filter((w) => w.includes(file));
  assert.equal(warned.length, 1, `one warning: ${log.warnings}`);
  assert.match(warned[0], /the words for "fr" could not load/, 'it names the language that failed, not English');
  const errors = (await events(page, 'error')).filter((e) => e.detail.code === 'load');
  assert.deepEqual(errors.map((e) => e.id).sort(), ['one', 'two']);

  // A widget the page adds later in that language is told as well, once, however it comes.
  await page.evaluate(() => {
    const el = document.createElement('attune-grounding');
    el.id = 'three';
    document.querySelector('main').append(el);
  });
  await waitState(page, '#three', 'idle');
  await page.evaluate(() => document.querySelector('#three').setAttribute('mode', 'write'));
  await page.waitForFunction(() => document.querySelector('#three').shadowRoot.querySelector('#word'));
  const later = (await events(page, 'error')).filter((e) => e.detail.code === 'load');
  assert.deepEqual(later.map((e) => e.id).sort(), ['one', 'three', 'two'], 'not again for an option changed');

  // An English widget set to speak that language is told too.
  await page.evaluate(() => {
    const el = document.createElement('attune-breathing');
    el.id = 'four';
    el.setAttribute('lang', 'en');
    document.querySelector('main').append(el);
  });
  await waitState(page, '#four', 'idle');
  await page.evaluate(() => document.querySelector('#four').setAttribute('lang', 'fr'));
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'attune:error' && e.id === 'four'));
  const last = (await events(page, 'error')).filter((e) => e.detail.code === 'load');
  assert.deepEqual(last.map((e) => e.id).sort(), ['four', 'one', 'three', 'two']);
});

test('registerTranslation adds a language at run time: its words, English for the rest, one warning per missing message', async () => {
  const { page, log } = await ctx.open(ctx.fixture('languages.html'), { clock: true });
  // Before the engine is there: the loader keeps the call for it.
  await page.evaluate(() => Attune.registerTranslation('de', {
    BreathingTitle: 'Mit dem Kreis atmen',
    Start: 'Beginnen',
  }));
  await page.evaluate(() => {
    for (const id of ['de1', 'de2']) {
      const el = document.createElement('attune-breathing');
      el.id = id;
      el.setAttribute('lang', 'de-AT');
      document.querySelector('#slot').append(el);
    }
  });
  await waitState(page, '#de1', 'idle');
  await waitState(page, '#de2', 'idle');
  const title = (sel) => page.evaluate((s) => document.querySelector(s).shadowRoot.querySelector('[part~="title"]').textContent, sel);
  assert.equal(await title('#de1'), 'Mit dem Kreis atmen');
  assert.equal(await button(page, '#de2', 'toggle').textContent(), 'Beginnen');
  assert.equal(await button(page, '#de1', 'stop').textContent(), 'Stop', 'a missing message is English');
  assert.equal(await page.evaluate(() => document.querySelector('#de1').shadowRoot.querySelector('[part~="base"]').getAttribute('lang')), 'de');
  const keyFiles = log.requests.filter((u) => /\/attune-keys-[0-9a-f]{8}\.json$/.test(u));
  assert.equal(keyFiles.length, 1, `the messages' keys, fetched once: ${log.requests}`);
  const missing = log.warnings.filter((w) => w.includes('"de" translation has no'));
  const keys = missing.map((w) => w.match(/has no "(\w+)"/)[1]);
  assert.ok(keys.includes('Stop') && keys.includes('BreathingIntro'), keys.join(' '));
  assert.equal(new Set(keys).size, keys.length, 'once per message, however many widgets show it');
  assert.ok(!keys.includes('Start') && !keys.includes('BreathingTitle'));

  // After the engine is there: a live widget takes the new words at once, as does the
  // ES-module entry's export.
  await page.evaluate(async () => {
    const { registerTranslation } = await import('/dist/attune.mjs');
    registerTranslation('de', { Stop: 'Anhalten' });
  });
  await page.waitForFunction(() => document.querySelector('#de1').shadowRoot.querySelector('[data-action="stop"]').textContent === 'Anhalten');
  // Bad input is warned about, never thrown.
  await page.evaluate(() => {
    Attune.registerTranslation('not a tag!', { Start: 'x' });
    Attune.registerTranslation('de', { Strat: 'x', BreathOf: 'Atemzug {n}' });
    // Plural blocks nested 100,000 deep: refused, where reading them ran the engine out of
    // stack (a trap that stopped every widget on the page); so is a message that long at all,
    // before it is read; and blocks nested five deep.
    const nest = (deep) => `${'{n, plural, other {'.repeat(deep)}#${'}}'.repeat(deep)}`;
    Attune.registerTranslation('de', { Breaths: nest(100_000) });
    Attune.registerTranslation('de', { BreathsPerMinute: nest(5) });
  });
  assert.ok(log.warnings.some((w) => /not a language tag/.test(w)));
  assert.ok(log.warnings.some((w) => /"Strat" is not a message/.test(w)));
  assert.ok(log.warnings.some((w) => /"BreathOf" has the placeholders \{n\} where English has \{n\}, \{total\}/.test(w)));
  assert.ok(log.warnings.some((w) => /"Breaths": longer than 4096 bytes/.test(w)), log.warnings.join('\n'));
  assert.ok(log.warnings.some((w) => /"BreathsPerMinute".*plural blocks are nested more than 4 deep/.test(w)), log.warnings.join('\n'));
  assert.deepEqual(log.pageErrors, []);
  // An unknown language is still refused, as any bad option.
  await page.evaluate(() => {
    const el = document.createElement('attune-breathing');
    el.id = 'xx';
    el.setAttribute('lang', 'xx');
    document.querySelector('#slot').append(el);
  });
  await waitState(page, '#xx', 'error');
  const message = await page.evaluate(() => document.querySelector('#xx').shadowRoot.querySelector('[part~="error"]').textContent);
  assert.match(message, /"lang" can't be "xx"\. It takes "en", "ar", "es", "fr" or "de"\./);
});

// A copy of dist/ served at /keys-words/, with its keys' file as `change` leaves it.
function keysCopy(change) {
  const dir = mkdtempSync(join(tmpdir(), 'attune-keys-'));
  copies.push(dir);
  cpSync(join(ROOT, 'dist'), dir, { recursive: true });
  const file = readdirSync(dir).find((f) => /^attune-keys-[0-9a-f]{8}\.json$/.test(f));
  change(join(dir, file));
  ctx.serveFolder('/keys-words/', dir);
  return file;
}

// In one task: gives each translation of `translations` ([lang, messages] pairs), then puts a
// pacer speaking `lang` into #slot, its id the tag.
function translateThenAdd(page, translations, lang) {
  return page.evaluate(([translations, lang]) => {
    for (const [tag, messages] of translations) Attune.registerTranslation(tag, messages);
    const el = document.createElement('attune-breathing');
    el.id = lang;
    el.setAttribute('lang', lang);
    document.querySelector('#slot').append(el);
  }, [translations, lang]);
}

test('a translation given after the engine started waits for the keys; the live widget then takes it', async () => {
  keysCopy(() => {});
  const { page, log } = await ctx.open(ctx.fixture('languages-keys.html'), { clock: true });
  await waitState(page, '#en', 'idle');
  assert.equal(await button(page, '#en', 'toggle').textContent(), 'Start');
  assert.ok(!log.requests.some((u) => u.includes('/attune-keys-')), 'no keys before a translation');
  await translateThenAdd(page, [['en', { Start: 'Begin' }], ['nl', { Start: 'Beginnen' }]], 'nl');
  await waitState(page, '#nl', 'idle');
  assert.equal(await button(page, '#nl', 'toggle').textContent(), 'Beginnen', 'never shown before its words');
  await page.waitForFunction(() => document.querySelector('#en').shadowRoot.querySelector('[data-action="toggle"]').textContent === 'Begin');
  assert.equal(log.requests.filter((u) => u.includes('/attune-keys-')).length, 1);
  assert.deepEqual(log.errors, []);
});

test('keys changed on the server are refused: the translation is left out, its widgets show English whole and say why, said once', async () => {
  const file = keysCopy((path) => writeFileSync(path, JSON.stringify('Start\nStop')));
  const { page, log } = await ctx.open(ctx.fixture('languages-keys.html'), { clock: true });
  await page.evaluate(() => {
    window.__errors = [];
    document.addEventListener('attune:error', (e) => window.__errors.push([e.target.id, e.detail.code]));
  });
  await translateThenAdd(page, [['nl', { Start: 'Beginnen' }]], 'nl');
  await waitState(page, '#nl', 'idle');
  await waitState(page, '#en', 'idle');
  assert.equal(await button(page, '#nl', 'toggle').textContent(), 'Start');
  // English whole, as for a language file that failed: its lang and numbers too, not Dutch
  // digits ("5,5") under English words read with a Dutch voice.
  const shown = await page.evaluate(() => {
    const root = document.querySelector('#nl').shadowRoot;
    return { lang: root.querySelector('[part~="base"]').getAttribute('lang'), text: root.textContent };
  });
  assert.equal(shown.lang, 'en');
  assert.match(shown.text, /5\.5\sbreaths\sa minute/);
  assert.deepEqual(await page.evaluate(() => window.__errors), [['nl', 'load']], 'the page is told, once');
  assert.equal(log.warnings.filter((w) => w.includes(file)).length, 1, `one warning names the file: ${log.warnings}`);
  assert.ok(log.warnings.some((w) => /registerTranslation\("nl"\): the messages' keys could not load/.test(w)), log.warnings.join('\n'));
  // A later call is told at once, and fetches nothing more.
  await page.evaluate(() => Attune.registerTranslation('nl', { Stop: 'Stoppen' }));
  assert.equal(log.warnings.filter((w) => /could not load, so these words were left out/.test(w)).length, 2);
  assert.equal(log.requests.filter((u) => u.includes('/attune-keys-')).length, 1);
});

test('the page switching its <html lang>: a widget already running keeps its language and its place when the new language\'s words arrive', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'), { clock: true });
  await page.evaluate(() => {
    const slot = document.querySelector('#slot');
    slot.innerHTML = '<attune-breathing id="b" pattern="box" minutes="3"></attune-breathing><attune-grounding id="g" mode="write"></attune-grounding>';
  });
  await waitState(page, '#b', 'idle');
  await waitState(page, '#g', 'idle');
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 5000);
  await button(page, '#b', 'toggle').click();
  await waitState(page, '#b', 'running');
  await page.locator('#g #word').fill('a lamp');
  await button(page, '#g', 'add').click();
  const readies = (await events(page, 'ready')).length;

  // A single-page app changes language and shows a new view with another widget.
  await page.evaluate(() => {
    document.documentElement.lang = 'fr';
    const el = document.createElement('attune-grounding');
    el.id = 'g2';
    document.querySelector('#slot').append(el);
  });
  await page.waitForFunction(() => document.querySelector('#g2').shadowRoot.querySelector('[part~="title"]')?.textContent.startsWith('Remarquer'));
  assert.equal(await state(page, '#b'), 'running', 'the session goes on');
  assert.equal(await partText(page, '#b', 'title'), 'Breathe with the circle');
  assert.match(await page.evaluate(() => document.querySelector('#g').shadowRoot.querySelector('.words')?.textContent ?? ''), /a lamp/, 'the typed word is still there');
  assert.equal((await events(page, 'ready')).length, readies + 1, 'only the new widget was built');
  // The site restyles: in place, in the widget's own language.
  await page.evaluate(() => document.querySelector('#b').setAttribute('theme', 'dark'));
  assert.equal(await state(page, '#b'), 'running');
  assert.equal(await partText(page, '#b', 'title'), 'Breathe with the circle');
});

test('a widget waiting for its language\'s words when the page switches language is built in it once they are in (nothing stays blank)', async () => {
  const { page } = await ctx.open(ctx.fixture('records.html'), { goto: false });
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/attune-fr-[0-9a-f]{8}\.json$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(ctx.fixture('records.html'));
  await page.evaluate(() => Attune.ready);
  await page.evaluate(() => {
    document.documentElement.lang = 'fr';
    document.querySelector('#slot').innerHTML = '<attune-grounding id="g"></attune-grounding>';
  });
  await page.waitForTimeout(200);
  await page.evaluate(() => { document.documentElement.lang = 'es'; });
  release();
  await waitState(page, '#g', 'idle');
  assert.match(await partText(page, '#g', 'title'), /^Remarquer ce qui vous entoure/, 'built for the page\'s language when it was placed');
});

test('a widget speaks the language of the part of the page it is in (the nearest lang), its own lang option first', async () => {
  const { page, log } = await ctx.open(ctx.fixture('languages.html'));
  await page.evaluate(() => {
    const section = document.createElement('section');
    section.lang = 'es';
    section.innerHTML = '<attune-breathing id="near"></attune-breathing>'
      + '<attune-breathing id="own" lang="fr"></attune-breathing>'
      + '<div id="ph" data-attune="breathing"></div>'
      + '<div lang=""><attune-breathing id="unsaid"></attune-breathing></div>';
    document.querySelector('#slot').append(section);
    document.querySelector('#slot').insertAdjacentHTML('beforeend', '<attune-breathing id="page"></attune-breathing>');
  });
  // The language it speaks, and its first words: the toggle, "Start" in English.
  const speaks = async (id) => {
    await page.waitForFunction((sel) => document.querySelector(sel)?.shadowRoot?.querySelector('[data-action="toggle"]'), `#${id}`);
    return page.evaluate((sel) => {
      const root = document.querySelector(sel).shadowRoot;
      return [root.querySelector('[part~="base"]').getAttribute('lang'), root.querySelector('[data-action="toggle"]').textContent];
    }, `#${id}`);
  };
  assert.deepEqual(await speaks('near'), ['es', 'Empezar'], 'the section\'s Spanish');
  assert.deepEqual(await speaks('own'), ['fr', 'Commencer'], 'its own lang option');
  assert.deepEqual(await speaks('ph'), ['es', 'Empezar'], 'a placeholder too');
  assert.deepEqual(await speaks('unsaid'), ['es', 'Empezar'], 'an empty lang says nothing: the section\'s');
  assert.deepEqual(await speaks('page'), ['en', 'Start'], 'outside the section, the page\'s English');
  assert.deepEqual(log.warnings, []);
});

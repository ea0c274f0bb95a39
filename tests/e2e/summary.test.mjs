// The summary to bring to a session: two weeks of records of every kind, printed to PDF by
// headless Chromium (which fires beforeprint and afterprint), read back with pdftotext. Only
// the chosen days, the visitor's own words only when ticked, none of the host page, at most two
// pages; under a strict Content-Security-Policy with Trusted Types; axe clean; the same from the
// tracker's "Your records" panel.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { axe, button, scratch, cspViolations, deepFocus, headings, logPleasure, openWith, pauseClock, useBrowser, waitState } from './helpers.mjs';

const ctx = useBrowser();
const NOW = new Date('2026-11-23T10:00:00');

// Twenty days of daily practice, kept as each widget keeps it: a 4-7-8 session and a small
// pleasure in the visitor's own words every day, a 5-4-3-2-1 scan every other day, a check-in
// every third, and a 14-day plan begun ten days ago with a note on each day.
function seed() {
  const day = (t) => { const d = new Date(t); return Math.floor(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 864e5); };
  const now = Date.now();
  const sessions = [];
  const pleasure = [];
  for (let ago = 0; ago < 20; ago++) {
    const at = now - ago * 864e5 - 3600e3;
    const base = { at, day: day(at), updated_at: at, completed: true, counts: [], tags: [], words: [] };
    sessions.push({ ...base, id: `b-${ago}`, widget: 'breathing', tags: ['pattern:4-7-8'], counts: [4], ...(ago % 3 === 0 ? { rating: 6 } : {}) });
    if (ago % 2 === 0) sessions.push({ ...base, id: `g-${ago}`, widget: 'grounding', tags: ['see:noticed', 'touch:skipped', 'hear:noticed', 'smell:nothing-right-now', 'taste:noticed'], counts: [5, 0, 3, 0, 1], words: [`scanword${ago}`] });
    if (ago % 3 === 0) sessions.push({ ...base, id: `c-${ago}`, widget: 'check-in', point: 0, tags: ['point:shut-down', 'suggest:grounding'] });
    pleasure.push({ id: `p-${ago}`, at, day: day(at), updated_at: at, act: 'own', text: `ownword${ago}`, shift: ago % 4, signals: ago % 2 ? 1 : 16 });
  }
  const sort = (items) => items.sort((a, b) => (a.id < b.id ? -1 : 1));
  const started = day(now) - 10;
  const plan = [{ plan: { id: 'plan-1', started, days: 14, updated_at: now } }];
  for (let i = 0; i <= 10; i++) plan.push({ day: { id: `plan-1.${i}`, plan: 'plan-1', index: i, done: 5, note: `plannote${i}`, updated_at: now } });
  const doc = (kind, items) => JSON.stringify({ app: 'attune', kind, version: 1, cleared_at: 0, items });
  localStorage.setItem('attune.attune.sessions', doc('sessions', sort(sessions)));
  localStorage.setItem('attune.attune.pleasure', doc('pleasure', sort(pleasure)));
  localStorage.setItem('attune.attune.plan', doc('plan', plan));
}

async function open(options = {}) {
  const opened = await openWith(ctx, ctx.fixture('summary.html'), options, { goto: false, clock: { time: NOW } });
  await opened.page.addInitScript(seed);
  await opened.page.goto(ctx.fixture('summary.html'));
  await waitState(opened.page, '#s', 'idle');
  return opened;
}

// The page printed to PDF (A4 unless given), as text, with its page count.
let n = 0;
async function printed(page, format = 'A4', margin = undefined) {
  const file = scratch(`summary-${++n}.pdf`);
  writeFileSync(file, await page.pdf({ format, printBackground: true, margin }));
  // (Dates are one piece on a line: their no-break spaces are read as spaces here.)
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\u00a0/g, ' ');
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))[1]);
  return { text, pages };
}

// A day as the summary writes it, from the page's own Intl.
const label = (page, ago) => page.evaluate((a) => {
  const d = new Date(Date.now() - a * 864e5 - 3600e3);
  return new Intl.DateTimeFormat('en', { weekday: 'short', month: 'long', day: 'numeric' }).format(new Date(d.getFullYear(), d.getMonth(), d.getDate()));
}, ago);

test('printed with the margins a print dialog gives, each page is numbered at its foot, "1/2"', async () => {
  const { page } = await open();
  const { text, pages } = await printed(page, 'A4', { top: '12mm', bottom: '12mm' });
  assert.ok(pages >= 2, `${pages} pages`);
  const feet = text.split('\f').slice(0, pages).map((p) => p.trim().split('\n').at(-1).trim());
  assert.deepEqual(feet, Array.from({ length: pages }, (_, i) => `${i + 1}/${pages}`));
});

test('printed over several pages: each page is headed by the sheet\'s title and days, and the care line never has a page of its own', async () => {
  // Days of many sessions, a few more each time, so the sheet's end crosses a page's foot.
  for (let n = 56; n <= 63; n++) {
    const { page } = await openWith(ctx, ctx.fixture('summary.html'), {}, { goto: false, clock: { time: NOW } });
    await page.addInitScript((count) => {
      const now = Date.now();
      const day = (t) => { const d = new Date(t); return Math.floor(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 864e5); };
      const items = Array.from({ length: count }, (_, i) => {
        const at = now - (i % 14) * 864e5 - 3600e3 - i * 60e3;
        return { id: `b-${String(i).padStart(3, '0')}`, widget: 'breathing', at, day: day(at), updated_at: at, completed: true, counts: [4], tags: ['pattern:4-7-8'], words: [], rating: 5 };
      });
      localStorage.setItem('attune.attune.sessions', JSON.stringify({ app: 'attune', kind: 'sessions', version: 1, cleared_at: 0, items }));
    }, n);
    await page.goto(ctx.fixture('summary.html'));
    await waitState(page, '#s', 'idle');
    const { text, pages } = await printed(page, 'A4', { top: '12mm', bottom: '12mm' });
    const sheets = text.split('\f').slice(0, pages).map((p) => p.split('\n').map((l) => l.trim()).filter(Boolean));
    assert.ok(pages >= 2, `${n} sessions: ${pages} pages`);
    sheets.forEach((lines, i) => {
      assert.equal(lines.filter((l) => l === 'What I practised and noticed').length, 1, `${n} sessions, page ${i + 1}: titled once`);
      assert.ok(lines.includes('Tue, November 10 to Mon, November 23'), `${n} sessions, page ${i + 1}: its days`);
      // A day's lines stay under its date: none begins a page without it.
      const first = lines[lines.indexOf('Tue, November 10 to Mon, November 23') + 1] ?? '';
      assert.doesNotMatch(first, /^[A-Z][\w -]*: /, `${n} sessions, page ${i + 1} begins with a day's line and no date`);
    });
    const last = sheets.at(-1);
    assert.ok(last.some((l) => l.startsWith('These exercises can support')), `${n} sessions: the care line ends the sheet`);
    assert.ok(last.some((l) => l.startsWith('Made on')), `${n} sessions: with the sheet's last lines (${last.join(' | ')})`);
    await page.context().close();
  }
});

test('printed to PDF: the last 14 days alone, in words and days, no own words unless ticked, nothing of the page, at most two pages', async () => {
  const { page, log } = await open();
  const { text, pages } = await printed(page);
  assert.ok(pages <= 2, `${pages} pages for 14 days of daily use`);
  assert.match(text, /What I practised/);
  for (let ago = 0; ago < 14; ago++) assert.ok(text.includes(await label(page, ago)), `day ${ago} back is there`);
  for (const ago of [14, 15, 19]) assert.ok(!text.includes(await label(page, ago)), `day ${ago} back is not`);
  assert.match(text, /Breathing: 4\u20117\u20118 breathing · 4 breaths · at ease afterwards: 6 out of 10/);
  assert.match(text, /5\u20114\u20113\u20112\u20111 exercise · noticed: sight, hearing, taste · nothing at the time: smell/);
  assert.match(text, /Check-in: Shut down and numb/);
  assert.match(text, /Tried a small pleasure: something of my own · a shift of 3 out of 10 · My shoulders dropped/);
  assert.match(text, /Plan, day 1: Body, Connection · a note of my own/, 'a note held back still says the day had one');
  assert.match(text, /Tiny signals noticed/);
  assert.match(text, /A smile: 7 times/);
  assert.match(text, /What I'd like to talk about/);
  assert.match(text, /These exercises can support, not replace, professional care\./);
  assert.match(text, /Call the clinic/);
  // The charts say on paper what their bars show, and the sheet its year, for a therapist's file.
  assert.match(text, /Days with some practice\s+[\s\S]*Some practice on 14 days/);
  assert.match(text, /A shift noticed on \d+ days/);
  // Each chart has its first and last day under its bars, so a bar can be told by its day.
  const ends = [await label(page, 13), await label(page, 0)];
  const axes = await page.evaluate(() => [...document.querySelector('#s').shadowRoot.querySelectorAll('.mini .axis')]
    .map((a) => [...a.children].map((c) => c.textContent.replace(/\u00a0/g, ' '))));
  assert.deepEqual(axes, [ends, ends]);
  assert.ok(ends.every((e) => text.split(e).length > 2), 'printed under the bars too (and in the days\' list)');
  assert.match(text, /Made on Mon, November 23, 2026, in this browser only\./);
  assert.doesNotMatch(text, /ownword|scanword|plannote/, 'no typed words unless ticked');
  assert.doesNotMatch(text, /HOST PAGE TEXT|Hillside|A small pleasant moment/, 'nothing of the host page, nor the tracker beside it');
  assert.doesNotMatch(text, /Which days|Include my own words|Print or save/, 'the form is not printed');
  assert.doesNotMatch(text, /streak|score|target/i);
  // After printing, the page is itself again.
  assert.equal(await page.locator('[data-attune-print]').count(), 0);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(await cspViolations(page), []);

  // Own words, when ticked; US Letter fits too.
  await page.locator('#s label:has-text("Include my own words") input').check();
  const withWords = await printed(page, 'Letter');
  assert.ok(withWords.pages <= 2, `${withWords.pages} pages on Letter`);
  assert.match(withWords.text, /ownword3\b/);
  assert.match(withWords.text, /scanword2\b/);
  assert.match(withWords.text, /plannote1\b/);
  assert.doesNotMatch(withWords.text, /ownword15\b/, 'still only the chosen days');

  // A site's script that sets the document's stylesheets anew, after the summary came: it
  // still prints alone.
  await page.evaluate(() => { document.adoptedStyleSheets = []; });
  const again = await printed(page);
  assert.match(again.text, /What I practised/);
  assert.doesNotMatch(again.text, /HOST PAGE TEXT|Hillside|A small pleasant moment/, 'nothing of the host page');
});

test('printed with a dark high-contrast theme on, the charts\' bars are black on the white paper, not the theme\'s white', async () => {
  const { page } = await open();
  // (Chromium's emulation of forced colours, which real Windows Chrome may not keep for print.)
  const fills = (media) => page.emulateMedia({ media, forcedColors: 'active', colorScheme: 'dark' }).then(() => page.evaluate(() => {
    const root = document.querySelector('#s').shadowRoot;
    return [...new Set([...root.querySelectorAll('.mini-svg .on')].map((r) => getComputedStyle(r).fill))];
  }));
  assert.deepEqual(await fills('screen'), ['rgb(255, 255, 255)'], 'on screen, the theme\'s own text colour');
  assert.deepEqual(await fills('print'), ['rgb(0, 0, 0)']);
});

test('a summary inside another component\'s shadow root prints alone: not the component\'s heading, nor a widget beside it', async () => {
  const { page } = await open();
  await page.evaluate(() => {
    const card = document.createElement('div');
    card.id = 'card';
    const root = card.attachShadow({ mode: 'open' });
    // (A constructed sheet: the page's policy allows no <style>.)
    const style = new CSSStyleSheet();
    style.replaceSync(':host { display: block; border: 6px solid teal; padding: 40px; } h3 { color: teal; }');
    root.adoptedStyleSheets = [style];
    const heading = Object.assign(document.createElement('h3'), { textContent: 'CARD HEADING' });
    const pacer = document.createElement('attune-breathing');
    pacer.setAttribute('storage', 'none');
    root.append(heading, pacer, document.querySelector('#s'));
    document.querySelector('main').append(card);
  });
  await page.waitForFunction(() => document.querySelector('#card').shadowRoot.querySelector('#s').getAttribute('data-state') === 'idle');
  const { text } = await printed(page);
  assert.match(text, /What I practised/);
  assert.doesNotMatch(text, /CARD HEADING|Breathe with the circle|HOST PAGE TEXT/, 'nothing but the summary');
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('#card')).paddingTop), '40px', 'on screen the card is as it was');
});

test('dates are written as the visitor\'s browser writes its English: en-GB puts the day before the month', async () => {
  const { page } = await open({ locale: 'en-GB' });
  const text = (sel) => page.evaluate((q) => document.querySelector('#s').shadowRoot.querySelector(q).textContent.replace(/\u00a0/g, ' '), sel);
  assert.equal(await text('.span'), 'Tue 10 November to Mon 23 November');
  assert.equal(await text('.made'), 'Made on Mon, 23 November 2026, in this browser only.');
  // A calendar or digits the browser's language names are not taken: the sheet is for a file.
  const { page: buddhist } = await open({ locale: 'en-US-u-ca-buddhist' });
  assert.equal(await buddhist.evaluate(() => document.querySelector('#s').shadowRoot.querySelector('.made').textContent.replace(/\u00a0/g, ' ')),
    'Made on Mon, November 23, 2026, in this browser only.');
});

test('a summary the visitor closed away (a details shut again, a tab panel hidden) leaves the page to print as shown', async () => {
  const { page } = await open();
  await page.evaluate(() => {
    const details = document.createElement('details');
    details.open = true;
    details.append(Object.assign(document.createElement('summary'), { textContent: 'Your summary' }), document.querySelector('#s'));
    document.querySelector('main').prepend(details);
  });
  await waitState(page, '#s', 'idle');
  await page.evaluate(() => { document.querySelector('details').open = false; });
  let { text } = await printed(page);
  assert.match(text, /HOST PAGE TEXT/, 'the page, as the visitor sees it');
  assert.doesNotMatch(text, /What I practised/);
  await page.evaluate(() => { const d = document.querySelector('details'); d.open = true; d.hidden = true; });
  ({ text } = await printed(page));
  assert.match(text, /HOST PAGE TEXT/);
  assert.doesNotMatch(text, /What I practised/);
  // A closed off-canvas panel: still laid out, but not seen.
  await page.evaluate(() => { const d = document.querySelector('details'); d.hidden = false; d.style.visibility = 'hidden'; });
  ({ text } = await printed(page));
  assert.doesNotMatch(text, /What I practised/);
  await page.evaluate(() => { document.querySelector('details').style.visibility = ''; });
  ({ text } = await printed(page));
  assert.match(text, /What I practised/, 'shown again, it prints alone again');
  assert.doesNotMatch(text, /HOST PAGE TEXT/);
});

test('the period: 7 days, 30 days, and the current plan\'s days', async () => {
  const { page } = await open();
  const days = () => page.evaluate(() => document.querySelector('#s').shadowRoot.querySelectorAll('.days dt').length);
  assert.equal(await days(), 14);
  await page.locator('#s label:has-text("Last 7 days") input').check();
  assert.equal(await days(), 7);
  const week = await printed(page);
  assert.ok(!week.text.includes(await label(page, 8)));
  assert.ok(week.text.includes(await label(page, 6)));
  await page.locator('#s label:has-text("Last 30 days") input').check();
  assert.equal(await days(), 20, 'every day that has something');
  await page.locator('#s label:has-text("This plan") input').check();
  assert.equal(await days(), 11, 'the plan began ten days ago');
  // What goes in: without breathing, no breathing lines.
  await page.locator('#s label:has-text("Breathing sessions") input').uncheck();
  const text = await page.evaluate(() => document.querySelector('#s').shadowRoot.querySelector('.sheet').textContent.replace(/\u00a0/g, ' '));
  assert.doesNotMatch(text, /Breathing:/);
  assert.match(text, /Tried a small pleasure/);
});

test('a plan begun today: its one day said once, and no count of nothing in the charts\' words', async () => {
  const opened = await openWith(ctx, ctx.fixture('summary.html'), {}, { goto: false, clock: { time: NOW } });
  const { page } = opened;
  await page.addInitScript(() => {
    const d = new Date();
    const today = Math.floor(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 864e5);
    const at = Date.now() - 3600e3;
    const doc = (kind, items) => JSON.stringify({ app: 'attune', kind, version: 1, cleared_at: 0, items });
    localStorage.setItem('attune.attune.plan', doc('plan', [{ plan: { id: 'plan-1', started: today, days: 14, updated_at: at } }]));
    localStorage.setItem('attune.attune.pleasure', doc('pleasure', [{ id: 'p-0', at, day: today, updated_at: at, act: 'song' }]));
  });
  await page.goto(ctx.fixture('summary.html'));
  await waitState(page, '#s', 'idle');
  await page.locator('#s label:has-text("This plan") input').check();
  const sheet = () => page.evaluate(() => {
    const root = document.querySelector('#s').shadowRoot;
    const said = root.querySelector('.group .visually-hidden[role="status"]').textContent.replace(/\u00a0/g, ' ');
    return { span: root.querySelector('.span').textContent.replace(/\u00a0/g, ' '), said, alts: [...root.querySelectorAll('.mini .alt')].map((el) => el.textContent) };
  });
  let s = await sheet();
  assert.equal(s.span, await label(page, 0), 'not "Mon, November 23 to Mon, November 23"');
  // (No small pleasure was tried: "none", not "no shift noticed", which says one was.)
  assert.deepEqual(s.alts, ['Some practice on 1 day', 'None on these days']);
  await page.locator('#s label:has-text("Last 7 days") input').check();
  s = await sheet();
  assert.equal(s.span, `${await label(page, 6)} to ${await label(page, 0)}`);
  // A screen reader hears the days a newly chosen period covers; the sheet shows them.
  assert.equal(s.said, s.span);
  // Only a new period is said: what to include changes the sheet, not its days.
  await page.evaluate(() => document.querySelector('#s').shadowRoot.querySelector('.group .visually-hidden').replaceChildren('x'));
  await page.locator('#s input[name="include"]').first().uncheck();
  assert.equal((await sheet()).said, 'x');
  // A kind left out takes its chart with it: its "none" would not be true of what was there.
  const boxes = page.locator('#s input[name="include"]');
  await boxes.nth(3).uncheck(); // small pleasures
  s = await sheet();
  assert.equal(s.alts.length, 1, s.alts.join(' | '));
  assert.match(s.alts[0], /practi[cs]/, 'the practice chart, not the shift chart');
  for (const i of [1, 4]) await boxes.nth(i).uncheck(); // the scans, the plan: no practice left in
  assert.deepEqual((await sheet()).alts, [], 'no "No exercise practised" over days of practice left out');
  // The check-ins alone go in, and there are none: that, not "Nothing was kept", which was.
  const empty = () => page.evaluate(() => document.querySelector('#s').shadowRoot.querySelector('.sheet .empty')?.textContent);
  assert.match(await empty(), /^Nothing kept for these days is chosen to go in\. That's all right/);
  await boxes.nth(3).check();
  assert.deepEqual((await sheet()).alts, ['Some practice on 1 day', 'None on these days']);
});

test('"This plan" with no plan: why the sheet is empty is said, in a live region', async () => {
  const { page } = await openWith(ctx, ctx.fixture('summary.html'), {}, { clock: { time: NOW } });
  await waitState(page, '#s', 'idle');
  const hint = () => page.evaluate(() => {
    const el = document.querySelector('#s').shadowRoot.querySelector('.group [role="status"]');
    return el && el.textContent;
  });
  assert.equal(await hint(), '', 'there from the start, quiet');
  const sheet = () => page.evaluate(() => {
    const root = document.querySelector('#s').shadowRoot;
    return {
      title: root.querySelector('#sheet-title')?.textContent ?? null,
      shown: !root.querySelector('[part~="sheet"]').hidden,
      print: root.querySelector('button[data-action="print"]').disabled,
      // The second Print, at the sheet's end, for a phone where the first is far above.
      end: !root.querySelectorAll('button[data-action="print"]')[1].parentElement.hidden,
    };
  });
  assert.deepEqual(await sheet(), { title: 'What I practised and noticed', shown: true, print: false, end: true });
  await page.locator('#s label:has-text("This plan") input').check();
  assert.match(await hint(), /^No plan is running/);
  assert.deepEqual(await sheet(), { title: null, shown: false, print: true, end: false }, 'no empty sheet, nothing to print');
  await page.locator('#s label:has-text("Last 7 days") input').check();
  assert.equal(await hint(), '');
  assert.deepEqual(await sheet(), { title: 'What I practised and noticed', shown: true, print: false, end: true });
  await page.evaluate(() => { window.printed = 0; window.print = () => { window.printed += 1; }; });
  await page.locator('#s .sheet ~ .form button[data-action="print"]').click();
  assert.equal(await page.evaluate(() => window.printed), 1, 'it prints, as the first does');
});

test('axe finds nothing wrong, at 1000 and 360 px, and nothing sticks out on a phone', async () => {
  for (const width of [1000, 360]) {
    const { page } = await open({ viewport: { width, height: 800 }, bypassCSP: true }); // axe is injected as a script
    const v = await axe(page);
    assert.deepEqual(v, [], JSON.stringify(v, null, 2));
    const overflow = await page.evaluate(() => {
      const root = document.querySelector('#s').shadowRoot;
      const base = root.querySelector('[part~="base"]').getBoundingClientRect();
      return [...root.querySelectorAll('*')].filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && (r.right > base.right + 1 || r.left < base.left - 1);
      }).map((e) => e.className || e.tagName);
    });
    assert.deepEqual(overflow, []);
  }
});

test('"Print a summary" in the tracker\'s records opens it there, and it prints alone', async () => {
  const { page } = await open();
  await page.evaluate(() => document.querySelector('#s').remove());
  await waitState(page, '#p', 'idle');
  await page.locator('#p details.data > summary').click();
  await button(page, '#p', 'summary').click();
  assert.equal(await button(page, '#p', 'summary').getAttribute('aria-expanded'), 'true');
  const inner = page.locator('#p .summary-host');
  await inner.locator('.sheet').waitFor();
  const f = await deepFocus(page);
  assert.deepEqual([f.tag, f.checked], ['input', true], 'the focus is on the chosen period, where its group is entered');
  // A screen reader's list of headings nests the summary in the records it opened from.
  const levels = await headings(page);
  const at = (name) => levels.find((h) => h.endsWith(` ${name}`));
  assert.deepEqual([at('A small pleasant moment'), at('A summary to bring to a session'), at('What I practised and noticed'), at('Day by day')],
    ['2 A small pleasant moment', '3 A summary to bring to a session', '4 What I practised and noticed', '5 Day by day']);
  // On screen the tracker's own care line, below, is said once, not again inside its records;
  // on paper the summary carries it.
  const cares = () => page.evaluate(() => {
    const root = document.querySelector('#p').shadowRoot;
    return [root, root.querySelector('.summary-host').shadowRoot]
      .map((r) => [...r.querySelectorAll('[part~="footer"]')].filter((f) => f.checkVisibility()).length);
  });
  assert.deepEqual(await cares(), [1, 0]);
  const { text, pages } = await printed(page);
  assert.ok(pages <= 2, `${pages} pages`);
  assert.match(text, /These exercises can support, not replace, professional care\./);
  assert.match(text, /A summary to bring to a session|What I practised/);
  assert.match(text, /Tried a small pleasure: something of my own/);
  assert.doesNotMatch(text, /A small pleasant moment|Your records|HOST PAGE TEXT|Hillside/);
  // It follows the tracker's look when that changes.
  await page.evaluate(() => document.querySelector('#p').setAttribute('theme', 'dark'));
  await page.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('.summary-host')
    ?.shadowRoot?.querySelector('[part~="base"]')?.getAttribute('data-theme') === 'dark');
  await button(page, '#p', 'summary').click();
  assert.equal(await page.locator('#p .summary-host').count(), 0, 'closed again');
});

test('in Spanish: the form, the sheet and the days speak Spanish', async () => {
  const { page } = await open();
  await page.evaluate(() => {
    const el = document.createElement('attune-summary');
    el.id = 'es';
    el.setAttribute('lang', 'es');
    el.setAttribute('period', '7');
    document.querySelector('main').append(el);
  });
  await waitState(page, '#es', 'idle');
  const text = await page.evaluate(() => document.querySelector('#es').shadowRoot.textContent.replace(/\u00a0/g, ' '));
  assert.match(text, /Un resumen para llevar a la sesión/);
  assert.match(text, /Últimos 7 días/);
  assert.match(text, /Lo que practiqué/);
  assert.match(text, /Respiración: respiración 4‑7‑8 · 4 respiraciones/);
  assert.match(text, /Probé un pequeño placer: algo propio/);
  assert.match(text, /De qué me gustaría hablar/);
  assert.doesNotMatch(text, /Breathing|Tried a small pleasure|What I/);
});

test('recorded through the widgets themselves over two weeks, then printed: each practice on its own day', async () => {
  const { page, log } = await openWith(ctx, ctx.fixture('records.html'), {}, { clock: { time: new Date('2026-11-10T09:00:00') } });
  await page.evaluate(() => {
    for (const [id, widget, opts] of [['b', 'breathing', { pattern: 'box', breaths: '1', rating: 'off' }], ['g', 'grounding', { rating: 'off' }], ['c', 'check-in', {}], ['p', 'pleasure', {}], ['plan', 'plan', {}]]) {
      const el = document.createElement('div');
      el.id = id;
      document.querySelector('#slot').append(el);
      Attune.mount(el, { widget, ...opts });
    }
  });
  for (const id of ['#b', '#g', '#c', '#p', '#plan']) await waitState(page, id, 'idle');
  await pauseClock(page);
  const day = (ago) => label(page, ago);
  // Nov 10: a breathing session and a check-in.
  await button(page, '#b', 'toggle').click();
  await page.clock.runFor(17_000);
  await waitState(page, '#b', 'done');
  await button(page, '#c', 'point', 0).click();
  const first = new Date(await page.evaluate(() => Date.now()));
  // Nov 14: the 5-4-3-2-1 scan, nothing right now at each sense; the plan begins, body ticked.
  await page.clock.fastForward(4 * 864e5);
  for (let i = 0; i < 5; i++) await button(page, '#g', 'nothing').click();
  await waitState(page, '#g', 'done');
  await button(page, '#plan', 'start').click();
  await waitState(page, '#plan', 'running');
  await button(page, '#plan', 'cue', 0).click();
  // Nov 20: a small pleasure.
  await page.clock.fastForward(6 * 864e5);
  await logPleasure(page, '#p', 5);
  // Nov 23: the summary of the last 14 days.
  await page.clock.fastForward(3 * 864e5);
  await page.evaluate(() => {
    const el = document.createElement('attune-summary');
    el.id = 's';
    document.querySelector('#slot').prepend(el);
  });
  await waitState(page, '#s', 'idle');
  const { text, pages } = await printed(page);
  assert.ok(pages <= 2, `${pages} pages`);
  // Each day's part of the page: from its heading (under "Day by day") to the next day's.
  const from = text.indexOf('Day by day');
  const to = text.indexOf('What I\'d like to talk about');
  const heads = [];
  for (let ago = 13; ago >= 0; ago--) {
    const at = text.indexOf(await day(ago), from);
    if (at >= 0 && at < to) heads.push([ago, at]);
  }
  heads.sort((x, y) => x[1] - y[1]);
  assert.deepEqual(heads.map(([ago]) => ago), [13, 9, 3], 'the three days with practice, and no others');
  const section = (ago) => {
    const i = heads.findIndex(([a]) => a === ago);
    return text.slice(heads[i][1], i + 1 < heads.length ? heads[i + 1][1] : to);
  };
  assert.equal(first.getDate(), 10, 'the clock began on the 10th');
  assert.match(section(13), /Breathing: Box breathing · 1 breath/);
  assert.match(section(13), /Check-in: Shut down and numb/);
  assert.match(section(9), /5\u20114\u20113\u20112\u20111 exercise · nothing at the time: sight, touch, hearing, smell, taste/);
  assert.match(section(9), /Plan, day 1: Body/);
  assert.match(section(3), /Tried a small pleasure: A short walk/);
  assert.doesNotMatch(text, /Where are you right now|Breathe with the circle|A small pleasant moment/, 'only the summary is printed');
  assert.deepEqual(log.pageErrors, []);
});

// Widgets of one page keep their own copies of the records: each must hear of the others' writes
// once they have landed (a write may wait for the namespace's lock), or a summary on the page
// would go on showing, and printing, an entry the visitor has just deleted.
test('a summary on the page follows the other widgets at once: a session, a small pleasure, its deletion', async () => {
  const { page, log } = await openWith(ctx, ctx.fixture('records.html'), {}, { clock: { time: new Date('2026-11-23T09:00:00') } });
  await page.evaluate(() => {
    for (const [id, widget, opts] of [['s', 'summary', { period: '7' }], ['b', 'breathing', { pattern: 'box', breaths: '1', rating: 'off' }], ['p', 'pleasure', {}]]) {
      const el = document.createElement('div');
      el.id = id;
      document.querySelector('#slot').append(el);
      Attune.mount(el, { widget, ...opts });
    }
  });
  for (const id of ['#s', '#b', '#p']) await waitState(page, id, 'idle');
  const sheet = () => page.locator('#s').evaluate((el) => el.shadowRoot.textContent.replace(/\u00a0/g, ' '));
  assert.doesNotMatch(await sheet(), /Breathing: Box breathing|Tried a small pleasure:/);
  await pauseClock(page);
  await button(page, '#b', 'toggle').click();
  await page.clock.runFor(17_000);
  await waitState(page, '#b', 'done');
  await page.waitForFunction(() => /Breathing: Box breathing · 1\sbreath/.test(document.querySelector('#s').shadowRoot.textContent));
  await logPleasure(page, '#p', 5);
  await page.waitForFunction(() => /Tried a small pleasure: A short walk/.test(document.querySelector('#s').shadowRoot.textContent));
  await page.locator('#p button[data-action="entry-delete"]').click();
  await button(page, '#p', 'entry-delete-yes').click();
  await page.waitForFunction(() => !/Tried a small pleasure:/.test(document.querySelector('#s').shadowRoot.textContent));
  assert.match(await sheet(), /Breathing: Box breathing · 1\sbreath/, 'the session stays');
  assert.deepEqual(log.pageErrors, []);
});

test('a summary left open overnight shows the new day\'s period and date without a reload', async () => {
  const { page } = await openWith(ctx, ctx.fixture('summary.html'), {}, { clock: { time: new Date('2026-03-20T23:50:00') } });
  await waitState(page, '#s', 'idle');
  const sheet = () => page.locator('#s').evaluate((el) => el.shadowRoot.querySelector('.sheet').textContent.replace(/\u00a0/g, ' '));
  assert.match(await sheet(), /Made on Fri, March 20/);
  await page.clock.fastForward('08:30:00');
  await page.waitForFunction(() => /Made on Sat,.March.21/.test(document.querySelector('#s').shadowRoot.querySelector('.sheet').textContent));
  assert.match(await sheet(), /to Sat, March 21/);
});


test('a day in another year than today\'s carries its year: two weeks over New Year, a plan of a year ago', async () => {
  const at = async (time, seeding) => {
    const { page } = await openWith(ctx, ctx.fixture('summary.html'), {}, { goto: false, clock: { time: new Date(time) } });
    await page.addInitScript(seeding);
    await page.goto(ctx.fixture('summary.html'));
    await waitState(page, '#s', 'idle');
    return page;
  };
  const sheet = (page) => page.evaluate(() => {
    const root = document.querySelector('#s').shadowRoot;
    const all = (q) => [...root.querySelectorAll(q)].map((el) => el.textContent.replace(/\u00a0/g, ' '));
    return { span: all('.span')[0], days: all('.days dt'), ends: all('.mini .axis span') };
  });
  // The last 14 days on 5 January: late December's days are last year's, and say so.
  let page = await at('2027-01-05T10:00:00', seed);
  let s = await sheet(page);
  assert.equal(s.span, 'Wed, December 23, 2026 to Tue, January 5');
  assert.ok(s.days.includes('Thu, December 31, 2026') && s.days.includes('Fri, January 1'), s.days.join(' | '));
  assert.deepEqual(s.ends.slice(0, 2), ['Wed, December 23, 2026', 'Tue, January 5'], 'under the charts too');
  await page.locator('#s label:has-text("Last 7 days") input').check();
  assert.equal((await sheet(page)).span, 'Wed, December 30, 2026 to Tue, January 5');
  // A plan of 14 days ended a year ago, never begun afresh: its own year, not this spring's.
  page = await at('2026-04-05T10:00:00', () => {
    const started = Math.floor(Date.UTC(2025, 2, 20) / 864e5);
    const at = Date.UTC(2025, 2, 20, 9);
    const doc = (kind, items) => JSON.stringify({ app: 'attune', kind, version: 1, cleared_at: 0, items });
    localStorage.setItem('attune.attune.plan', doc('plan', [
      { plan: { id: 'plan-1', started, days: 14, updated_at: at } },
      { day: { id: 'plan-1.0', plan: 'plan-1', index: 0, done: 5, updated_at: at } },
    ]));
  });
  await page.locator('#s label:has-text("This plan") input').check();
  s = await sheet(page);
  assert.equal(s.span, 'Thu, March 20, 2025 to Wed, April 2, 2025');
  assert.deepEqual(s.days, ['Thu, March 20, 2025']);
  // This year's days keep their short form.
  await page.locator('#s label:has-text("Last 7 days") input').check();
  assert.equal((await sheet(page)).span, 'Mon, March 30 to Sun, April 5');
});

test('at twice the text size on a phone, the choices\' words that take two lines keep clear of the next choice\'s', async () => {
  // (A 375 px phone zoomed to 200%: 188 CSS pixels across.)
  const { page } = await openWith(ctx, ctx.fixture('summary.html'), { viewport: { width: 188, height: 370 }, deviceScaleFactor: 2 }, { clock: { time: NOW } });
  await waitState(page, '#s', 'idle');
  const gaps = await page.evaluate(() => {
    const spans = [...document.querySelector('#s').shadowRoot.querySelectorAll('.choice span')].map((s) => s.getBoundingClientRect());
    return { tall: spans.filter((r) => r.height > 30).length, h: spans.map((r) => Math.round(r.height)), gaps: spans.slice(1).map((r, i) => Math.round(r.top - spans[i].bottom)) };
  });
  assert.ok(gaps.tall >= 2, `some words take two lines here: ${JSON.stringify(gaps)}`);
  assert.ok(gaps.gaps.every((g) => g >= 5), `between the choices' words: ${gaps.gaps.join(', ')} px`);
});

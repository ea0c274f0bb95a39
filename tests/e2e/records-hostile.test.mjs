// The visitor's records in a hostile world: a full quota, one kind that can't be written, two
// tabs racing, a page that bends JSON, data from a newer version, imports that can't be stored
// or hide the visitor's own plan, a JSON.parse that hands back a trap. Nothing is lost, and
// nothing is said that did not happen.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  button, scratch, deleteAll, events, logPleasure, openData, newTab, openWith, setHidden, settled, shadowText, shadowTexts, stored, takeLock, useBrowser, waitState,
} from './helpers.mjs';

const ctx = useBrowser();
const W = '#p';
const KEY = 'attune.attune.pleasure';
const PLAN_KEY = 'attune.attune.plan';
const NOTICE = '[part~="notice"]';
const FULL = 'New entries can\'t be kept right now: this browser\'s storage is full. What was saved before stays as it is.';

const logEntry = (page, act, sel = W) => logPleasure(page, sel, act);

const recent = (page, sel = W) => shadowTexts(page, sel, '.recent .what');
const status = (page, sel = W) => shadowText(page, sel, '.data-status');
const noticeShown = (page, sel = W) => page.evaluate(([s, n]) => {
  const el = document.querySelector(s).shadowRoot.querySelector(n);
  return el && !el.hidden ? el.textContent : null;
}, [sel, NOTICE]);

async function download(page, action, sel = W) {
  await openData(page, sel);
  const [file] = await Promise.all([page.waitForEvent('download'), button(page, sel, action).click()]);
  return readFileSync(await file.path(), 'utf8');
}

// Fills localStorage with junk under keys of its own until not one more character fits.
const fillStorage = (page, area = 'localStorage') => page.evaluate((a) => {
  let i = 0;
  for (let size = 1 << 20; size >= 1; size >>= 1) {
    const chunk = 'x'.repeat(size);
    try {
      for (;;) window[a].setItem(`junk-${i++}`, chunk);
    } catch { /* full at this size; try smaller */ }
  }
}, area);

const freeStorage = (page) => page.evaluate(() => {
  for (const k of Object.keys(localStorage)) if (k.startsWith('junk-')) localStorage.removeItem(k);
});

async function chooseFile(page, text, sel = W) {
  const path = scratch(`import-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, text);
  await openData(page, sel);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button(page, sel, 'import').click()]);
  await chooser.setFiles(path);
}

const entry = (i, over = {}) => ({
  id: `imp${String(i).padStart(6, '0')}-abcdefg`,
  at: 1795435200000 + i,
  day: 20780,
  updated_at: 1795435200000 + i,
  act: 'walk',
  ...over,
});

const pleasureFile = (items) => JSON.stringify({ app: 'attune', kind: 'pleasure', version: 1, cleared_at: 0, items });

test('a full quota: stored records are shown, exported and really deleted, and the notice says new entries can\'t be kept', async () => {
  const { page } = await openWith(ctx, ctx.fixture('pleasure.html'), { acceptDownloads: true });
  await waitState(page, W, 'idle');
  await logEntry(page, 0);
  await logEntry(page, 6);
  const ids = (await stored(page, KEY)).json.items.map((e) => e.id).sort();
  assert.equal(ids.length, 2);

  await fillStorage(page);
  await page.reload();
  await waitState(page, W, 'idle');
  assert.deepEqual((await recent(page)).sort(), ['A favourite song from before', 'A warm drink'], 'what is stored is shown');
  assert.equal(await noticeShown(page), FULL);

  // A new entry is kept for this visit only, and the notice stays honest.
  await logEntry(page, 3);
  assert.equal((await recent(page)).length, 3);
  assert.equal(await noticeShown(page), FULL);
  assert.equal((await stored(page, KEY)).json.items.length, 2, 'nothing half-written');

  // Export holds everything stored (and what this visit added), in JSON and CSV.
  const file = JSON.parse(await download(page, 'export-json'));
  const exported = file.pleasure.items.map((e) => e.id);
  for (const id of ids) assert.ok(exported.includes(id), `${id} exported`);
  const csv = await download(page, 'export-csv');
  assert.equal(csv.trim().split('\n').length, 1 + 3, 'a header and every entry');

  // Delete everything works on a full quota, and says so only because it is true.
  await deleteAll(page);
  await page.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent !== '');
  assert.equal(await status(page), 'Everything was deleted.');
  const after = await stored(page, KEY);
  assert.ok(after.raw === null || after.json.items.length === 0, `nothing left: ${after.raw}`);
  await freeStorage(page);
  await page.reload();
  await waitState(page, W, 'idle');
  assert.deepEqual(await recent(page), [], 'and nothing comes back');
});

test('damaged stored data that can\'t be copied aside (a full quota): the widget says new entries can\'t be kept, not "Saved", and keeps them once there is room', async () => {
  const { page } = await openWith(ctx, ctx.fixture('pleasure.html'));
  await waitState(page, W, 'idle');
  const damaged = '{"app":"attune","kind":"pleasure","version":1,"items":[{"id":"x1","text":"cut';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, damaged]);
  await fillStorage(page);
  await page.reload();
  await waitState(page, W, 'idle');
  assert.equal(await noticeShown(page), FULL, 'not "kept safe": no copy could be made');
  await logEntry(page, 0);
  assert.match(await shadowText(page, W, '.saved'), /^Kept while this page stays open\./);
  assert.equal((await stored(page, KEY)).raw, damaged, 'never written over');
  // Room again: as the visitor switches tabs (or closes this one), the damaged text is copied
  // aside and the entry kept; the next entry is simply saved.
  await freeStorage(page);
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
  await page.waitForFunction(() => /^Saved\./.test(document.querySelector('#p').shadowRoot.querySelector('.saved').textContent));
  const aside = await page.evaluate((k) => Object.keys(localStorage).filter((x) => x.startsWith(`${k}.aside.`)).map((x) => localStorage.getItem(x)), KEY);
  assert.deepEqual(aside, [damaged]);
  assert.equal((await stored(page, KEY)).json.items.length, 1);
  await logEntry(page, 3);
  assert.equal((await stored(page, KEY)).json.items.length, 2);
  assert.equal(await noticeShown(page), 'Some saved data couldn\'t be read. It\'s kept safe and untouched; you can export it.');
});

// Months of entries, one of them outside the schema's limits (a shift of 11 on a 0-10 scale):
// the whole history can't be read. With storage full it can't be copied aside either, so the
// stored text is the only copy there is. An import once wrote over it for good, and Export
// said it had saved everything into a file that held nothing.
test('a damaged history that can\'t be copied aside (a full quota): an import is refused, Export says what it left out, and "Export the kept data" saves it as it is', async () => {
  const { page } = await openWith(ctx, ctx.fixture('pleasure.html'), { acceptDownloads: true });
  await waitState(page, W, 'idle');
  const history = Array.from({ length: 300 }, (_, i) => entry(i, { act: 'own', text: `a walk by the river with the dog, slowly, ${i}`, shift: i === 7 ? 11 : 3 }));
  const damaged = pleasureFile(history);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, damaged]);
  await fillStorage(page);
  await page.reload();
  await waitState(page, W, 'idle');
  assert.equal(await noticeShown(page), FULL);

  // A one-entry backup, much smaller than the history: it would fit in its place.
  await chooseFile(page, pleasureFile([entry(9999, { act: 'song' })]));
  await page.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent !== '');
  assert.equal(await status(page), 'This file couldn\'t be stored: this browser\'s storage is full. Nothing was changed.');
  assert.equal((await stored(page, KEY)).raw, damaged, 'the history is still there, as it was');

  // Export says it holds only what could be read, and offers the rest.
  const file = JSON.parse(await download(page, 'export-json'));
  assert.equal(file.pleasure.items.length, 0, 'nothing of the history could be read');
  assert.equal(await status(page), 'Exported what could be read. Some saved data couldn\'t be read, so it isn\'t in this file; “Export the kept data” saves it as it is.');
  assert.equal(await button(page, W, 'export-kept').isVisible(), true);
  const kept = JSON.parse(await download(page, 'export-kept'));
  assert.deepEqual(kept.items.filter((i) => i.key === KEY), [{ key: KEY, value: damaged }], 'the stored text, whole');
  assert.equal(await noticeShown(page), FULL);
});

test('an entry saved while another tab holds the records\' lock is written as this tab closes, not lost with it', async () => {
  const { context, page: a } = await openWith(ctx, ctx.fixture('pleasure.html'));
  await waitState(a, W, 'idle');
  const { page: b } = await newTab(ctx, context, ctx.fixture('pleasure.html'));
  await waitState(b, W, 'idle');
  // A slow tab holds the namespace's lock for a while.
  await b.evaluate(() => { navigator.locks.request('attune:attune', () => new Promise((r) => setTimeout(r, 8000))); });
  await a.bringToFront();
  await logEntry(a, 0);
  const now = (page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) || 'null'), KEY);
  assert.equal(await now(a), null, 'waiting for the lock');
  await a.close({ runBeforeUnload: true });
  // Another tab sees a write a moment later (storage is copied between tabs by the browser);
  // well before the lock is free (8 s), and a closed tab's request for it is dropped.
  await b.waitForFunction((k) => JSON.parse(localStorage.getItem(k) || 'null')?.items.length === 1, KEY, { timeout: 4000 });
  assert.equal((await now(b))?.items.length, 1, 'written as the tab closed, before the lock was free');
});

// An entry in the visitor's own words, through the tracker's steps (after any entry before it).
// A second tracker of the same records, `#q`.
const secondTracker = (page, id = 'q') => page.evaluate((i) => {
  const el = document.createElement('attune-pleasure');
  el.id = i;
  document.querySelector('main').append(el);
}, id);

async function logOwn(page, words, sel = W) {
  const again = button(page, sel, 'again');
  if (await again.isVisible()) await again.click();
  await page.locator(`${sel} #own`).fill(words);
  await button(page, sel, 'now').click();
  await button(page, sel, 'next').click();
  await button(page, sel, 'save').click();
  await waitState(page, sel, 'done');
}

// Lets go of the lock `takeLock(page)` took (another tab's slow write) in the page.
const release = (page) => page.evaluate(() => window.release());

// "Delete everything" empties the history on screen at once, and storage follows under the
// namespace's lock. Clicked while another tab held that lock, then the tab closed: the clear
// waited for the lock and was lost with the tab, and the visitor's words came back.
test('"Delete everything" while another tab holds the records\' lock is written as this tab closes: the entries do not come back', async () => {
  const { context, page: a } = await openWith(ctx, ctx.fixture('pleasure.html'));
  await waitState(a, W, 'idle');
  await logEntry(a, 0);
  await logOwn(a, 'very private words');
  await settled(a);
  const { page: b } = await newTab(ctx, context, ctx.fixture('pleasure.html'));
  await waitState(b, W, 'idle');
  assert.equal((await recent(b)).length, 2);
  await takeLock(b);

  await a.bringToFront();
  await deleteAll(a);
  assert.deepEqual(await recent(a), [], 'the history empties at once');
  assert.notEqual(await status(a), 'Everything was deleted.', 'not said to be deleted while it waits');
  const now = (page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) || 'null'), KEY);
  assert.equal((await now(b)).items.length, 2, 'storage waits for the lock');

  await a.close({ runBeforeUnload: true });
  // The other tab sees the cleared document while it still holds the lock.
  await b.waitForFunction((k) => JSON.parse(localStorage.getItem(k) || 'null')?.items.length === 0, KEY, { timeout: 3000 });
  assert.deepEqual(await b.evaluate(async () => (await navigator.locks.query()).held.map((l) => l.name)), ['attune:attune'], 'before the lock was free');
  assert.ok((await now(b)).cleared_at > 0);

  // Once the lock is free nothing writes the entries back, and a reload finds none.
  await release(b);
  const after = await stored(b, KEY);
  assert.deepEqual(after.json.items, []);
  assert.ok(!after.raw.includes('very private words'), after.raw);
  await b.reload();
  await waitState(b, W, 'idle');
  assert.deepEqual(await recent(b), [], 'the tracker shows no entries');
  assert.deepEqual((await stored(b, KEY)).json.items, []);
});

// "Delete everything" clicked while another tab held the lock, then an entry saved before the
// lock came. The wipe took it with the entries of before the click, though the visitor saw it
// saved after the history had gone; and so it did, once that was mended at first, where this
// page had written it before the wipe: a hidden page writes at once; a write asked for before
// the click goes first, with what was saved after the click riding along; a second click's
// wipe took the first's kept entry for an old one; the wipe's own write refused. Each stays
// now; everything from before each click goes, and "Everything was deleted." is true.
const waitDeleted = (page, sel = W) => page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector('.data-status').textContent !== '', sel).then(() => status(page, sel));
const storedTexts = async (page) => ((await stored(page, KEY)).json?.items ?? []).map((i) => i.text);

test('what is saved after "Delete everything", while it waits for the lock, stays, also where this page wrote it first (a hidden page, a write asked for before the click, a second click) or the wipe could not write; the page\'s other tracker empties at once', async () => {
  for (const how of ['plain', 'hidden', 'queued', 'twice', 'refused']) {
    const { context, page: a } = await openWith(ctx, ctx.fixture('pleasure.html'));
    await waitState(a, W, 'idle');
    if (how === 'queued') {
      await secondTracker(a);
      await waitState(a, '#q', 'idle');
    }
    const sel = how === 'queued' ? '#q' : W;
    await logOwn(a, 'before the click');
    await settled(a);
    const { page: b } = await newTab(ctx, context, ctx.fixture('pleasure.html'));
    await waitState(b, W, 'idle');
    await takeLock(b);
    await a.bringToFront();
    if (how === 'queued') await logOwn(a, 'waiting before the click', sel);
    await deleteAll(a);
    assert.deepEqual(await recent(a), [], 'the history empties at once');
    // In the page's other tracker too: it offered the old entries to be changed until the end.
    if (how === 'queued') assert.deepEqual(await recent(a, '#q'), [], 'in the other tracker too');
    if (how === 'twice') {
      await logOwn(a, 'between the clicks');
      await deleteAll(a);
    }
    await logOwn(a, 'after the click', sel);
    if (how === 'hidden') {
      await setHidden(a, true);
      await a.waitForFunction((k) => (localStorage.getItem(k) || '').includes('after the click'), KEY);
      await setHidden(a, false);
    }
    if (how === 'refused') {
      // The wipe's write is refused once (a full storage): it was written as a bare clear by
      // the next write, and the other tab read the removed key as a clear past the entry.
      await a.evaluate((k) => {
        const set = Storage.prototype.setItem;
        let once = true;
        Storage.prototype.setItem = function (key, v) {
          if (once && key === k) {
            once = false;
            throw new DOMException('full', 'QuotaExceededError');
          }
          return set.call(this, key, v);
        };
      }, KEY);
    }
    await release(b);
    assert.equal(await waitDeleted(a), 'Everything was deleted.', how);
    await settled(a);
    assert.deepEqual(await storedTexts(a), ['after the click'], how);
    const after = (await stored(a, KEY)).json;
    assert.ok(after.items[0].updated_at > after.cleared_at, how);
    await a.reload();
    await waitState(a, W, 'idle');
    assert.deepEqual(await recent(a), ['after the click'], how);
    await context.close();
  }
});

// A page with trackers in both storages. "Delete everything" in one left alone a write still
// waiting in the other (nothing stored there yet), and said everything was deleted; an entry
// saved in the other after the click was deleted; an entry the other held unwritten from
// before the click (a full storage) outlived "Everything was deleted.".
test('"Delete everything" with trackers in both storages: a write still waiting in the other goes too, what is saved there after the click stays, an unwritten one from before goes', async () => {
  const inSlot = (page, id, storage) => page.evaluate(([i, st]) => {
    const el = document.createElement('div');
    el.id = i;
    document.querySelector('#slot').append(el);
    Attune.mount(el, { widget: 'pleasure', storage: st });
  }, [id, storage]);
  const open = async () => {
    const { context, page } = await openWith(ctx, ctx.fixture('records.html'));
    await inSlot(page, 'p', 'local');
    await inSlot(page, 's', 'session');
    await waitState(page, W, 'idle');
    await waitState(page, '#s', 'idle');
    return { context, page };
  };
  const inSession = (page) => page.evaluate((k) => JSON.parse(sessionStorage.getItem(k) || '{"items":[]}').items.map((i) => i.text), KEY);

  // Deleted from the session tracker while the local one's write waits for another tab.
  let { context, page } = await open();
  await logOwn(page, 'session, before', '#s');
  let { page: b } = await newTab(ctx, context, ctx.fixture('records.html'));
  await takeLock(b);
  await page.bringToFront();
  await logOwn(page, 'local, waiting before the click');
  await deleteAll(page, '#s');
  await page.waitForTimeout(300);
  assert.equal(await status(page, '#s'), '', 'not said while the local write waits');
  await release(b);
  assert.equal(await waitDeleted(page, '#s'), 'Everything was deleted.');
  await settled(page);
  assert.deepEqual(await storedTexts(page), []);
  assert.deepEqual(await inSession(page), []);
  await context.close();

  // Saved in the session tracker after a click in the local one, which waits.
  ({ context, page } = await open());
  await logOwn(page, 'local, before');
  await logOwn(page, 'session, before', '#s');
  await settled(page);
  ({ page: b } = await newTab(ctx, context, ctx.fixture('records.html')));
  await takeLock(b);
  await page.bringToFront();
  await deleteAll(page);
  // It showed its old entries, to be changed, until the wipe reached it.
  assert.deepEqual(await recent(page, '#s'), [], 'the session tracker empties at once too');
  await logOwn(page, 'session, after the click', '#s');
  await release(b);
  assert.equal(await waitDeleted(page), 'Everything was deleted.');
  await settled(page);
  assert.deepEqual(await storedTexts(page), []);
  assert.deepEqual(await inSession(page), ['session, after the click']);
  await context.close();

  // The session tracker holds an entry it could not store (a full sessionStorage).
  ({ context, page } = await open());
  await logOwn(page, 'local, before');
  await logOwn(page, 'session, stored', '#s');
  await fillStorage(page, 'sessionStorage');
  await logOwn(page, 'session, never stored', '#s');
  await settled(page);
  await deleteAll(page);
  const said = await waitDeleted(page);
  await settled(page);
  if (said === 'Everything was deleted.') assert.deepEqual(await inSession(page), []);
  await page.evaluate(() => { for (const k of Object.keys(sessionStorage)) if (k.startsWith('junk-')) sessionStorage.removeItem(k); });
  await page.reload();
  await inSlot(page, 's', 'session');
  await waitState(page, '#s', 'idle');
  assert.deepEqual(await recent(page, '#s'), [], said);
  await context.close();
});

// An import chosen while another tab holds the lock waits for it, and so does a "Delete
// everything" chosen after it. The import lands first and is said; then everything, the
// imported entry too, is deleted, as is said. (A wipe that kept what memory held after the
// click let that entry, restamped past the click by the import, outlive "Everything was
// deleted.")
test('an import waiting for the lock, then "Delete everything": the imported entry is deleted too, as is said', async () => {
  const { context, page: a } = await openWith(ctx, ctx.fixture('pleasure.html'));
  await waitState(a, W, 'idle');
  const { page: b } = await newTab(ctx, context, ctx.fixture('pleasure.html'));
  await waitState(b, W, 'idle');
  await takeLock(b);
  await a.bringToFront();
  const old = await a.evaluate(() => Date.now() - 3 * 86400000);
  const file = { app: 'attune', kind: 'pleasure', version: 1, cleared_at: 0, items: [entry(1, { at: old, updated_at: old, day: Math.floor(old / 86400000) })] };
  await chooseFile(a, JSON.stringify(file));
  await a.waitForFunction(() => navigator.locks.query().then((q) => q.pending.length > 0));
  await deleteAll(a);
  await release(b);
  await a.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent === 'Everything was deleted.');
  const after = await stored(a, KEY);
  assert.deepEqual(after.json.items, [], after.raw);
  assert.deepEqual(await recent(a), []);
});

test('delete everything says so when one kind could not be deleted, and the records stay shown as they are', async () => {
  const { page } = await openWith(ctx, ctx.fixture('records.html'));
  await page.evaluate(() => {
    const plan = { app: 'attune', kind: 'plan', version: 1, cleared_at: 0, items: [{ plan: { id: 'kept-plan', started: 20780, days: 14, updated_at: 1795435200000 } }] };
    localStorage.setItem('attune.attune.plan', JSON.stringify(plan));
    // This browser refuses every write and removal of the plans, and nothing else.
    const set = Storage.prototype.setItem;
    const remove = Storage.prototype.removeItem;
    const refuse = () => { throw new DOMException('refused', 'QuotaExceededError'); };
    Storage.prototype.setItem = function (k, v) { return k === 'attune.attune.plan' ? refuse() : set.call(this, k, v); };
    Storage.prototype.removeItem = function (k) { return k === 'attune.attune.plan' ? refuse() : remove.call(this, k); };
    const el = document.createElement('div');
    el.id = 'p';
    document.querySelector('#slot').append(el);
    Attune.mount(el, { widget: 'pleasure' });
  });
  await waitState(page, W, 'idle');
  await logEntry(page, 1);
  await deleteAll(page);
  await page.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent !== '');
  assert.match(await status(page), /^Not everything could be deleted/);
  assert.equal((await stored(page, PLAN_KEY)).json.items.length, 1, 'the plan is really still there');
  assert.equal((await stored(page, KEY)).json.items.length, 0, 'the entries are really gone');
});

test('delete everything reaches the namespace in both storages (a site keeps some widgets in session, some in local), and writes none that held nothing; the export offered first holds both', async () => {
  const { page } = await openWith(ctx, ctx.fixture('records.html'), { acceptDownloads: true });
  const mount = (id, options) => page.evaluate(([id, options]) => {
    const el = document.createElement('div');
    el.id = id;
    document.querySelector('#slot').append(el);
    Attune.mount(el, { widget: 'pleasure', ...options });
  }, [id, options]);
  // #p in the given storage, #q in localStorage (the default), an entry logged in each (or
  // in #q alone).
  const both = async (storage, entries = [[W, 1], ['#q', 2]]) => {
    await mount('p', { storage });
    await mount('q', {});
    await waitState(page, W, 'idle');
    await waitState(page, '#q', 'idle');
    for (const [sel, act] of entries) await logEntry(page, act, sel);
  };
  await both('session');
  const inSession = () => page.evaluate((k) => JSON.parse(sessionStorage.getItem(k) || '{"items":[]}').items.length, KEY);
  assert.equal(await inSession(), 1);
  assert.equal((await stored(page, KEY)).json.items.length, 1);

  // Its export, which the deletion's confirm step offers first, holds what the deletion takes:
  // the entry in this tab's storage and the one on disk.
  await openData(page);
  const [json] = await Promise.all([page.waitForEvent('download'), button(page, W, 'export-json').click()]);
  const bundle = JSON.parse(readFileSync(await json.path(), 'utf8'));
  assert.equal(bundle.pleasure.items.length, 2, 'both storages\' entries');
  assert.equal(await status(page), `Saved as a file: ${json.suggestedFilename()}.`, 'the whole of it');

  // From the widget kept in this tab only: the entry on disk goes too.
  await deleteAll(page);
  await page.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent !== '');
  assert.equal(await status(page), 'Everything was deleted.');
  assert.equal(await inSession(), 0);
  assert.equal((await stored(page, KEY)).json.items.length, 0, 'the local entry is gone');
  assert.deepEqual(await recent(page, '#q'), [], 'and the local widget shows it');
  await page.reload();
  await mount('q', {});
  await waitState(page, '#q', 'idle');
  assert.deepEqual(await recent(page, '#q'), [], 'nothing comes back after a reload');

  // A storage that held nothing of the namespace is not written to, not even probed.
  await page.evaluate(() => { localStorage.clear(); sessionStorage.clear(); });
  await page.reload();
  await mount('p', { storage: 'session' });
  await waitState(page, W, 'idle');
  await logEntry(page, 3);
  await page.evaluate(() => {
    window.__localWrites = [];
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (this === localStorage) window.__localWrites.push(k);
      return set.call(this, k, v);
    };
  });
  await deleteAll(page);
  await page.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent !== '');
  assert.equal(await status(page), 'Everything was deleted.');
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), [], 'localStorage untouched');
  assert.deepEqual(await page.evaluate(() => window.__localWrites), []);

  // Widgets that keep nothing (storage="none") hold their entries in the page: those go too.
  await page.reload();
  await both('none', [[W, 4], ['#q', 5]]);
  await deleteAll(page, '#q');
  await page.waitForFunction(() => document.querySelector('#q').shadowRoot.querySelector('.data-status').textContent !== '');
  assert.equal(await status(page, '#q'), 'Everything was deleted.');
  assert.deepEqual(await recent(page), [], 'the entry kept in the page is gone too');

  // The other storage can't be read at that moment: what it holds is not said to be deleted.
  await page.reload();
  await both('session', [['#q', 6]]);
  await page.evaluate(() => {
    const get = Storage.prototype.getItem;
    Storage.prototype.getItem = function (k) {
      if (this === localStorage) throw new DOMException('refused', 'SecurityError');
      return get.call(this, k);
    };
  });
  await deleteAll(page);
  await page.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent !== '');
  assert.match(await status(page), /^Not everything could be deleted/);
});

// A site keeps some widgets in this tab's storage and the tracker on disk; the practice
// sessions in sessionStorage can't be read (cut short, or written by a newer Attune). Export
// said "Export the kept data" saves them as they are, but that button only looked in the
// tracker's own storage: it never appeared, and "Delete everything" then erased the only copy.
for (const [what, damaged] of [
  ['damaged', '{"app":"attune","kind":"sessions","version":1,"items":[{"id":"0mxabc-1","widget":"grounding","at":17'],
  ['from a newer version', '{"app":"attune","kind":"sessions","version":9,"items":[{"shape":"new"}]}'],
]) {
  test(`sessions ${what} in the other storage: Export says what it left out, and "Export the kept data" saves them as they are`, async () => {
    const { page } = await openWith(ctx, ctx.fixture('pleasure.html'), { acceptDownloads: true });
    await waitState(page, W, 'idle');
    await logEntry(page, 0);
    const SESSIONS = 'attune.attune.sessions';
    await page.evaluate(([k, v]) => sessionStorage.setItem(k, v), [SESSIONS, damaged]);
    await page.reload();
    await waitState(page, W, 'idle');

    const file = JSON.parse(await download(page, 'export-json'));
    assert.equal(file.pleasure.items.length, 1, 'the tracker\'s entry');
    assert.equal(file.sessions.items.length, 0, 'nothing of the unreadable sessions');
    assert.equal(await status(page), 'Exported what could be read. Some saved data couldn\'t be read, so it isn\'t in this file; “Export the kept data” saves it as it is.');
    // The panel closed and opened again shows it too.
    await page.locator(`${W} details.data > summary`).click();
    await openData(page);
    assert.equal(await button(page, W, 'export-kept').isVisible(), true, '"Export the kept data" is offered');
    const kept = JSON.parse(await download(page, 'export-kept'));
    const theirs = kept.items.filter((i) => i.key.startsWith(SESSIONS));
    assert.equal(theirs.length, 1, JSON.stringify(kept.items));
    assert.equal(theirs[0].value, damaged, 'the stored text, whole');
    assert.equal(await page.evaluate((k) => sessionStorage.getItem(k), SESSIONS), damaged, 'and still untouched');
  });
}

// A record stamped before 1970 or after 3000 is one no stored document may hold: it once made
// the whole history unreadable, for good, even once the clock was right again.
for (const [when, clock] of [['before 1970 (a clock reset to zero, a time zone east of UTC)', '1969-12-31T12:00:00Z'], ['after 3000', '3000-06-01T12:00:00Z']]) {
  test(`a clock set ${when}: the entry saved then is kept, and the history stays readable`, async () => {
    const first = await openWith(ctx, ctx.fixture('pleasure.html'), { timezoneId: 'Asia/Kolkata' }, { clock: { time: new Date('2026-11-23T10:00:00Z') } });
    await waitState(first.page, W, 'idle');
    await logEntry(first.page, 0);
    await settled(first.page); // (the entry is written under the records' lock, a moment later)
    const state = await first.context.storageState();
    const { page } = await openWith(ctx, ctx.fixture('pleasure.html'), { timezoneId: 'Asia/Kolkata', storageState: state }, { clock: { time: new Date(clock) } });
    await waitState(page, W, 'idle');
    await logEntry(page, 6);
    await page.reload();
    await waitState(page, W, 'idle');
    assert.equal(await noticeShown(page), null, 'nothing said to be unreadable');
    assert.equal((await recent(page)).length, 2);
    const items = (await stored(page, KEY)).json.items;
    assert.ok(items.every((e) => e.at >= 0 && e.at <= 32503680000000), JSON.stringify(items.map((e) => e.at)));
  });
}

// Entries saved while the clock was past 3000 carry the last time a record may; "Delete
// everything" once took that time, so every entry saved after it was dropped by the next read,
// each one said to be saved.
test('"Delete everything" after a clock past 3000: the entries saved after it are kept', async () => {
  const first = await openWith(ctx, ctx.fixture('pleasure.html'), { timezoneId: 'UTC' }, { clock: { time: new Date('3001-01-01T10:00:00Z') } });
  await waitState(first.page, W, 'idle');
  await logEntry(first.page, 0);
  await logEntry(first.page, 1);
  await settled(first.page);
  const state = await first.context.storageState();
  const { page } = await openWith(ctx, ctx.fixture('pleasure.html'), { timezoneId: 'UTC', storageState: state }, { clock: { time: new Date('2026-12-05T10:00:00Z') } });
  await waitState(page, W, 'idle');
  assert.equal((await recent(page)).length, 2);
  await deleteAll(page);
  await page.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent !== '');
  await logEntry(page, 2);
  await settled(page);
  await page.reload();
  await waitState(page, W, 'idle');
  assert.equal((await recent(page)).length, 1, 'the entry saved after the delete');
  const doc = (await stored(page, KEY)).json;
  assert.equal(doc.items.length, 1);
  // Its stamp is past 3000: written at version 2, which earlier builds keep as a newer one's,
  // and so is an exported file holding it.
  assert.equal(doc.version, 2);
  const file = JSON.parse(await download(page, 'export-json'));
  assert.deepEqual([file.version, file.pleasure.version], [2, 2]);
});

// Both writes wait for another tab's lock; the tab is switched away from, and each is made at
// once. The first write's news reached the second tracker, which wrote too, and its news came
// back to the first while that one was still writing: the engine stopped ("unreachable").
test('two trackers with writes waiting for another tab\'s lock, then the tab switched away from: both written, nothing breaks', async () => {
  const { page, log } = await ctx.open(ctx.fixture('pleasure.html'));
  await waitState(page, W, 'idle');
  await secondTracker(page);
  await waitState(page, '#q', 'idle');
  await takeLock(page);
  await logEntry(page, 0);
  await logEntry(page, 6, '#q');
  await setHidden(page, true);
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k) || '{"items":[]}').items.length === 2, KEY);
  await page.evaluate(() => window.release());
  await setHidden(page, false);
  await settled(page);
  assert.deepEqual(log.errors.filter((e) => /unreachable|recursively|panicked/.test(e)), []);
  assert.equal((await recent(page)).length, 2);
  assert.equal((await recent(page, '#q')).length, 2);
});

// Nothing stored yet and the storage full: the clear could not be written, and the tracker
// whose entry was kept in memory only never heard of it; it showed the entry, and wrote it
// once there was room.
test('"Delete everything" in one tracker while another holds an entry it could not store: gone from both, and never written', async () => {
  const { page } = await ctx.open(ctx.fixture('pleasure.html'));
  await waitState(page, W, 'idle');
  await secondTracker(page);
  await waitState(page, '#q', 'idle');
  await fillStorage(page);
  await logEntry(page, 0);
  await deleteAll(page, '#q');
  await page.waitForFunction(() => document.querySelector('#q').shadowRoot.querySelector('.data-status').textContent !== '');
  assert.deepEqual(await recent(page), [], 'gone from the tracker that kept it');
  await secondTracker(page, 'c');
  await waitState(page, '#c', 'idle');
  assert.deepEqual(await recent(page, '#c'), [], 'and from one opened after');
  await page.evaluate(() => { document.querySelector('#q').remove(); document.querySelector('#c').remove(); });
  await freeStorage(page);
  await logEntry(page, 6);
  await settled(page);
  await page.reload();
  await waitState(page, W, 'idle');
  assert.equal((await recent(page)).length, 1, 'only the entry made after');
});

// A laptop carried from Los Angeles to Tokyo with the page open: its dates follow the new zone.
test('the time zone changing while the page is open: dates are written for the days they are', async () => {
  const { page } = await openWith(ctx, ctx.fixture('pleasure.html'), {}, { goto: false, clock: { time: new Date('2026-11-23T18:00:00Z') } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setTimezoneOverride', { timezoneId: 'America/Los_Angeles' });
  await page.goto(ctx.fixture('pleasure.html'));
  await waitState(page, W, 'idle');
  await logEntry(page, 0);
  const when = async () => (await shadowTexts(page, W, '.recent .when')).join(' | ').replace(/\u00a0/g, ' ');
  assert.match(await when(), /Mon, November 23/);
  await cdp.send('Emulation.setTimezoneOverride', { timezoneId: 'Asia/Tokyo' });
  await page.clock.fastForward(61_000); // the tracker looks at the day once a minute
  await logEntry(page, 6);
  const dates = await when();
  assert.match(dates, /Tue, November 24/, 'the entry made in Tokyo on the 24th');
  assert.match(dates, /Mon, November 23/, 'the one made in Los Angeles on the 23rd');
});

test('two tabs saving at the same moment: 200 racing saves, 200 stored', async () => {
  const { context, page: a } = await openWith(ctx, ctx.fixture('pleasure.html'));
  const { page: b } = await newTab(ctx, context, ctx.fixture('pleasure.html'));
  await waitState(a, W, 'idle');
  await waitState(b, W, 'idle');
  // Half of them back to back, half with a breath between, in both tabs at once.
  const saves = (page, n) => page.evaluate(async (count) => {
    const root = document.querySelector('#p').shadowRoot;
    for (let i = 0; i < count; i++) {
      root.querySelector(`button[data-action="act"][data-value="${i % 7}"]`).click();
      root.querySelector('button[data-action="save"]').click();
      if (i >= count / 2) await new Promise((r) => setTimeout(r, i % 3));
    }
  }, n);
  await Promise.all([saves(a, 100), saves(b, 100)]);
  await settled(a);
  await settled(b);
  // A tab whose copy of storage was a moment behind may write without the other's newest
  // entries; the other tab then writes them back (on the storage event). Give that a moment.
  const { page: fresh } = await newTab(ctx, context, ctx.fixture('pleasure.html'));
  await waitState(fresh, W, 'idle');
  let count = 0;
  for (let i = 0; i < 50 && count !== 200; i++) {
    if (i) await fresh.waitForTimeout(100);
    count = (await stored(fresh, KEY)).json.items.length;
  }
  assert.equal(count, 200, 'not one entry lost');
  assert.equal((await fresh.evaluate(() => document.querySelector('#p').shadowRoot.querySelector('.summary').textContent)).length > 0, true);
});

test('a page that bends JSON (Prototype.js toJSON, replaced parse and stringify, Object.prototype additions) changes nothing we store', async () => {
  const { page } = await openWith(ctx, ctx.fixture('pleasure.html'), { acceptDownloads: true }, { goto: false });
  await page.addInitScript(() => {
    const parse = JSON.parse.bind(JSON);
    window.__parse = parse;
    // eslint-disable-next-line no-extend-native
    Array.prototype.toJSON = function () { return `[${this.join(', ')}]`; };
    Object.prototype.note = 'from the page';
    Object.prototype.shift = 99;
    JSON.stringify = () => '"nope"';
    JSON.parse = (text) => (typeof text === 'string' && text.includes('"attune"') ? { app: 'other' } : parse(text));
  });
  await page.goto(ctx.fixture('pleasure.html'));
  await waitState(page, W, 'idle');
  await logEntry(page, 2);
  await logEntry(page, 4);
  await settled(page);
  const raw = await page.evaluate((k) => localStorage.getItem(k), KEY);
  const doc = await page.evaluate((text) => window.__parse(text), raw);
  assert.equal(doc.app, 'attune');
  assert.ok(Array.isArray(doc.items), `items is an array in ${raw}`);
  assert.equal(doc.items.length, 2);
  assert.ok(!raw.includes('from the page') && !raw.includes('"shift":99'), raw);

  await page.reload();
  await waitState(page, W, 'idle');
  assert.equal((await recent(page)).length, 2, 'the next visit reads it');
  assert.equal(await noticeShown(page), null, 'and finds nothing unreadable');
  const file = await download(page, 'export-json');
  const bundle = await page.evaluate((text) => window.__parse(text), file);
  assert.equal(bundle.pleasure.items.length, 2);
});

test('data from a newer version: read nothing, write nothing, say why, export it as it is', async () => {
  const { page } = await openWith(ctx, ctx.fixture('pleasure.html'), { acceptDownloads: true });
  await waitState(page, W, 'idle');
  const newer = '{"app":"attune","kind":"pleasure","version":9,"items":[{"shape":"new"}]}';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, newer]);
  await page.reload();
  await waitState(page, W, 'idle');
  assert.match(await noticeShown(page), /newer version of Attune is kept untouched, so new entries here won't be kept/);
  await logEntry(page, 0);
  await logEntry(page, 1);
  assert.equal((await stored(page, KEY)).raw, newer, 'never overwritten');
  const kept = JSON.parse(await download(page, 'export-kept'));
  assert.deepEqual(kept.items.filter((i) => i.key === KEY), [{ key: KEY, value: newer }]);
  const all = JSON.parse(await download(page, 'export-json'));
  assert.equal(all.pleasure.items.length, 2, 'this visit\'s entries are in the export');
  assert.match(await status(page), /Some saved data couldn't be read, so it isn't in this file/);
});

test('an import that can\'t be stored says so and changes nothing; the cap is 50,000 entries; left-out entries are counted', async () => {
  const { page } = await openWith(ctx, ctx.fixture('pleasure.html'));
  await waitState(page, W, 'idle');
  await logEntry(page, 5);
  // The entry's write waits for the namespace's lock: let it land before storage fills up.
  await settled(page);

  // Storage full: nothing persists and nothing is claimed.
  await fillStorage(page);
  await chooseFile(page, pleasureFile([entry(1), entry(2), entry(3)]));
  await page.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent !== '');
  assert.equal(await status(page), 'This file couldn\'t be stored: this browser\'s storage is full. Nothing was changed.');
  assert.equal((await stored(page, KEY)).json.items.length, 1);
  assert.equal((await recent(page)).length, 1, 'nothing imported is shown either');
  await freeStorage(page);

  // More than localStorage holds (about 6 MB): refused, and later saves still work.
  const big = pleasureFile(Array.from({ length: 49_000 }, (_, i) => entry(i, { act: 'own', text: `a walk by the river, slowly, number ${i}` })));
  assert.ok(big.length > 6_000_000, `${big.length} characters`);
  await chooseFile(page, big);
  await page.waitForFunction(() => /Nothing was changed/.test(document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent), null, { timeout: 20_000 });
  assert.equal((await stored(page, KEY)).json.items.length, 1);
  await logEntry(page, 6);
  assert.equal((await stored(page, KEY)).json.items.length, 2, 'the next save is stored');

  // Over the cap: refused with the cap named.
  const over = pleasureFile(Array.from({ length: 50_001 }, (_, i) => entry(i)));
  await chooseFile(page, over);
  await page.waitForFunction(() => /50,000/.test(document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent), null, { timeout: 20_000 });
  // A file over 20 MB, whatever it holds, is refused by its size: the size is named too.
  await chooseFile(page, pleasureFile([entry(1, { act: 'own', text: 'x'.repeat(400) })]).replace('{', `{"padding":"${'x'.repeat(21 * 1024 * 1024)}",`));
  await page.waitForFunction(() => /20 MB and 50,000/.test(document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent), null, { timeout: 20_000 });

  // Entries the file itself marks as deleted (never stamped) are counted, not silently lost.
  await chooseFile(page, pleasureFile([entry(1), entry(2, { updated_at: 0 })]));
  await page.waitForFunction(() => /^Imported/.test(document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent));
  assert.match(await status(page), /^Imported: 1 record added, 0 already here\. Left out 1 /);
  assert.equal((await stored(page, KEY)).json.items.length, 3);
});

test('an import that fails half way keeps the entry this visit could not store yet, and stores it once there is room', async () => {
  const { page } = await openWith(ctx, ctx.fixture('pleasure.html'));
  await waitState(page, W, 'idle');
  await logEntry(page, 5);
  await settled(page);
  await fillStorage(page);
  await logEntry(page, 6);
  await settled(page); // the write that fails waits for the namespace's lock
  assert.equal(await noticeShown(page), FULL, 'kept while this page stays open');

  // Room for the tracker's part of a bundle, not for its thousand sessions: the first kind is
  // written, the second is not, and the first is put back.
  await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('junk-') && localStorage.getItem(k).length === 4096);
    localStorage.removeItem(key);
  });
  const now = Date.now();
  const sessions = Array.from({ length: 1000 }, (_, i) => ({
    id: `s${i}-abcdefg`, widget: 'breathing', at: now - i * 60_000, day: Math.floor((now - i * 60_000) / 864e5),
    updated_at: now, completed: true, rating: 6,
  }));
  await chooseFile(page, JSON.stringify({
    app: 'attune', kind: 'bundle', version: 1, exported_at: now,
    pleasure: JSON.parse(pleasureFile([entry(1)])),
    sessions: { app: 'attune', kind: 'sessions', version: 1, cleared_at: 0, items: sessions },
  }));
  await page.waitForFunction(() => /Nothing was changed/.test(document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent));
  assert.deepEqual((await recent(page)).length, 2, 'both of the visitor\'s entries are still shown');
  assert.equal((await stored(page, KEY)).json.items.length, 2, 'and the one that waited is stored now');
  assert.equal(await noticeShown(page), null);
});

test('an import file is read as UTF-8 bytes: a byte order mark is dropped, malformed bytes are a damaged file', async () => {
  const { page } = await openWith(ctx, ctx.fixture('pleasure.html'));
  await waitState(page, W, 'idle');
  const said = () => page.waitForFunction(() => document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent !== '');
  const clear = () => page.evaluate(() => { document.querySelector('#p').shadowRoot.querySelector('.data-status').textContent = ''; });

  // Saved by an editor that writes a byte order mark, with words beyond ASCII.
  await chooseFile(page, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(pleasureFile([entry(1, { act: 'own', text: 'té au soleil, شاي' })]))]));
  await said();
  assert.equal(await status(page), 'Imported: 1 record added, 0 already here.');
  assert.equal((await stored(page, KEY)).json.items[0].text, 'té au soleil, شاي');

  // A byte that is not UTF-8 inside the words: refused whole, nothing changed.
  await clear();
  const good = Buffer.from(pleasureFile([entry(2, { act: 'own', text: 'tea XX' })]));
  const bad = Buffer.from(good);
  bad[good.indexOf('XX')] = 0xff;
  await chooseFile(page, bad);
  await said();
  assert.match(await status(page), /couldn't be read/i);
  assert.equal((await stored(page, KEY)).json.items.length, 1);

  // The spreadsheet file, chosen by mistake beside it: not called damaged, and the right file named.
  const sheet = await download(page, 'export-csv');
  await clear();
  await chooseFile(page, sheet);
  await said();
  assert.equal(await status(page), 'This file couldn\'t be read. Import takes the whole file that “Export (JSON)” saves, not the spreadsheet one. Nothing was changed.');
  assert.equal((await stored(page, KEY)).json.items.length, 1);
});

test('an imported plan never hides the visitor\'s own: it is listed as an earlier plan; one from the future is refused', async () => {
  const { page } = await openWith(ctx, ctx.fixture('plan.html'));
  const P = '#plan';
  await waitState(page, P, 'idle');
  await button(page, P, 'start').click();
  await waitState(page, P, 'running');
  await button(page, P, 'cue', 0).click();
  const mine = (await stored(page, PLAN_KEY)).json.items.find((i) => i.plan).plan;
  const today = mine.started;
  const plans = (items) => JSON.stringify({ app: 'attune', kind: 'plan', version: 1, cleared_at: 0, items });
  const theirs = { plan: { id: 'their-plan-1', started: today - 3, days: 14, updated_at: Date.now() - 1000 } };
  await chooseFile(page, plans([theirs]), P);
  await page.waitForFunction(() => /^Imported/.test(document.querySelector('#plan').shadowRoot.querySelector('.data-status').textContent));
  const items = (await stored(page, PLAN_KEY)).json.items.filter((i) => i.plan).map((i) => i.plan);
  assert.equal(items.find((p) => p.id === mine.id).ended, undefined, 'the visitor\'s plan still runs');
  assert.equal(items.find((p) => p.id === 'their-plan-1').ended, today, 'the imported one arrives ended');
  assert.equal(await page.locator(`${P} button[data-action="cue"][data-value="0"]`).getAttribute('aria-pressed'), 'true', 'today still shows the visitor\'s tick');
  assert.equal(await page.locator(`${P} details.earlier .earlier-title`).count(), 1, 'listed under Earlier plans');

  // A backup made where it is already tomorrow (another time zone) is no plan from the future.
  const abroad = { plan: { id: 'abroad-plan', started: today + 1, days: 14, updated_at: Date.now() } };
  await chooseFile(page, plans([abroad]), P);
  await page.waitForFunction(() => /^Imported: 1 record added/.test(document.querySelector('#plan').shadowRoot.querySelector('.data-status').textContent));
  assert.equal((await stored(page, PLAN_KEY)).json.items.find((i) => i.plan?.id === 'abroad-plan').plan.ended, today + 1);
  const future = { plan: { id: 'future-plan', started: today + 5, days: 14, updated_at: Date.now() } };
  await chooseFile(page, plans([future]), P);
  await page.waitForFunction(() => /later date/.test(document.querySelector('#plan').shadowRoot.querySelector('.data-status').textContent));
  assert.ok(!(await stored(page, PLAN_KEY)).raw.includes('future-plan'));
});

test('a JSON.parse that once hands back a trap never wedges Save; storage failing later and recovering updates the notice', async () => {
  const { page, log } = await openWith(ctx, ctx.fixture('pleasure.html'));
  await waitState(page, W, 'idle');
  await page.evaluate(() => {
    const parse = JSON.parse;
    JSON.parse = function (...args) {
      JSON.parse = parse;
      return new Proxy({}, { ownKeys() { throw new Error('trap'); }, get() { throw new Error('trap'); } });
    };
  });
  await logEntry(page, 0);
  await logEntry(page, 1);
  assert.equal((await stored(page, KEY)).json.items.length, 2, 'both saves worked');

  // Storage starts refusing: the notice says so at the next save, and clears when it recovers.
  assert.equal(await noticeShown(page), null);
  await page.evaluate(() => {
    window.__set = Storage.prototype.setItem;
    Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };
  });
  await logEntry(page, 2);
  await settled(page);
  assert.equal(await noticeShown(page), FULL);
  await page.evaluate(() => { Storage.prototype.setItem = window.__set; });
  await logEntry(page, 3);
  await settled(page);
  assert.equal(await noticeShown(page), null, 'storage recovered');
  assert.equal((await stored(page, KEY)).json.items.length, 4, 'and the entry kept in memory is stored too');
  assert.deepEqual(log.errors, []);
});

// A page script that makes writing text inside shadow roots throw `times` times, or until
// `window.shadowTextBroken.armed` is set to false.
function breakShadowText(page, { times }) {
  return page.evaluate((times) => {
    const own = Object.getOwnPropertyDescriptor(Node.prototype, 'textContent');
    const state = { armed: true, left: times };
    window.shadowTextBroken = state;
    Object.defineProperty(Node.prototype, 'textContent', {
      configurable: true,
      get() { return own.get.call(this); },
      set(v) {
        if (state.armed && state.left > 0 && this.getRootNode() !== document) {
          state.left -= 1;
          throw new Error('a page script broke this');
        }
        own.set.call(this, v);
      },
    });
  }, times);
}

test('errors thrown into the engine by page code, a thousand times over, leave it whole: its stack is put back each time', async () => {
  const { page } = await openWith(ctx, ctx.fixture('records.html'));
  await page.evaluate(() => Attune.ready);
  // A page script breaks text in shadow roots: every widget's build throws half-way.
  await breakShadowText(page, { times: Infinity });
  const after = await page.evaluate(async () => {
    const slot = document.querySelector('#slot');
    const quiet = console.warn;
    console.warn = () => {};
    let thrown = 0;
    for (let i = 0; i < 1000; i++) {
      const el = document.createElement('div');
      slot.append(el);
      Attune.mount(el, { widget: 'pleasure' });
      await null; // built in a microtask
      thrown += el.getAttribute('data-state') === 'error';
      el.remove();
    }
    console.warn = quiet;
    window.shadowTextBroken.armed = false;
    const el = document.createElement('div');
    slot.append(el);
    Attune.mount(el, { widget: 'breathing' });
    await null;
    el.shadowRoot.querySelector('button[data-action="toggle"]').click();
    return { thrown, state: el.getAttribute('data-state') };
  });
  assert.equal(after.thrown, 1000, 'each build threw, and said it could not load');
  assert.equal(after.state, 'running', 'a widget mounted after them works');
});

// A second entry of the tracker at #p, up to its Save (after a first one logged).
async function upToSave(page) {
  await waitState(page, W, 'idle');
  await logEntry(page, 0);
  await button(page, W, 'again').click();
  await button(page, W, 'act', 1).click();
  await button(page, W, 'now').click();
  await button(page, W, 'next').click();
}

// `times`: how many writes the page breaks; past the first, starting afresh breaks too, and the
// engine tries again a second later.
async function breakMidSave(times) {
  const { page, log } = await openWith(ctx, ctx.fixture('pleasure.html'));
  await upToSave(page);
  // The page makes textContent writes throw: the engine is in the middle of saving.
  await breakShadowText(page, { times });
  await button(page, W, 'save').click().catch(() => {});
  await page.waitForFunction(() => /started afresh/.test(document.querySelector('#p').shadowRoot.textContent));
  const errors = await page.evaluate(() => window.__events.filter((e) => e.type === 'attune:error').map((e) => e.detail.code));
  assert.deepEqual(errors, ['internal']);
  assert.ok(log.warnings.some((w) => /started afresh/.test(w)));
  await waitState(page, W, 'idle');
  await logEntry(page, 2);
  assert.ok((await stored(page, KEY)).json.items.length >= 2, 'Save works again');
  assert.ok((await recent(page)).includes('A food with texture: a crunchy apple, warm soup'));
  // The page's own errors surfaced as the page's uncaught errors, and only those.
  assert.equal(log.pageErrors.length, times);
  for (const e of log.pageErrors) assert.match(e, /a page script broke this/);
  log.pageErrors.length = 0;
}

// Its restart broken too, a widget has a try pending a second later: the page unmounts it, or
// an option changed builds it whole, first.
for (const then of ['unmount', 'option']) {
  test(`a try at starting a widget afresh still pending leaves it be when the page ${then === 'unmount' ? 'unmounted it' : 'changed an option that built it whole'} meanwhile`, async () => {
    const { page, log } = await openWith(ctx, ctx.fixture('records.html'));
    await page.evaluate((how) => {
      const el = document.createElement(how === 'unmount' ? 'div' : 'attune-pleasure');
      el.id = 'p';
      document.querySelector('#slot').append(el);
      if (how === 'unmount') window.handle = Attune.mount(el, { widget: 'pleasure' });
    }, then);
    await upToSave(page);
    await breakShadowText(page, { times: 2 });
    await button(page, W, 'save').click().catch(() => {});
    await page.waitForFunction(() => window.shadowTextBroken.left === 0);
    await page.evaluate((how) => {
      if (how === 'unmount') window.handle.unmount();
      else document.querySelector('#p').setAttribute('support-text', 'Call the practice');
    }, then);
    await page.waitForTimeout(1_500);
    const after = await page.evaluate(() => ({
      children: document.querySelector('#p').shadowRoot?.childElementCount ?? 0,
      text: document.querySelector('#p').shadowRoot?.textContent ?? '',
      state: document.querySelector('#p').getAttribute('data-state'),
    }));
    if (then === 'unmount') assert.deepEqual([after.children, after.state], [0, null], 'nothing built again in the element');
    else {
      assert.equal(after.state, 'idle');
      assert.match(after.text, /Call the practice/);
      assert.doesNotMatch(after.text, /started afresh|went wrong/i, 'no restart over the widget the option built');
    }
    const internal = (await events(page, 'error')).filter((e) => e.detail.code === 'internal');
    assert.deepEqual(internal, [], 'and no attune:error about it');
    log.pageErrors.length = 0;
  });
}

test('an error thrown into the engine in the middle of an action: the widget starts afresh, says so, tells the page, and the next Save works', () => breakMidSave(1));

test('when page code breaks the restart as well, the widget is tried again later and comes back, with one notice', () => breakMidSave(2));

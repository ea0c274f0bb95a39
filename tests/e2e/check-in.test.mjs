// The check-in: the five-point line, attune:suggest with the exercise and its options, opening
// it inline when the page has none, pointing to it when the page has one, the quiet "I'm not
// safe right now" with only safe links made live (a bad one left out, never the panel), the
// crisis line above the site's contact, what is kept, and axe, light and dark, 360 px.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  attr, axe, button, deepFocus, deleteAll, headings, events, listenFor, newTab, openWith, storedSessions, useBrowser, waitState, settled, whileHeld,
} from './helpers.mjs';

const ctx = useBrowser();

async function openPage(name, options = {}) {
  const opened = await ctx.open(ctx.fixture(name), { ...options, goto: false });
  await listenFor(opened.page, ['step', 'suggest']);
  await opened.page.goto(ctx.fixture(name));
  return opened;
}

const visibleActions = (page, sel) => page.evaluate((s) => [...document.querySelector(s).shadowRoot.querySelectorAll('.suggestion button')]
  .filter((b) => !b.closest('[hidden]')).map((b) => b.dataset.action), sel);

const EMERGENCY = 'Call your local emergency number now if you have hurt yourself, might act on thoughts of suicide or self-harm, or can\'t stay safe. You don\'t have to face this alone.';

// The "I'm not safe right now" panel of a check-in: its button, whether it shows, its words
// (whole and by line, hidden lines left out) and its links.
const safety = (page, sel) => page.evaluate((s) => {
  const root = document.querySelector(s).shadowRoot;
  const panel = root.querySelector('[part~="safety"]');
  return {
    expanded: root.querySelector('[data-action="not-safe"]').getAttribute('aria-expanded'),
    shown: !panel.hidden,
    // The emergency line and the contacts (the signs of when to get help, and the quieter line
    // about weeks of numbness, are checked in their own test).
    text: [...panel.querySelectorAll('p.emergency, p.contact')].filter((p) => !p.hidden).map((p) => p.textContent).join(''),
    lines: [...panel.querySelectorAll('p.emergency, p.contact')].filter((p) => !p.hidden).map((p) => p.textContent),
    links: [...panel.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.textContent]),
  };
}, sel);

const inline = (page, sel) => page.evaluate((s) => {
  const box = document.querySelector(s).shadowRoot.querySelector('.inline-widget');
  if (!box) return null;
  const root = box.shadowRoot;
  return {
    widget: box.dataset.widget,
    state: box.getAttribute('data-state'),
    title: root?.querySelector('[part~="title"]')?.textContent ?? null,
    pattern: root?.querySelector('[part~="pattern"]')?.textContent ?? null,
  };
}, sel);

test('a page that routes to the suggestion from its attune:suggest listener (the check-in removed) still hears what follows on its document', async () => {
  const { page } = await openPage('check-in.html');
  await waitState(page, '#alone', 'idle');
  await page.evaluate(() => {
    document.addEventListener('attune:suggest', (e) => {
      const route = document.createElement('div');
      route.textContent = `Route to ${e.detail.widget}`;
      document.querySelector('#alone').replaceWith(route);
    });
  });
  await button(page, '#alone', 'point', 3).click();
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'attune:entry'));
  // (Fired on the element, an event's path starts at it; fired on the document, at the document.)
  const heard = (await events(page)).filter((e) => e.id === 'alone' || e.id === null).map((e) => `${e.id} ${e.type}`);
  assert.deepEqual(heard.slice(-4), ['alone attune:step', 'alone attune:suggest', 'null attune:complete', 'null attune:entry'],
    'the events after the one whose listener removed it reach the document once each');
  assert.equal((await storedSessions(page)).length, 1);
});

test('each point suggests its exercise in attune:suggest; with none on the page it opens inline below', async () => {
  const { page, log } = await openPage('check-in.html');
  await waitState(page, '#alone', 'idle');
  const labels = await page.evaluate(() => [...document.querySelector('#alone').shadowRoot.querySelectorAll('[data-action="point"]')].map((b) => [b.textContent, b.getAttribute('aria-pressed')]));
  assert.deepEqual(labels, [
    ['Shut down and numb', 'false'], ['A bit flat or far away', 'false'], ['Settled', 'false'], ['A bit stirred up', 'false'], ['Overwhelmed', 'false'],
  ]);
  assert.equal(await page.locator('#alone .suggestion').isVisible(), false, 'no suggestion before a point is chosen');

  await button(page, '#alone', 'point', 1).click();
  assert.equal(await attr(page, '#alone', 'data-state'), 'done');
  assert.equal(await button(page, '#alone', 'point', 1).getAttribute('aria-pressed'), 'true');
  let suggest = await events(page, 'suggest');
  assert.equal(suggest.length, 1);
  assert.equal(suggest[0].id, 'alone', 'fired on the check-in element');
  assert.ok(suggest[0].bubbles && suggest[0].composed);
  assert.deepEqual(suggest[0].detail, { widget: 'grounding', point: 'low', options: {}, on_page: false, from: 'check-in' });
  const text = await page.evaluate(() => document.querySelector('#alone').shadowRoot.querySelector('.suggestion').textContent);
  assert.match(text, /If you like, a next step:/);
  assert.match(text, /noticing what is around you can bring you a little closer/);
  assert.deepEqual(await visibleActions(page, '#alone'), ['try']);

  // Each point's fitting exercise and options, as the page hears them.
  const want = [
    [0, 'body-scan', { variant: 'temperature' }, /warmth or coolness/],
    [2, 'pleasure', {}, /one tiny pleasant thing/],
    [3, 'breathing', { pattern: 'extended-exhale' }, /longer out-breath can help things settle/],
    [4, 'breathing', { pattern: 'extended-exhale', ramp: 'on' }, /starts easy and lengthens gently/],
  ];
  for (const [value, widget, options, reason] of want) {
    await button(page, '#alone', 'point', value).click();
    const last = (await events(page, 'suggest')).at(-1).detail;
    assert.deepEqual([last.widget, last.options, last.on_page], [widget, options, false], `point ${value}`);
    assert.match(await page.evaluate(() => document.querySelector('#alone').shadowRoot.querySelector('.reason').textContent), reason);
  }
  const all = JSON.stringify(await events(page));
  assert.doesNotMatch(all, /diagnos|score/i);

  // Overwhelmed: open the longer exhale here. It mounts below, with the site's contact, and takes the focus.
  await button(page, '#alone', 'try').click();
  let box = await inline(page, '#alone');
  assert.deepEqual([box.widget, box.state], ['breathing', 'idle']);
  assert.match(box.pattern, /Longer out-breath/);
  let f = await deepFocus(page);
  assert.deepEqual([f.where, f.text], ['alone', 'Start'], 'the focus moves to the opened exercise');
  // A screen reader's list of headings has the exercise inside the check-in, a level below its
  // title (beside the suggestion's name, which stays above it).
  const levels = await headings(page);
  assert.deepEqual(levels.filter((h) => h.endsWith(' Breathe with the circle')), ['3 Breathe with the circle'], levels.join(' / '));
  assert.deepEqual(await visibleActions(page, '#alone'), ['close']);
  const ready = (await events(page, 'ready')).filter((e) => e.detail.widget === 'breathing');
  assert.equal(ready.length, 1, 'the inline exercise announces itself to the page like any other');

  // It works: start it.
  await page.locator('#alone .inline-widget button[data-action="toggle"]').click();
  assert.equal((await inline(page, '#alone')).state, 'running');

  // Another point closes it and offers the new one; "Try it here" mounts grounding.
  await button(page, '#alone', 'point', 1).click();
  assert.equal(await inline(page, '#alone'), null, 'a new suggestion closes the old exercise');
  await button(page, '#alone', 'try').click();
  box = await inline(page, '#alone');
  assert.deepEqual([box.widget, box.title], ['grounding', 'Notice what is around you: 5\u20114\u20113\u20112\u20111']);
  await page.locator('#alone .inline-widget button[data-action="notice"]').click();
  assert.equal((await inline(page, '#alone')).state, 'running', 'clicks inside belong to the exercise');
  assert.equal(await button(page, '#alone', 'point', 1).getAttribute('aria-pressed'), 'true', 'and do not reach the check-in');
  await button(page, '#alone', 'close').click();
  assert.equal(await inline(page, '#alone'), null);
  f = await deepFocus(page);
  assert.equal(f.action, 'try', 'closing returns the focus to "Try it here"');

  // The same point again, tapped or double-clicked, is no new check-in, and the page hears
  // nothing more.
  const heard = (await events(page)).length;
  await button(page, '#alone', 'point', 1).click();
  await button(page, '#alone', 'point', 1).dblclick();
  assert.equal((await events(page)).length, heard);

  // Kept: one check-in entry, updated as the visitor changed their mind.
  const items = (await storedSessions(page)).filter((i) => i.widget === 'check-in');
  assert.equal(items.length, 1);
  assert.deepEqual([items[0].point, items[0].tags], [1, ['point:low', 'suggest:grounding']]);
  const kept = (await events(page, 'entry')).filter((e) => e.id === 'alone' && e.detail.widget === 'check-in').map((e) => e.detail);
  assert.ok(kept.length >= 2);
  assert.equal(kept[0].edited, undefined, 'the first keeps a new record');
  assert.ok(kept.slice(1).every((d) => d.id === kept[0].id && d.edited === true), 'the later ones say they changed it');
  const steps = (await events(page, 'step')).filter((e) => e.id === 'alone');
  assert.deepEqual(steps[0].detail, { widget: 'check-in', step: 'suggestion', index: 1, point: 'low', position: 1 });
  const complete = (await events(page, 'complete')).filter((e) => e.id === 'alone');
  assert.deepEqual(complete.at(-1).detail, { widget: 'check-in', point: 'low', position: 1, suggested: 'grounding' });
  assert.deepEqual(log.errors, []);
});

test('removing the check-in unmounts the exercise it opened', async () => {
  const { page } = await openPage('check-in.html');
  await waitState(page, '#alone', 'idle');
  await button(page, '#alone', 'point', 3).click();
  await button(page, '#alone', 'try').click();
  await page.locator('#alone .inline-widget button[data-action="toggle"]').click();
  await page.evaluate(() => {
    window.__box = document.querySelector('#alone').shadowRoot.querySelector('.inline-widget');
    window.__phases = 0;
    window.__box.addEventListener('attune:phase', () => window.__phases++);
    document.querySelector('#alone').remove();
  });
  await page.waitForFunction(() => window.__box.shadowRoot.childNodes.length === 0);
  assert.equal(await page.evaluate(() => window.__box.getAttribute('data-state')), null);
  await page.waitForTimeout(1200);
  assert.equal(await page.evaluate(() => window.__phases), 0, 'nothing runs on');
});

test('with the exercise already on the page it points to it: scrolled into view, focus on its title', async () => {
  const { page } = await openPage('check-in-page.html');
  await waitState(page, '#ci', 'idle');
  await button(page, '#ci', 'point', 1).click();
  const suggest = (await events(page, 'suggest')).at(-1);
  assert.deepEqual(suggest.detail, { widget: 'grounding', point: 'low', options: {}, on_page: true, from: 'check-in' });
  assert.deepEqual(await visibleActions(page, '#ci'), ['go']);
  assert.equal(await button(page, '#ci', 'go').textContent(), 'Go to the exercise on this page');
  await button(page, '#ci', 'go').click();
  await waitState(page, '#ground', 'idle');
  await page.waitForFunction(() => {
    const r = document.querySelector('#ground').getBoundingClientRect();
    return r.top >= -1 && r.top < innerHeight / 2;
  });
  await page.waitForFunction(() => document.activeElement?.id === 'ground');
  let f = await deepFocus(page);
  assert.deepEqual([f.where, f.part], ['ground', 'title'], 'on the exercise\'s title: a screen reader hears where it is');
  assert.match(f.text, /^Notice what is around you/);
  await page.keyboard.press('Tab');
  f = await deepFocus(page);
  assert.deepEqual([f.where, f.action], ['ground', 'notice'], 'and the next Tab is its first control');

  // A bit stirred up: the page's pacer breathes in a box, with holds, which is no place for a
  // longer out-breath; the fitting one is offered here instead.
  await button(page, '#ci', 'point', 3).click();
  assert.equal((await events(page, 'suggest')).at(-1).detail.on_page, false);
  assert.deepEqual(await visibleActions(page, '#ci'), ['try']);
  // Once the page's pacer has that shape, it points there.
  await page.evaluate(() => document.querySelector('#breath').setAttribute('pattern', 'extended-exhale'));
  const suggested = (await events(page, 'suggest')).length;
  await button(page, '#ci', 'point', 3).click();
  assert.deepEqual(await visibleActions(page, '#ci'), ['go'], 'the same point again looks at the page again');
  assert.equal((await events(page, 'suggest')).length, suggested, 'but is no new suggestion for the page');
  await button(page, '#ci', 'go').click();
  await page.waitForFunction(() => document.activeElement?.id === 'breath');
  f = await deepFocus(page);
  assert.deepEqual([f.where, f.part], ['breath', 'title']);
  // A page that hides the exercise's title (its own heading names it): its first control.
  await page.evaluate(() => document.head.append(Object.assign(document.createElement('style'), { textContent: '#breath::part(title) { display: none }' })));
  await button(page, '#ci', 'point', 2).click();
  await button(page, '#ci', 'point', 3).click();
  await button(page, '#ci', 'go').click();
  await page.waitForFunction(() => document.activeElement?.id === 'breath');
  f = await deepFocus(page);
  assert.deepEqual([f.where, f.action], ['breath', 'toggle'], 'the title hidden: on Start');
  await page.evaluate(() => document.head.lastElementChild.remove());

  // Shut down: the temperature exercise. The page's full body scan is another exercise.
  await button(page, '#ci', 'point', 0).click();
  assert.deepEqual((await events(page, 'suggest')).at(-1).detail.on_page, false);
  assert.deepEqual(await visibleActions(page, '#ci'), ['try']);
  await page.evaluate(() => document.querySelector('#scan').setAttribute('variant', 'temperature'));
  await button(page, '#ci', 'point', 0).click();
  assert.deepEqual(await visibleActions(page, '#ci'), ['go'], 'the same variant is the same exercise');

  // Settled: no tracker on this page, so it can open here.
  await button(page, '#ci', 'point', 2).click();
  assert.equal((await events(page, 'suggest')).at(-1).detail.on_page, false);
  assert.deepEqual(await visibleActions(page, '#ci'), ['try']);
});

test('"I\'m not safe right now": the site\'s contact as a live tel: or mailto: link, the emergency line always, a javascript: link refused', async () => {
  const { page, log } = await openPage('check-in.html');
  await waitState(page, '#alone', 'idle');
  await waitState(page, '#bare', 'idle');
  await waitState(page, '#mail', 'idle');

  assert.deepEqual((await safety(page, '#alone')).shown, false, 'quiet until asked for');
  await button(page, '#alone', 'not-safe').click();
  let s = await safety(page, '#alone');
  assert.equal(s.expanded, 'true');
  assert.equal(s.shown, true);
  assert.match(s.text, /Call your local emergency number now/);
  assert.deepEqual(s.links, [['tel:+15550100', 'Call the practice: 555 0100']]);
  assert.match(s.text, /You can also reach out: Call the practice: 555 0100/);
  // What to do comes first: the focus goes to the emergency line, which a screen reader reads
  // there; the live region adds the contacts after it, each its own sentence (not the
  // emergency line again, nor the whole panel run together). When to get help follows, under
  // a heading a screen reader's list of headings finds.
  const heard = await page.evaluate(() => {
    const root = document.querySelector('#alone').shadowRoot;
    return {
      focused: root.activeElement?.className,
      first: root.querySelector('.safety').firstElementChild === root.activeElement,
      focusedText: root.activeElement?.textContent,
      live: root.querySelector('[aria-live]').textContent.trim(),
      heading: root.querySelector('.safety h3')?.textContent,
    };
  });
  assert.deepEqual([heard.focused, heard.first, heard.focusedText], ['emergency', true, EMERGENCY]);
  assert.equal(heard.live, 'You can also reach out: Call the practice: 555 0100.');
  assert.equal(heard.heading, 'Please get help now, from a doctor, a crisis line or emergency services, if:');
  // A point chosen meanwhile is not said over the urgent lines (the suggestion is folded away
  // under the panel); it is said as the panel closes and the suggestion unfolds.
  const liveText = () => page.evaluate(() => document.querySelector('#alone').shadowRoot.querySelector('[aria-live]').textContent.trim());
  await button(page, '#alone', 'point', 3).click();
  assert.equal(await liveText(), heard.live, 'the urgent lines stay');
  // Escape inside the panel closes it, as its button does, and the focus goes back to that button.
  await page.evaluate(() => document.querySelector('#alone').shadowRoot.querySelector('.safety .emergency').focus());
  await page.keyboard.press('Escape');
  assert.equal((await safety(page, '#alone')).expanded, 'false', 'and it folds away again');
  assert.equal((await safety(page, '#alone')).shown, false);
  assert.equal((await deepFocus(page)).action, 'not-safe');
  assert.match(await liveText(), /^If you like, a next step: Longer out-breath\./);
  await button(page, '#alone', 'not-safe').click();
  assert.equal(await liveText(), heard.live, 'open again: the urgent lines');
  await button(page, '#alone', 'not-safe').click();
  assert.equal(await liveText(), '', 'closed by its button with nothing untold: quiet');

  // No contact configured: the emergency line stands on its own.
  await button(page, '#bare', 'not-safe').click();
  s = await safety(page, '#bare');
  assert.equal(s.shown, true);
  assert.equal(s.text, EMERGENCY);
  assert.deepEqual(s.links, []);

  await button(page, '#mail', 'not-safe').click();
  assert.deepEqual((await safety(page, '#mail')).links, [['mailto:care@example.org', 'Write to us']]);

  // inline="off": the suggestion without a button to open it (once the panel is closed: while
  // it is open, nothing else is shown).
  await button(page, '#mail', 'not-safe').click();
  await button(page, '#mail', 'point', 2).click();
  assert.deepEqual(await visibleActions(page, '#mail'), []);
  assert.equal(await page.locator('#mail .suggestion').isVisible(), true);
  assert.deepEqual(log.warnings.filter((w) => !/support-href/.test(w)), []);
});

test('a javascript: support-href never hides the safety line: the link is left out, the page is told once, the rest works', async () => {
  const { page, log } = await openPage('check-in.html');
  await waitState(page, '#unsafe', 'idle');
  await button(page, '#unsafe', 'not-safe').click();
  const s = await safety(page, '#unsafe');
  assert.equal(s.shown, true);
  assert.equal(s.lines[0], EMERGENCY);
  assert.equal(s.lines[1], 'You can also reach out: Our crisis page', 'the words stay, as words');
  assert.deepEqual(s.links, []);
  const root = await page.evaluate(() => {
    const r = document.querySelector('#unsafe').shadowRoot;
    return {
      error: r.querySelector('[part~="error"]')?.textContent ?? null,
      hrefs: [...r.querySelectorAll('[href]')].map((a) => a.getAttribute('href')),
      html: r.innerHTML,
    };
  });
  assert.equal(root.error, null, 'no error box instead of the widget');
  assert.deepEqual(root.hrefs, []);
  assert.doesNotMatch(root.html, /javascript:/i);
  const errors = (await events(page, 'error')).filter((e) => e.id === 'unsafe');
  assert.equal(errors.length, 1);
  assert.deepEqual([errors[0].detail.widget, errors[0].detail.code, errors[0].detail.option], ['check-in', 'option', 'support-href']);
  assert.match(errors[0].detail.message, /https:, http:, tel: or mailto:/);
  assert.equal(log.warnings.filter((w) => /support-href/.test(w)).length, 1, 'one console warning');
  // The line works as ever, and an exercise opened here does not get the bad link either.
  await button(page, '#unsafe', 'not-safe').click();
  await button(page, '#unsafe', 'point', 1).click();
  assert.equal(await attr(page, '#unsafe', 'data-state'), 'done');
  await button(page, '#unsafe', 'try').click();
  assert.equal((await inline(page, '#unsafe')).state, 'idle');
  assert.equal((await events(page, 'error')).filter((e) => e.id === 'unsafe').length, 1);
});

test('a crisis line (crisis-text, crisis-href) shows above the site\'s contact, in both languages', async () => {
  const { page, log } = await openPage('check-in.html');
  await waitState(page, '#unsafe', 'idle');
  await waitState(page, '#crisis', 'idle');
  await waitState(page, '#crisis-es', 'idle');
  await button(page, '#crisis', 'not-safe').click();
  let s = await safety(page, '#crisis');
  assert.deepEqual(s.lines, [EMERGENCY, 'A crisis line, right now: Call or text 988', 'You can also reach out: Write to us']);
  assert.deepEqual(s.links, [['tel:988', 'Call or text 988'], ['mailto:care@example.org', 'Write to us']]);
  assert.equal(await page.locator('#crisis a[href="tel:988"]').isVisible(), true);

  await button(page, '#crisis-es', 'not-safe').click();
  s = await safety(page, '#crisis-es');
  assert.match(s.lines[0], /servicios de emergencia/);
  assert.deepEqual(s.lines.slice(1), ['Una línea de ayuda en crisis, ahora mismo: Llama al 024']);
  assert.deepEqual(s.links, [['tel:024', 'Llama al 024']]);

  // Without a crisis line the panel is as it always was (see #bare above); a host-less or
  // empty-after-the-colon crisis link is refused like any bad link.
  await page.evaluate(() => {
    for (const [id, href] of [['dead-web', 'https://'], ['dead-tel', 'tel:']]) {
      const el = document.createElement('attune-check-in');
      el.id = id;
      el.setAttribute('crisis-text', 'Call or text 988');
      el.setAttribute('crisis-href', href);
      document.querySelector('main').append(el);
    }
  });
  for (const id of ['dead-web', 'dead-tel']) {
    await waitState(page, `#${id}`, 'idle');
    await button(page, `#${id}`, 'not-safe').click();
    s = await safety(page, `#${id}`);
    assert.deepEqual(s.lines, [EMERGENCY, 'A crisis line, right now: Call or text 988'], id);
    assert.deepEqual(s.links, [], id);
    const errors = (await events(page, 'error')).filter((e) => e.id === id);
    assert.deepEqual(errors.map((e) => e.detail.option), ['crisis-href'], id);
  }
  assert.equal(log.warnings.length, 3, 'one warning each: #unsafe, and the two dead links');

  // Words over 300 characters are never cut short (the number at their end would go): the
  // link's own number stands in, and the page is told which option and what it takes.
  const long = `${'If you are thinking of ending your life, please, please talk to someone now. '.repeat(4)}Call or text 988`;
  await page.evaluate((words) => document.querySelector('#crisis').setAttribute('crisis-text', words), long);
  s = await safety(page, '#crisis');
  assert.deepEqual(s.lines.slice(1), ['A crisis line, right now: 988', 'You can also reach out: Write to us']);
  assert.deepEqual(s.links[0], ['tel:988', '988']);
  const told = (await events(page, 'error')).filter((e) => e.id === 'crisis');
  assert.deepEqual(told.map((e) => e.detail.option), ['crisis-text']);
  assert.match(told[0].detail.message, /a text of up to 300 characters/);
});

test('keyboard: the line is one Tab stop, arrows go between its points, Enter chooses, Tab reaches "Try it here"', async () => {
  const { page } = await openPage('check-in.html');
  await waitState(page, '#alone', 'idle');
  await page.keyboard.press('Tab');
  let f = await deepFocus(page);
  assert.equal(f.value, '0', 'the first point, while none is chosen');
  const seen = [f.value];
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('ArrowRight');
    f = await deepFocus(page);
    seen.push(f.value);
    assert.equal(f.focusVisible, true);
    assert.doesNotMatch(f.outline, /^none|0px$/);
  }
  assert.deepEqual(seen, ['0', '1', '2', '3', '4', '4'], 'it stops at the end');
  await page.keyboard.press('Home');
  assert.equal((await deepFocus(page)).value, '0');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowUp');
  assert.equal((await deepFocus(page)).value, '3');
  assert.equal(await button(page, '#alone', 'point', 3).getAttribute('aria-pressed'), 'false', 'moving chooses nothing');
  await page.keyboard.press('Enter');
  assert.equal(await button(page, '#alone', 'point', 3).getAttribute('aria-pressed'), 'true');
  await page.keyboard.press('Tab');
  f = await deepFocus(page);
  assert.equal(f.action, 'try', 'the next stop after the line is the suggestion\'s button');
  await page.keyboard.press('Shift+Tab');
  assert.equal((await deepFocus(page)).value, '3', 'back into the line at the chosen point');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  f = await deepFocus(page);
  assert.deepEqual([f.where, f.text], ['alone', 'Start']);
});

test('keyboard in Arabic: the line runs right to left, and so do its arrow keys', async () => {
  const { page } = await openPage('check-in.html');
  await waitState(page, '#alone', 'idle');
  await page.evaluate(() => document.querySelector('#alone').setAttribute('lang', 'ar'));
  await page.waitForFunction(() => document.querySelector('#alone').shadowRoot.querySelector('[part~="base"]')?.dir === 'rtl');
  await waitState(page, '#alone', 'idle');
  await button(page, '#alone', 'point', 0).focus();
  await page.keyboard.press('ArrowLeft');
  assert.equal((await deepFocus(page)).value, '1', 'left is onward, as the points are laid out');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal((await deepFocus(page)).value, '0');
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe finds nothing before, after a choice, with the safety line and an exercise open, 360 px, ${colorScheme}`, async () => {
    const { page } = await openPage('check-in.html', { colorScheme, viewport: { width: 360, height: 740 } });
    await waitState(page, '#alone', 'idle');
    const check = async (what) => {
      await page.waitForTimeout(450); // let colour transitions (0.2-0.4 s) settle: axe reads computed colours
      const violations = await axe(page);
      assert.deepEqual(violations, [], `axe ${what}:\n${JSON.stringify(violations, null, 2)}`);
    };
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `nothing sticks out sideways at 360 px (${overflow} px)`);
    await check('before a choice');
    for (const sel of ['#alone', '#bare', '#mail', '#crisis']) {
      await button(page, sel, 'point', 0).click();
      await button(page, sel, 'not-safe').click();
    }
    await check('after a choice, safety open');
    for (const sel of ['#alone', '#bare']) await button(page, sel, 'not-safe').click();
    await button(page, '#alone', 'try').click();
    await button(page, '#bare', 'point', 1).click();
    await button(page, '#bare', 'try').click();
    await page.locator('#alone .inline-widget button[data-action="toggle"]').click();
    await check('with exercises open inline');
  });
}

test('"Overwhelmed" on a page with a 4-7-8 pacer opens a longer out-breath that starts easy, here, instead of sending the visitor to the breath hold', async () => {
  const { page } = await openPage('records.html');
  await page.evaluate(() => {
    const slot = document.querySelector('#slot');
    slot.innerHTML = '<attune-breathing id="pacer" pattern="4-7-8"></attune-breathing><attune-check-in id="ci"></attune-check-in>';
  });
  await waitState(page, '#ci', 'idle');
  await waitState(page, '#pacer', 'idle');
  await button(page, '#ci', 'point', 4).click();
  const suggest = (await events(page, 'suggest')).at(-1);
  assert.deepEqual(suggest.detail.options, { pattern: 'extended-exhale', ramp: 'on' });
  assert.equal(suggest.detail.on_page, false, 'a 4-7-8 pacer is not a match');
  assert.deepEqual(await visibleActions(page, '#ci'), ['try']);
  await button(page, '#ci', 'try').click();
  const inline = page.locator('#ci [part~="inline"]');
  await inline.locator('button[data-action="toggle"]').waitFor();
  assert.equal(await inline.getAttribute('data-widget'), 'breathing');
  assert.match(await inline.locator('[part~="pattern"]').textContent(), /longer/i);
});

test('"Overwhelmed" points to a longer out-breath on the page only where it starts easy, as its words say; "A bit stirred up" to any', async () => {
  const { page } = await openPage('records.html');
  await page.evaluate(() => {
    document.querySelector('#slot').innerHTML = '<div id="pacer" data-attune="breathing" data-pattern="extended-exhale"></div><attune-check-in id="ci"></attune-check-in>';
  });
  await waitState(page, '#ci', 'idle');
  await waitState(page, '#pacer', 'idle');
  await button(page, '#ci', 'point', 4).click();
  assert.match(await page.locator('#ci .reason').textContent(), /starts easy and lengthens gently/);
  assert.equal((await events(page, 'suggest')).at(-1).detail.on_page, false, 'no ramp: not the one the words describe');
  assert.deepEqual(await visibleActions(page, '#ci'), ['try']);
  await button(page, '#ci', 'point', 3).click();
  assert.equal((await events(page, 'suggest')).at(-1).detail.on_page, true);
  await page.evaluate(() => document.querySelector('#pacer').setAttribute('data-ramp', 'on'));
  await waitState(page, '#pacer', 'idle');
  await button(page, '#ci', 'point', 4).click();
  assert.equal((await events(page, 'suggest')).at(-1).detail.on_page, true, 'with its ramp it is');
});

test('the numb end takes turns among the gentle activating exercises, visit after visit', async () => {
  const { page } = await openPage('records.html');
  const offered = [];
  for (let visit = 0; visit < 4; visit++) {
    await page.evaluate(() => { document.querySelector('#slot').innerHTML = '<attune-check-in id="ci"></attune-check-in>'; });
    await waitState(page, '#ci', 'idle');
    await button(page, '#ci', 'point', 0).click();
    const { widget, options } = (await events(page, 'suggest')).at(-1).detail;
    offered.push(options.variant ? `${widget}:${options.variant}` : widget);
    await settled(page); // the visit's check-in is stored before the next one looks
  }
  assert.deepEqual(offered, ['body-scan:temperature', 'body-scan:palms', 'grounding', 'pleasure']);
});

test('"I\'m not safe right now" comes first: the panel opens above the suggestion, which folds away, says when to get help now, and every link and button in it is at least 44 px', async () => {
  const { page } = await openPage('records.html');
  await page.evaluate(() => {
    document.querySelector('#slot').innerHTML = '<attune-check-in id="ci" crisis-href="tel:988" crisis-text="Call or text 988" support-href="mailto:care@example.org" support-text="Write to the practice"></attune-check-in>';
  });
  await waitState(page, '#ci', 'idle');
  await button(page, '#ci', 'point', 3).click();
  const look = () => page.evaluate(() => {
    const root = document.querySelector('#ci').shadowRoot;
    const box = (q) => { const el = root.querySelector(q); const r = el.getBoundingClientRect(); return { top: r.top, shown: r.height > 0 }; };
    const safety = root.querySelector('.safety');
    return {
      safety: box('.safety'),
      suggestion: box('.suggestion'),
      text: safety.textContent,
      focused: root.activeElement === safety.querySelector('.emergency'),
      targets: [...safety.querySelectorAll('a, button'), root.querySelector('.not-safe')].map((el) => {
        const r = el.getBoundingClientRect();
        return [el.textContent.trim(), Math.round(r.width), Math.round(r.height)];
      }),
    };
  });
  let l = await look();
  assert.equal(l.suggestion.shown, true);
  assert.equal(l.safety.shown, false);
  await button(page, '#ci', 'not-safe').click();
  l = await look();
  assert.equal(l.safety.shown, true);
  assert.equal(l.suggestion.shown, false, 'the suggestion folds away');
  assert.equal(l.focused, true, 'the focus goes to the emergency line, at the panel\'s top');
  assert.ok(l.text.indexOf('your local emergency number') < l.text.indexOf('Please get help now, from'), 'what to do before when');
  for (const words of [/thoughts of suicide or of harming yourself/, /losing time/, /look after yourself/, /head injury/, /emergency services/, /lasted for weeks/]) {
    assert.match(l.text, words);
  }
  assert.ok(l.text.indexOf('Call or text 988') < l.text.indexOf('Write to the practice'), 'the crisis line before the practice');
  for (const [what, w, h] of l.targets) assert.ok(w >= 44 && h >= 44, `${what}: ${w} x ${h}`);
  await button(page, '#ci', 'not-safe').click();
  l = await look();
  assert.deepEqual([l.safety.shown, l.suggestion.shown], [false, true], 'closed, the suggestion comes back');
});

test('a mistake in another option leaves the crisis line and the site\'s contact in the error box: a visitor in need is not left with a note for the site\'s owner alone', async () => {
  const { page } = await openWith(ctx, ctx.fixture('records.html'), { viewport: { width: 390, height: 800 } });
  await page.evaluate(() => {
    document.querySelector('#slot').innerHTML = '<attune-check-in id="ci" inline="no thanks" crisis-text="Call or text 988" crisis-href="tel:988" support-text="Call the practice" support-href="tel:5551234567"></attune-check-in>'
      + '<attune-breathing id="b" minutes="abc" crisis-text="Call or text 988" crisis-href="javascript:alert(1)"></attune-breathing>';
  });
  await waitState(page, '#ci', 'error');
  await waitState(page, '#b', 'error');
  const box = (id) => page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    return {
      error: root.querySelector('[part~="error"]').textContent,
      links: [...root.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.textContent]),
      lines: [...root.querySelectorAll('.emergency, .crisis-line, .footer p')].filter((p) => !p.hidden).map((p) => p.textContent.replace(/\u00a0/g, ' ')),
    };
  }, id);
  const ci = await box('#ci');
  assert.match(ci.error, /inline/);
  assert.deepEqual(ci.links, [['tel:988', 'Call or text 988'], ['tel:5551234567', 'Call the practice']]);
  assert.deepEqual(ci.lines, [EMERGENCY, 'A crisis line, right now: Call or text 988', 'These exercises can support, not replace, professional care. Call the practice']);
  // A refused link is left out there too; its words stay, as text. (The emergency line stands
  // in for the check-in's own panel: a pacer never had one.)
  const b = await box('#b');
  assert.deepEqual(b.links, []);
  assert.deepEqual(b.lines, ['A crisis line, right now: Call or text 988', 'These exercises can support, not replace, professional care.']);
  assert.deepEqual(await axe(page), []);
});

test('a number in a site\'s Arabic contact words shows its groups in the order typed, in the panel and the footer: never a number to dial backwards', async () => {
  const { page } = await openWith(ctx, ctx.fixture('records.html'));
  await page.evaluate(() => {
    document.querySelector('#slot').innerHTML = '<attune-check-in id="ci" lang="ar" crisis-href="tel:920033360" crisis-text="اتصل بالرقم 920 033 360 (خط المساندة)" support-href="tel:+966551234567" support-text="عيادة د. سارة – +966 55 123 4567"></attune-check-in>';
  });
  await waitState(page, '#ci', 'idle');
  await button(page, '#ci', 'not-safe').click();
  // Where each group stands on the screen, left to right, in each link.
  const order = await page.evaluate(() => [...document.querySelector('#ci').shadowRoot.querySelectorAll('a[href^="tel:"]')].filter((a) => a.getClientRects().length).map((a) => {
    const node = [...a.childNodes].find((n) => n.nodeType === 3 && /\d/.test(n.data));
    const groups = [...node.data.matchAll(/\+?\d+/g)].map((m) => {
      const r = document.createRange();
      r.setStart(node, m.index);
      r.setEnd(node, m.index + m[0].length);
      return [m[0], r.getBoundingClientRect().left];
    });
    return groups.sort((x, y) => x[1] - y[1]).map(([g]) => g).join(' ');
  }));
  assert.deepEqual(order, ['920 033 360', '+966 55 123 4567', '+966 55 123 4567'], 'the crisis line and the contact in the panel, the contact in the footer');
});

test('"I\'m not safe right now" on a phone: the emergency line and the crisis number come into view, not only the title', async () => {
  for (const [width, height, lang] of [[360, 740, 'en'], [320, 568, 'en'], [360, 640, 'fr']]) {
    const { page } = await openWith(ctx, ctx.fixture('records.html'), { hasTouch: true, isMobile: true, viewport: { width, height }, reducedMotion: 'reduce' });
    await page.evaluate((l) => {
      document.querySelector('#slot').innerHTML = `<attune-check-in id="ci" lang="${l}" crisis-href="tel:988" crisis-text="Call or text 988" support-href="mailto:care@example.org" support-text="Write to the practice"></attune-check-in>`;
    }, lang);
    await waitState(page, '#ci', 'idle');
    await button(page, '#ci', 'point', 3).tap();
    await button(page, '#ci', 'not-safe').tap();
    await page.waitForTimeout(200);
    const seen = await page.evaluate(() => {
      const root = document.querySelector('#ci').shadowRoot;
      const inView = (el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; };
      return {
        emergency: inView(root.querySelector('.safety .emergency')),
        crisis: inView(root.querySelector('.safety a[href="tel:988"]')),
        focused: root.activeElement === root.querySelector('.safety .emergency'),
      };
    });
    assert.deepEqual(seen, { emergency: true, crisis: true, focused: true }, `${width} x ${height}, ${lang}`);
  }
});

// The exercise opened here pauses as the panel opens and unfolds again above the panel's button
// as it closes: its Resume comes back into view, not left above the top of a phone's screen.
test('"I\'m not safe right now" closed again: the focus goes to the paused exercise\'s Resume, on screen, phone or desktop', async () => {
  for (const [point, w, h] of [[0, 320, 568], [3, 320, 568], [0, 360, 740], [3, 360, 740], [3, 1000, 800]]) {
    const { page } = await openWith(ctx, ctx.fixture('records.html'), { hasTouch: true, isMobile: true, viewport: { width: w, height: h }, reducedMotion: 'reduce' });
    await page.evaluate(() => {
      document.querySelector('#slot').innerHTML = '<attune-check-in id="ci" crisis-href="tel:988" crisis-text="Call or text 988"></attune-check-in>';
    });
    await waitState(page, '#ci', 'idle');
    await button(page, '#ci', 'point', point).tap();
    await button(page, '#ci', 'try').tap();
    await page.locator('#ci [part~="inline"] button[data-action="toggle"]').tap(); // Start
    await button(page, '#ci', 'not-safe').tap();
    await page.waitForTimeout(200);
    // Paused without a word: the panel's urgent lines are what is said.
    const heard = await page.evaluate(() => {
      const inline = document.querySelector('#ci').shadowRoot.querySelector('[part~="inline"]');
      return [inline.getAttribute('data-state'), inline.shadowRoot.querySelector('[aria-live]').textContent];
    });
    assert.deepEqual(heard, ['paused', ''], 'the exercise pauses and says nothing over the safety lines');
    await button(page, '#ci', 'not-safe').tap();
    await page.waitForTimeout(200);
    const seen = await page.evaluate(() => {
      const inline = document.querySelector('#ci').shadowRoot.querySelector('[part~="inline"]');
      const b = inline.shadowRoot.querySelector('button[data-action="toggle"]');
      const r = b.getBoundingClientRect();
      return { words: b.textContent, inView: r.top >= 0 && r.bottom <= innerHeight, state: inline.getAttribute('data-state'), widget: inline.getAttribute('data-widget'), focused: inline.shadowRoot.activeElement === b };
    });
    const widget = point === 0 ? 'body-scan' : 'breathing';
    // The focus on Resume: on screen, and a screen reader hears the exercise is waiting.
    assert.deepEqual(seen, { words: 'Resume', inView: true, state: 'paused', widget, focused: true }, `point ${point}, ${w} x ${h}`);
  }
});

// An app built of web components: the check-in and the exercise sit in one component's shadow root.
test('inside a component\'s shadow root, the check-in finds the exercise beside it and points to it', async () => {
  const { page } = await openPage('records.html');
  await page.evaluate(() => {
    const app = document.createElement('div');
    document.querySelector('#slot').append(app);
    const root = app.attachShadow({ mode: 'open' });
    const ci = document.createElement('attune-check-in');
    ci.id = 'ci2';
    const ground = document.createElement('attune-grounding');
    ground.id = 'g2';
    root.append(ci, ground);
  });
  const state = (id) => page.evaluate((i) => document.querySelector('#slot > div').shadowRoot.getElementById(i).getAttribute('data-state'), id);
  await page.waitForFunction(() => ['ci2', 'g2'].every((i) => document.querySelector('#slot > div').shadowRoot.getElementById(i).getAttribute('data-state') === 'idle'));
  await button(page, '#ci2', 'point', 1).click(); // (Playwright's CSS goes through open shadow roots)
  const suggest = (await events(page, 'suggest')).at(-1);
  assert.equal(suggest.detail.on_page, true);
  const actions = await page.evaluate(() => [...document.querySelector('#slot > div').shadowRoot.getElementById('ci2').shadowRoot.querySelectorAll('.suggestion button')]
    .filter((b) => !b.closest('[hidden]')).map((b) => b.dataset.action));
  assert.deepEqual(actions, ['go'], '"Go to the exercise on this page", not "Try it here"');
  await button(page, '#ci2', 'go').click();
  await page.waitForFunction(() => document.querySelector('#slot > div').shadowRoot.activeElement?.id === 'g2');
  assert.equal(await state('g2'), 'idle', 'the focus is in the exercise, which waits to be started');
});

// "Delete everything" in another tab removes the check-in's record; the visitor then answers
// again: that answer is a new check-in, kept, and says so.
test('an answer after "Delete everything" in another tab is kept as a new check-in', async () => {
  const { page, context } = await openPage('check-in.html');
  await waitState(page, '#alone', 'idle');
  await button(page, '#alone', 'point', 1).click();
  const first = (await storedSessions(page)).filter((i) => i.widget === 'check-in');
  assert.equal(first.length, 1);
  const { page: other } = await newTab(ctx, context, ctx.fixture('pleasure.html'));
  await waitState(other, '#p', 'idle');
  await deleteAll(other);
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('attune.attune.sessions')).items.length === 0, null, { polling: 50 });
  const entries = (await events(page, 'entry')).length;
  await button(page, '#alone', 'point', 2).click();
  const kept = (await storedSessions(page)).filter((i) => i.widget === 'check-in');
  assert.equal(kept.length, 1, 'kept');
  assert.notEqual(kept[0].id, first[0].id, 'as a new record');
  assert.deepEqual(kept[0].tags.slice(0, 1), ['point:settled']);
  assert.equal((await events(page, 'entry')).length, entries + 1);
});

test('a check-in left open overnight: the morning\'s answer is a new check-in on its own day, and yesterday\'s no longer shows as chosen', async () => {
  const { page } = await openPage('check-in.html', { clock: { time: new Date('2026-03-20T21:00:00') } });
  await waitState(page, '#alone', 'idle');
  await button(page, '#alone', 'point', 0).click();
  const [evening] = (await storedSessions(page)).filter((i) => i.widget === 'check-in');
  await page.clock.fastForward('12:00:00');
  await waitState(page, '#alone', 'idle');
  const pressed = () => page.evaluate(() => [...document.querySelector('#alone').shadowRoot.querySelectorAll('[aria-pressed="true"]')].length);
  assert.equal(await pressed(), 0, 'no answer chosen yet today');
  await button(page, '#alone', 'point', 2).click();
  const kept = (await storedSessions(page)).filter((i) => i.widget === 'check-in');
  assert.equal(kept.length, 2, 'yesterday\'s check-in is kept as it was');
  assert.deepEqual(kept.find((r) => r.id === evening.id), evening);
  const morning = kept.find((r) => r.id !== evening.id);
  assert.equal(morning.day, evening.day + 1);
  assert.deepEqual(morning.tags.slice(0, 1), ['point:settled']);
  assert.equal(await pressed(), 1);
});

// A check-in on the fake clock, "overwhelmed" chosen, its exercise opened inline and started.
async function runningInline() {
  const { page } = await openPage('records.html', { clock: true });
  await page.evaluate(() => {
    document.querySelector('#slot').innerHTML = '<attune-check-in id="ci"></attune-check-in>';
  });
  await waitState(page, '#ci', 'idle');
  await button(page, '#ci', 'point', 4).click();
  await button(page, '#ci', 'try').click();
  await page.waitForFunction(() => document.querySelector('#ci').shadowRoot.querySelector('.inline-widget')?.getAttribute('data-state') === 'idle');
  await page.locator('#ci .inline-widget button[data-action="toggle"]').click();
  await page.waitForFunction(() => document.querySelector('#ci').shadowRoot.querySelector('.inline-widget').getAttribute('data-state') === 'running');
  return page;
}

test('an exercise running inline pauses while "I\'m not safe right now" is open, and is where the visitor left it after', async () => {
  const page = await runningInline();
  await page.clock.runFor(3_000);
  await button(page, '#ci', 'not-safe').click();
  assert.equal((await inline(page, '#ci')).state, 'paused');
  assert.equal((await safety(page, '#ci')).shown, true);
  assert.equal(await page.evaluate(() => document.querySelector('#ci').shadowRoot.activeElement?.className), 'emergency', 'the focus stays on the emergency line');
  await page.clock.runFor(60_000);
  // Closed by Escape from inside: the focus goes back to its button, so a second Escape (a
  // double press) does not reach the exercise, where it would stop it.
  await page.keyboard.press('Escape');
  assert.equal((await safety(page, '#ci')).shown, false);
  assert.equal((await deepFocus(page)).action, 'not-safe');
  await page.keyboard.press('Escape');
  assert.equal((await inline(page, '#ci')).state, 'paused', 'a second Escape stops nothing');
  await button(page, '#ci', 'not-safe').click();
  await button(page, '#ci', 'not-safe').click();
  assert.equal((await inline(page, '#ci')).state, 'paused', 'still paused, where it was');
  const meta = await page.evaluate(() => document.querySelector('#ci').shadowRoot.querySelector('.inline-widget').shadowRoot.querySelector('[part~="progress"]')?.getAttribute('aria-valuetext'));
  assert.match(meta ?? '', /^Breath 1 of/);
});

test('"I\'m not safe right now" opened, closed and opened again by a script in one go still pauses the exercise running inline', async () => {
  const page = await runningInline();
  await page.evaluate(() => {
    const b = document.querySelector('#ci').shadowRoot.querySelector('[data-action="not-safe"]');
    b.click(); b.click(); b.click();
  });
  await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
  assert.equal((await safety(page, '#ci')).shown, true);
  assert.equal((await inline(page, '#ci')).state, 'paused');
});

test('an exercise on the page that the visitor can\'t see (a closed <details>, a hidden tab panel) is not pointed to: it opens here instead', async () => {
  const { page } = await openPage('check-in-page.html');
  await waitState(page, '#ci', 'idle');
  await waitState(page, '#ground', 'idle');
  await page.evaluate(() => {
    const details = document.createElement('details');
    details.append(document.createElement('summary'));
    document.querySelector('#ground').before(details);
    details.append(document.querySelector('#ground'));
  });
  await button(page, '#ci', 'point', 1).click();
  assert.equal((await events(page, 'suggest')).at(-1).detail.on_page, false);
  assert.deepEqual(await visibleActions(page, '#ci'), ['try']);
  await page.evaluate(() => { document.querySelector('details').open = true; });
  await button(page, '#ci', 'point', 2).click();
  await button(page, '#ci', 'point', 1).click();
  assert.equal((await events(page, 'suggest')).at(-1).detail.on_page, true, 'once open, it is pointed to');
  await page.evaluate(() => { const d = document.querySelector('details'); d.open = true; d.hidden = true; });
  await button(page, '#ci', 'point', 2).click();
  await button(page, '#ci', 'point', 1).click();
  assert.equal((await events(page, 'suggest')).at(-1).detail.on_page, false, 'under a hidden panel: not');
  // Most tab panels are hidden by the page's CSS, not by `hidden`: "Go to" there did nothing.
  await page.evaluate(() => { const d = document.querySelector('details'); d.hidden = false; d.style.display = 'none'; });
  await button(page, '#ci', 'point', 2).click();
  await button(page, '#ci', 'point', 1).click();
  assert.equal((await events(page, 'suggest')).at(-1).detail.on_page, false, 'under a panel the CSS hides: not');
  assert.deepEqual(await visibleActions(page, '#ci'), ['try']);
  // Collapsed content the browser skips (`hidden="until-found"`, as accordions do): not, and the
  // same again on a second tap (the browser answered differently the second time it was asked).
  await page.evaluate(() => { const d = document.querySelector('details'); d.style.display = ''; d.setAttribute('hidden', 'until-found'); });
  for (let i = 0; i < 2; i++) {
    await button(page, '#ci', 'point', 2).click();
    await button(page, '#ci', 'point', 1).click();
    assert.equal((await events(page, 'suggest')).at(-1).detail.on_page, false, `until found, tap ${i + 1}`);
    assert.deepEqual(await visibleActions(page, '#ci'), ['try']);
  }
});

test('"Go to" a page exercise whose element is display: contents scrolls to its box', async () => {
  const { page } = await openPage('check-in-page.html');
  await waitState(page, '#ci', 'idle');
  await waitState(page, '#ground', 'idle');
  await page.evaluate(() => { document.querySelector('#ground').style.display = 'contents'; });
  await button(page, '#ci', 'point', 1).click();
  await button(page, '#ci', 'go').click();
  await page.waitForFunction(() => {
    const r = document.querySelector('#ground').shadowRoot.querySelector('.attune').getBoundingClientRect();
    return r.top >= -1 && r.top < innerHeight / 2;
  });
  assert.equal((await deepFocus(page)).where, 'ground');
});

test('a page exercise still waiting for its language file is not pointed to (it shows nothing yet)', async () => {
  const { page } = await openPage('check-in-page.html');
  await waitState(page, '#ci', 'idle');
  await waitState(page, '#ground', 'idle');
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/attune-fr-*.json', async (route) => { await held; await route.continue(); });
  await page.evaluate(() => document.querySelector('#ground').setAttribute('data-lang', 'fr'));
  await page.waitForFunction(() => !document.querySelector('#ground').shadowRoot.querySelector('.attune'));
  await button(page, '#ci', 'point', 1).click();
  assert.equal((await events(page, 'suggest')).at(-1).detail.on_page, false);
  assert.deepEqual(await visibleActions(page, '#ci'), ['try']);
  release();
  await page.waitForFunction(() => document.querySelector('#ground').shadowRoot.querySelector('.attune'));
  await button(page, '#ci', 'point', 2).click();
  await button(page, '#ci', 'point', 1).click();
  assert.equal((await events(page, 'suggest')).at(-1).detail.on_page, true, 'once it is built');
});

test('an exercise the page mounted itself is found by the options it runs with, not by its tag\'s', async () => {
  const { page } = await openPage('check-in-page.html');
  await waitState(page, '#ci', 'idle');
  await waitState(page, '#breath', 'idle');
  // "A bit stirred up" suggests a longer out-breath; the page's tag says box breathing.
  await page.evaluate(() => {
    const div = document.createElement('div');
    div.id = 'mine';
    document.querySelector('#scan').after(div);
    window.__mine = Attune.mount(div, { widget: 'breathing', pattern: 'extended-exhale' });
  });
  await waitState(page, '#mine', 'idle');
  await button(page, '#ci', 'point', 3).click();
  assert.equal((await events(page, 'suggest')).at(-1).detail.on_page, true, 'a pacer mounted into a <div> is on the page');
  await button(page, '#ci', 'go').click();
  await page.waitForFunction(() => document.activeElement?.id === 'mine');
  assert.equal((await deepFocus(page)).part, 'title');

  // Gone, and the tag taken over with a box: the tag's own attributes no longer say what runs.
  await page.evaluate(() => {
    window.__mine.unmount();
    document.querySelector('#breath').setAttribute('pattern', 'extended-exhale');
  });
  await button(page, '#ci', 'point', 2).click();
  await button(page, '#ci', 'point', 3).click();
  assert.equal((await events(page, 'suggest')).at(-1).detail.on_page, true, 'the tag now breathes out longer');
  await page.evaluate(() => { window.__taken = Attune.mount(document.querySelector('#breath'), { widget: 'breathing', pattern: 'box' }); });
  await page.waitForFunction(() => /Box/.test(document.querySelector('#breath').shadowRoot.textContent));
  await button(page, '#ci', 'point', 2).click();
  await button(page, '#ci', 'point', 3).click();
  assert.equal((await events(page, 'suggest')).at(-1).detail.on_page, false, 'a box pacer, whatever its tag says');
  assert.deepEqual(await visibleActions(page, '#ci'), ['try']);
});

test('an exercise opened inside the check-in and closed mid-way is kept, and the page hears of it on the check-in', async () => {
  const page = await runningInline();
  await page.clock.runFor(30_000);
  await page.evaluate(() => {
    window.__entries = [];
    document.addEventListener('attune:entry', (e) => window.__entries.push([e.target.id, e.detail.widget]));
  });
  await button(page, '#ci', 'close').click();
  const kept = (await storedSessions(page)).filter((s) => s.widget === 'breathing');
  assert.equal(kept.length, 1);
  assert.equal(kept[0].completed, false);
  assert.deepEqual(await page.evaluate(() => window.__entries), [['ci', 'breathing']]);
});

test('a check-in removed with an exercise running inside it: the exercise is kept, and the document hears of it', async () => {
  const page = await runningInline();
  await page.clock.runFor(30_000);
  await page.evaluate(() => {
    window.__entries = [];
    document.addEventListener('attune:entry', (e) => window.__entries.push(e.detail.widget));
    document.querySelector('#ci').remove();
  });
  await page.clock.runFor(100);
  const kept = (await storedSessions(page)).filter((s) => s.widget === 'breathing');
  assert.equal(kept.length, 1);
  assert.deepEqual(await page.evaluate(() => window.__entries), ['breathing']);
});

test('on a touch screen a point held down shows it is being pressed (the phone\'s own highlight is gone)', async () => {
  const { page } = await openWith(ctx, ctx.fixture('records.html'), { hasTouch: true, isMobile: true, viewport: { width: 360, height: 740 } });
  await page.evaluate(() => { document.querySelector('#slot').innerHTML = '<attune-check-in id="ci"></attune-check-in>'; });
  await waitState(page, '#ci', 'idle');
  const look = () => page.evaluate(() => getComputedStyle(document.querySelector('#ci').shadowRoot.querySelector('[data-action="point"]')).backgroundColor);
  const before = await look();
  assert.notEqual(await whileHeld(page, button(page, '#ci', 'point', 0), look), before);
});

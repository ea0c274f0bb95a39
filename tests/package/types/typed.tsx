// What a TypeScript app writes with the package: the API, event listeners reading `detail`, and
// a React 19 component using the tags. Compiled with `strict` by tests/package/package.test.mjs.
// Each `@ts-expect-error` line must be an error: if a wrong value ever compiles, so does this
// directive's complaint, and the test fails.
import Attune, { mount, ready, registerTranslation, version } from '@attune-widgets/attune';
import type { AttuneElement, AttuneHandle, AttuneMountOptions, AttuneSuggestDetail } from '@attune-widgets/attune';
import type {} from '@attune-widgets/attune/react';
import { useEffect, useRef } from 'react';

const host = document.createElement('div');

// mount: one widget's options, told apart by `widget`, values as literal types.
const handle: AttuneHandle = mount(host, { widget: 'breathing', pattern: '4-7-8', breaths: 4, sound: 'chime', ramp: true });
handle.unmount();
mount(host, { widget: 'breathing', pattern: '3.5-0-5.5-0', minutes: '2.5', theme: 'dark' });
Attune.mount(host, { widget: 'plan', days: 21, storageKey: 'clinic', 'support-href': 'tel:988' });
const options: AttuneMountOptions = { widget: 'body-scan', variant: 'palms', seconds: 30, advance: 'manual' };
mount(host, options);
mount(host, { widget: 'summary', period: 30 });
mount(host, { widget: 'summary', period: 'plan' });

// A list may be an array, joined with | as the attribute writes it.
mount(host, { widget: 'pleasure', suggestions: ['A warm drink', 'One song'] });
mount(host, { widget: 'plan', cues: ['body: stretch', 'sensory: a window', 'connection: a message', 'meaning: the basil'] as const });
// A placeholder names its widget: no options at all.
const placeholder = document.querySelector('[data-attune]');
if (placeholder) mount(placeholder);

// A tag names its widget: its options need no `widget`.
const tag = document.querySelector('attune-breathing');
if (tag) mount(tag, { pattern: 'box', vibrate: 'on' });

registerTranslation('de', { Start: 'Beginnen' });
const v: string = version;
void ready.then((api) => api.version.length + v.length);
void ready.catch(() => undefined).finally(() => undefined);
void window.Attune.ready;

// Events: every attune:* event's detail is typed, on elements, the document and the window.
document.addEventListener('attune:phase', (e) => {
  const phase: 'inhale' | 'hold-in' | 'exhale' | 'hold-out' = e.detail.phase;
  const ms: number = e.detail.elapsed_ms;
  console.log(phase, ms);
});
host.addEventListener('attune:complete', (e) => {
  if (e.detail.widget === 'pleasure') {
    const days: number = e.detail.days_with_shift_7;
    console.log(days);
  } else if (e.detail.widget === 'check-in') {
    console.log(e.detail.point, e.detail.suggested);
  }
});
window.addEventListener('attune:suggest', (e) => {
  const d: AttuneSuggestDetail = e.detail;
  console.log(d.widget, d.on_page, d.options);
});
tag?.addEventListener('attune:error', (e) => {
  const code: 'load' | 'mount' | 'option' | 'internal' = e.detail.code;
  console.log(code, e.detail.option ?? '');
});

// React 19: the tags in JSX, attributes checked.
export function Calm() {
  return (
    <main>
      <attune-breathing pattern="box" minutes={2} lang="fr" rating="off" className="pacer" />
      <attune-grounding mode="write" />
      <attune-check-in crisis-text="Call or text 988" crisis-href="tel:988" inline="off" />
      <attune-plan days={21} cues="body: stretch|sensory: tea|connection: call|meaning: basil" />
      <attune-summary period="plan" support-text="Call us" />
    </main>
  );
}

// The example in docs/package.md: events on a ref.
export function CalmWithRef() {
  const ref = useRef<AttuneElement<'breathing'>>(null);
  useEffect(() => {
    const el = ref.current;
    const done = (e: HTMLElementEventMap['attune:complete']) => console.log(e.detail);
    el?.addEventListener('attune:complete', done);
    return () => el?.removeEventListener('attune:complete', done);
  }, []);
  return <attune-breathing ref={ref} pattern="box" minutes={3} rating="off" />;
}

// What must not compile.
// @ts-expect-error: no such pattern
mount(host, { widget: 'breathing', pattern: 'boxx' });
// @ts-expect-error: grounding has no pattern
mount(host, { widget: 'grounding', pattern: 'box' });
// @ts-expect-error: no such widget
mount(host, { widget: 'breath' });
// @ts-expect-error: a <div> does not name its widget
mount(host, { pattern: 'box' });
// @ts-expect-error: a summary's period is 7, 14, 30 or plan
mount(host, { widget: 'summary', period: 10 });
// @ts-expect-error: a list holds texts
mount(host, { widget: 'pleasure', suggestions: [1, 2] });
// @ts-expect-error: theme takes light, dark or auto
mount(host, { widget: 'plan', theme: 'blue' });
document.addEventListener('attune:phase', (e) => {
  // @ts-expect-error: a phase is never "rest"
  if (e.detail.phase === 'rest') console.log('never');
});
export const Wrong = () => (
  <>
    {/* @ts-expect-error: sound takes off, chime or voice */}
    <attune-breathing sound="loud" />
    {/* @ts-expect-error: rating={false} would remove the attribute, which means "on" */}
    <attune-grounding rating={false} />
  </>
);

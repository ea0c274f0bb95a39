// A deliberately wrong option value: tests/package/package.test.mjs expects `tsc` to refuse it,
// naming this line.
import { mount } from '@attune-widgets/attune';

mount(document.body, { widget: 'breathing', pattern: 'boxx' });

// The app both bundlers build: the package's default export, named exports and one mount.
import Attune, { mount, version } from '@attune-widgets/attune';

document.getElementById('version').textContent = version === Attune.version ? version : 'two versions?';
mount(document.getElementById('api'), { widget: 'breathing', pattern: 'extended-exhale', minutes: 1 });

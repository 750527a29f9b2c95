// One sample of bench/activation.mjs, in a fresh process: `node activateOnce.mjs MAIN cold|warm` requires MAIN (the
// extension's entry, or the empty extension) and calls its activate() against the VS Code stub, then opens a JSON
// document that is not ours, and prints {loadMs, activateMs, plainOpenMs}. It imports nothing else, so that nothing
// warms the module loader before the timed require (a heavier parent module would).
import { createRequire } from 'node:module';
import { documentEvents, extensionContext, installVscodeStub } from '../../test/support/vscodeStub.mjs';

const [, , main, warm] = process.argv;
installVscodeStub();
const require = createRequire(import.meta.url);
// VS Code's extension host has undici loaded before any extension: reading Headers loads it here.
if (warm === 'warm') void globalThis.Headers;
const started = process.hrtime.bigint();
const extension = require(main);
const loaded = process.hrtime.bigint();
extension.activate(extensionContext(process.cwd()));
const activated = process.hrtime.bigint();
// A package.json of 20 KB opened after activation: what our listeners cost a document that is not ours.
await new Promise((resolve) => setTimeout(resolve, 10));
const text = JSON.stringify({
  name: 'app',
  dependencies: Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`package-${i}`, `^${i}.0.0`])),
});
const document = {
  uri: { path: '/w/package.json', scheme: 'file' },
  languageId: 'json',
  getText: () => text,
  isClosed: false,
  version: 1,
};
const opening = process.hrtime.bigint();
documentEvents.open.fire(document);
const opened = process.hrtime.bigint();
const ms = (from, to) => Number(to - from) / 1e6;
console.log(
  JSON.stringify({ loadMs: ms(started, loaded), activateMs: ms(loaded, activated), plainOpenMs: ms(opening, opened) }),
);
process.exit(0);

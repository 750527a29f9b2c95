// One sample of bench/activation.mjs, in a fresh process: `node activateOnce.mjs BUNDLE cold|warm` loads BUNDLE and
// calls its activate() against the VS Code stub, and prints {loadMs, activateMs}. It imports nothing else, so that
// nothing warms the module loader before the timed require (a heavier parent module would).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extensionContext, installVscodeStub } from '../../test/support/vscodeStub.mjs';

const [, , bundle, warm] = process.argv;
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
installVscodeStub();
// VS Code's extension host has undici loaded before any extension: reading Headers loads it here.
if (warm === 'warm') void globalThis.Headers;
const require = createRequire(import.meta.url);
const started = process.hrtime.bigint();
const extension = require(bundle);
const loaded = process.hrtime.bigint();
extension.activate(extensionContext(root));
const activated = process.hrtime.bigint();
console.log(JSON.stringify({ loadMs: Number(loaded - started) / 1e6, activateMs: Number(activated - loaded) / 1e6 }));
process.exit(0);

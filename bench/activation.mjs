// Benchmark of activation as shipped: the size of the production bundle, the time to load it and the time of
// activate(), against a stub of the VS Code API (bench/lib/vscodeStub.mjs), in fresh Node processes. Prints
// figures; asserts nothing. `npm run bench:activation`.
import { execFileSync, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (process.argv[2] === '--once') {
  const { installVscodeStub, extensionContext } = await import(pathToFileURL(join(root, 'bench/lib/vscodeStub.mjs')).href);
  installVscodeStub();
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  let started = process.hrtime.bigint();
  const extension = require(join(root, 'dist/extension.js'));
  const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
  started = process.hrtime.bigint();
  extension.activate(extensionContext(root));
  const activateMs = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(JSON.stringify({ loadMs, activateMs }));
  process.exit(0);
}

execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--production'], { stdio: 'ignore' });
const size = statSync(join(root, 'dist/extension.js')).size;
const runs = [];
for (let i = 0; i < 21; i++) {
  const out = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--once'], { encoding: 'utf8' });
  runs.push(JSON.parse(out.stdout.trim().split('\n').at(-1)));
}
const median = (key) => runs.map((r) => r[key]).sort((a, b) => a - b)[10];
const max = (key) => Math.max(...runs.map((r) => r[key]));
console.log(`node ${process.version}; dist/extension.js ${(size / 1024).toFixed(1)} KB minified`);
console.log(`load (require of the bundle), 21 fresh processes: median ${median('loadMs').toFixed(2)} ms, max ${max('loadMs').toFixed(2)} ms`);
console.log(`activate(), 21 fresh processes: median ${median('activateMs').toFixed(2)} ms, max ${max('activateMs').toFixed(2)} ms`);

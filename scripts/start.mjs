// `npm start`: installs what is missing, builds the extension, starts the local emulator, and serves a real VS Code
// (1.139, in the browser, on 127.0.0.1) with the extension loaded from this folder, pointed at the emulator, and
// the sample workspace open. Prints the URL; Ctrl+C stops everything. HWC_PORT picks VS Code's port (default: a
// free one); the emulator keeps its state in .vscode-test/emulator-state.json.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNpmPackages, ensureVSCodeHarness } from './lib/bootstrap.mjs';
import { projectRoot, startCodeServer } from './lib/codeServer.mjs';

function step(command, args) {
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const port = process.env.HWC_PORT ? Number(process.env.HWC_PORT) : undefined;
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  console.error(`HWC_PORT must be a port number (1-65535), not "${process.env.HWC_PORT}"`);
  process.exit(1);
}

ensureNpmPackages();
ensureVSCodeHarness();
step(process.execPath, ['scripts/build.mjs']);

// The emulator first: VS Code's settings point at it, and the environment carries its well-known test key.
const stateFile = join(projectRoot, '.vscode-test', 'emulator-state.json');
const seed = existsSync(stateFile) ? [] : ['--seed', '5'];
const emulator = spawn(process.execPath, [join(projectRoot, 'dist', 'emulator.js'), '--port', '0', '--state', stateFile, '--quiet', ...seed], { stdio: ['ignore', 'pipe', 'inherit'] });
process.once('exit', () => emulator.kill());
let emulatorOutput = '';
const emulatorUrl = await new Promise((resolve, reject) => {
  emulator.stdout.on('data', (chunk) => {
    emulatorOutput += chunk;
    // Its banner ends with the settings line; the keys are printed before it.
    const match = /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*settings:/.exec(emulatorOutput);
    if (match) resolve(match[1]);
  });
  emulator.once('exit', (code) => reject(new Error(`the emulator exited (code ${code}):\n${emulatorOutput}`)));
}).catch((error) => {
  console.error(`npm start: ${error.message}`);
  process.exit(1);
});
const accessKey = /access key \(AK\): (\S+)/.exec(emulatorOutput)?.[1];
const secretKey = /secret key \(SK\): (\S+)/.exec(emulatorOutput)?.[1];

const server = await startCodeServer({
  ...(port ? { port } : {}),
  settings: { 'huaweicloud.endpoints': { modelarts: emulatorUrl, vpc: emulatorUrl, iam: emulatorUrl }, 'huaweicloud.credentialSource': 'environment' },
}).catch((error) => {
  console.error(`npm start: ${error.message}`);
  process.exit(1);
});
// The extension host's environment comes from the page's payload, not from code-server's own environment.
const payload = JSON.stringify([
  ['extensionDevelopmentPath', server.remoteUri(projectRoot)],
  ['extensionEnvironment', JSON.stringify({ HUAWEICLOUD_SDK_AK: accessKey, HUAWEICLOUD_SDK_SK: secretKey })],
  ['skipWelcome', 'true'],
]);
const query = new URLSearchParams({ folder: join(projectRoot, 'sample'), payload });
console.log(`\nLocal emulator: ${emulatorUrl} (state in ${stateFile})`);
console.log(`VS Code with Huawei Cloud Networks, pointed at the emulator: ${server.url}/?${query}\n`);
console.log('Rebuild with `npm run watch` in another terminal and reload the window to pick up changes. Ctrl+C stops.');

// Ctrl+C, a closed terminal or a kill stop code-server with this process (scripts/lib/codeServer.mjs).
server.process.on('exit', async (code, signal) => {
  console.error(`code-server exited (${signal ?? `code ${code}`}); its last lines:\n${server.serverLog.slice(-20).join('\n')}`);
  await server.stop();
  process.exit(1);
});

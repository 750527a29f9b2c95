// `npm start`: installs what is missing, builds the extension, and serves a real VS Code (1.139, in the browser,
// on 127.0.0.1) with the extension loaded from this folder and the sample workspace open. Prints the URL; Ctrl+C
// stops it. HWC_PORT picks the port (default: a free one).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
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

if (!existsSync(join(projectRoot, 'node_modules', '.package-lock.json'))) step('npm', ['ci', '--no-audit', '--no-fund']);
step('bash', ['scripts/setup-vscode.sh']);
step(process.execPath, ['scripts/build.mjs']);

const server = await startCodeServer(port ? { port } : {}).catch((error) => {
  console.error(`npm start: ${error.message}`);
  process.exit(1);
});
const payload = JSON.stringify([['extensionDevelopmentPath', server.remoteUri(projectRoot)], ['skipWelcome', 'true']]);
const query = new URLSearchParams({ folder: join(projectRoot, 'sample'), payload });
console.log(`\nVS Code with Huawei Cloud Networks: ${server.url}/?${query}\n`);
console.log('Rebuild with `npm run watch` in another terminal and reload the window to pick up changes. Ctrl+C stops.');

// Ctrl+C, a closed terminal or a kill stop code-server with this process (scripts/lib/codeServer.mjs).
server.process.on('exit', async (code, signal) => {
  console.error(`code-server exited (${signal ?? `code ${code}`}); its last lines:\n${server.serverLog.slice(-20).join('\n')}`);
  await server.stop();
  process.exit(1);
});

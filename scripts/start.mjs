// `npm start`: installs what is missing, builds the extension, starts the local emulator, and serves a real VS Code
// (1.139, in the browser, on 127.0.0.1) with the extension loaded from this folder, connected to the emulator (the
// "Local emulator" connection, as Start Local Emulator makes), and the sample workspace open. Prints the URL; Ctrl+C stops everything. HWC_PORT picks VS Code's port (default: the
// last start's, else a free one).
// The emulator shows every state at once (src/emulator/scenario.ts), sample/valid's documents linked to their
// resources; the slow states are re-armed at every start. What is kept between starts — the emulator's state and the
// VS Code profile — is in .vscode-test/start (HWC_START_HOME); `npm start -- --fresh` clears it and seeds again.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNpmPackages, ensureVSCodeHarness } from './lib/bootstrap.mjs';
import { projectRoot, startCodeServer } from './lib/codeServer.mjs';
import { choosePort, linksFile, rememberedPort, startFiles, startHome } from './lib/startHome.mjs';

function step(command, args) {
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const options = process.argv.slice(2);
const unknown = options.filter((option) => option !== '--fresh');
if (unknown.length > 0) {
  console.error(
    `npm start: unknown option ${unknown.join(' ')}; the one option is --fresh (clears the emulator's state and the VS Code profile, and seeds again)`,
  );
  process.exit(2);
}
const fresh = options.includes('--fresh');

const requestedPort = process.env.HWC_PORT ? Number(process.env.HWC_PORT) : undefined;
if (requestedPort !== undefined && !(Number.isInteger(requestedPort) && requestedPort > 0 && requestedPort < 65536)) {
  console.error(`HWC_PORT must be a port number (1-65535), not "${process.env.HWC_PORT}"`);
  process.exit(1);
}

const home = startHome();
const files = startFiles(home);
const lastPort = rememberedPort(files.port);
if (fresh) {
  rmSync(home, { recursive: true, force: true });
  console.log(`npm start --fresh: cleared ${home} (the emulator's state and the VS Code profile)`);
}
mkdirSync(home, { recursive: true });

ensureNpmPackages();
ensureVSCodeHarness();
step(process.execPath, ['scripts/build.mjs']);

// The emulator first: the extension host's environment names it (HUAWEICLOUD_EMULATOR_URL), and the extension
// connects to it as to one Start Local Emulator started, once it has said it is one. Its quota leaves room for
// groups of one's own beside the scenario's.
const emulator = spawn(
  process.execPath,
  [
    join(projectRoot, 'dist', 'emulator.js'),
    '--port',
    '0',
    '--state',
    files.state,
    '--quota',
    '500',
    '--quiet',
    '--scenario',
    join(projectRoot, 'sample', 'valid'),
    '--scenario-out',
    files.scenario,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
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
const scenarioLine = /^ {2}scenario: .*$/m.exec(emulatorOutput)?.[0].trim();
const scenario = JSON.parse(readFileSync(files.scenario, 'utf8'));

const { port, note } = await choosePort({
  requested: requestedPort,
  remembered: fresh ? undefined : lastPort,
  avoid: fresh ? lastPort : undefined,
});
if (note) console.log(`npm start: ${note}`);
if (fresh && requestedPort !== undefined && requestedPort === lastPort) {
  console.log(
    `npm start: HWC_PORT keeps the address of the last start, where the browser keeps that workbench's state: clear the site's data in the browser for a fresh one`,
  );
}
const server = await startCodeServer({
  port,
  profile: files.profile,
  // The connection is the emulator's, named in the extension host's environment (below), not these settings: what
  // earlier starts wrote here is taken out, so that Stop Local Emulator leaves for the user's own settings.
  settings: { 'huaweicloud.endpoints': undefined, 'huaweicloud.credentialSource': undefined },
}).catch((error) => {
  console.error(`npm start: ${error.message}`);
  process.exit(1);
});
writeFileSync(files.port, `${server.port}\n`);
writeFileSync(files.links, `${JSON.stringify(linksFile(scenario), null, 2)}\n`);
// The extension host's environment comes from the page's payload, not from code-server's own environment.
const payload = JSON.stringify([
  ['extensionDevelopmentPath', server.remoteUri(projectRoot)],
  [
    'extensionEnvironment',
    JSON.stringify({ HUAWEICLOUD_EMULATOR_URL: emulatorUrl, HUAWEICLOUD_LINKS_FILE: files.links }),
  ],
  ['skipWelcome', 'true'],
]);
const query = new URLSearchParams({ folder: join(projectRoot, 'sample'), payload });
console.log(`\nLocal emulator: ${emulatorUrl} (state in ${files.state})`);
if (scenarioLine) console.log(scenarioLine);
console.log(`VS Code with Huawei Cloud Networks, pointed at the emulator: ${server.url}/?${query}\n`);
console.log(
  [
    "In the Huawei Cloud view: showcase-creating Creating and showcase-peering's peer connection Connecting (re-armed at every",
    'start), showcase-abnormal Abnormal, showcase-in-use used by a security-group rule (Delete… offers Force Delete), and',
    'Load more… below the address groups. sample/valid/ is linked to its resources, web-servers.address-group.json with an',
    'edit not applied yet (Compare with Live); sample/invalid/ shows the checks and their quick fixes. The walkthrough:',
    '"Welcome: Open Walkthrough…" → Huawei Cloud Networks.',
    `The profile (settings; the browser keeps the rest per address) is in ${files.profile}: \`npm start -- --fresh\` starts over.`,
    'Rebuild with `npm run watch` in another terminal and reload the window to pick up changes. Ctrl+C stops.',
  ].join('\n'),
);

// Ctrl+C, a closed terminal or a kill stop code-server with this process (scripts/lib/codeServer.mjs).
server.process.on('exit', async (code, signal) => {
  console.error(
    `code-server exited (${signal ?? `code ${code}`}); its last lines:\n${server.serverLog.slice(-20).join('\n')}`,
  );
  await server.stop();
  process.exit(1);
});

// `npm start` as a newcomer runs it, from a copy of the checkout (so the developer's own emulator state and VS Code
// profile are untouched): it prints a URL whose workbench answers, its emulator answers a signed list, and stopping
// its process group stops everything it started.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { EMULATOR_CREDENTIALS } from '../../src/core/cloud/emulatorDefaults';
import { signRequest } from '../../src/core/cloud/signer';
import { projectIdFor } from '../../src/emulator/store';
import { projectRoot } from '../../scripts/lib/codeServer.mjs';

const START_TIMEOUT_MS = 180_000;

/** The checkout's files as git sees them (tracked and new, not ignored), copied; the installed parts linked. */
function copyCheckout(): string {
  const copy = mkdtempSync(join(tmpdir(), 'hwc-npm-start-'));
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  assert.equal(listed.status, 0, `git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    const from = join(projectRoot, file);
    if (!existsSync(from)) continue; // deleted in the working tree, not yet committed
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(from, join(copy, file));
  }
  // What `npm ci` and scripts/setup-vscode.sh install is linked, not reinstalled: the test is about `npm start`.
  symlinkSync(join(projectRoot, 'node_modules'), join(copy, 'node_modules'));
  mkdirSync(join(copy, '.vscode-test'));
  for (const entry of readdirSync(join(projectRoot, '.vscode-test'))) {
    if (/^(node|code-server)-/.test(entry)) {
      symlinkSync(join(projectRoot, '.vscode-test', entry), join(copy, '.vscode-test', entry));
    }
  }
  return copy;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolvePort(port));
      });
  });
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolveAnswer) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolveAnswer(true);
    });
    socket.once('error', () => resolveAnswer(false));
  });
}

let copy: string;
let started: ChildProcess;
let printed = '';
let workbenchUrl: string;
let emulatorUrl: string;
let port: number;

before(
  async () => {
    copy = copyCheckout();
    port = await freePort();
    // Its own process group (detached), so that the test can stop npm, node, the emulator and code-server at once.
    started = spawn('npm', ['start'], {
      cwd: copy,
      env: { ...process.env, HWC_PORT: String(port) },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.stdout!.on('data', (chunk) => {
      printed += chunk;
    });
    started.stderr!.on('data', (chunk) => {
      printed += chunk;
    });
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`npm start printed no URL within ${START_TIMEOUT_MS / 1000} s:\n${printed}`)),
        START_TIMEOUT_MS,
      );
      const look = () => {
        const workbench = new RegExp(`(http://127\\.0\\.0\\.1:${port}/\\?\\S+)`).exec(printed);
        const emulator = /emulator[^\n]*?(http:\/\/127\.0\.0\.1:\d+)/i.exec(printed);
        if (workbench && emulator) {
          clearTimeout(timer);
          [workbenchUrl, emulatorUrl] = [workbench[1]!, emulator[1]!];
          ready();
        }
      };
      started.stdout!.on('data', look);
      started.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`npm start exited (code ${code}) before printing its URL:\n${printed}`));
      });
    });
  },
  { timeout: START_TIMEOUT_MS + 10_000 },
);

after(async () => {
  if (started?.exitCode === null && started.pid) {
    const exited = new Promise((done) => started.once('exit', done));
    process.kill(-started.pid, 'SIGTERM');
    await exited;
  }
  if (copy) rmSync(copy, { recursive: true, force: true });
});

test('npm start prints a URL whose workbench page is served on the chosen port', async () => {
  const answer = await fetch(workbenchUrl, { redirect: 'manual', signal: AbortSignal.timeout(30_000) });
  assert.equal(answer.status, 200, `GET ${workbenchUrl} answered ${answer.status}`);
  const page = await answer.text();
  assert.match(page, /workbench/i, "the page is VS Code's workbench");
});

test('the emulator npm start runs answers a signed list of networks with its seeded resources', async () => {
  const url = `${emulatorUrl}/v1/${projectIdFor('cn-north-4')}/networks?limit=50`;
  const headers = signRequest(
    { method: 'GET', url, headers: { 'Content-Type': 'application/json' } },
    EMULATOR_CREDENTIALS,
    new Date(),
  );
  const answer = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  assert.equal(answer.status, 200, await answer.clone().text());
  const body = (await answer.json()) as { items?: unknown[] };
  assert.ok(
    Array.isArray(body.items) && body.items.length > 0,
    `a seeded emulator lists networks: ${JSON.stringify(body).slice(0, 300)}`,
  );
  // An unsigned request is refused: it is the real gateway's behaviour, not an open server.
  const unsigned = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  assert.equal(unsigned.status, 401);
});

test("stopping npm start's process group stops VS Code and the emulator with it", async () => {
  const emulatorPort = Number(new URL(emulatorUrl).port);
  const exited = new Promise((done) => started.once('exit', done));
  process.kill(-started.pid!, 'SIGTERM');
  await exited;
  for (
    let waited = 0;
    waited < 10_000 && ((await portAnswers(port)) || (await portAnswers(emulatorPort)));
    waited += 200
  ) {
    await new Promise((tick) => setTimeout(tick, 200));
  }
  assert.equal(await portAnswers(port), false, 'VS Code still answers after npm start stopped');
  assert.equal(await portAnswers(emulatorPort), false, 'the emulator still answers after npm start stopped');
});

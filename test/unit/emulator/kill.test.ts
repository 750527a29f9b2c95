// `kill -9` of an emulator while it writes its state file, 50 times: the file is always whole, valid JSON that a
// new emulator loads.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { bundleEmulator } from '../../support/emulatorBundle';
import { DEFAULT_DELAYS, Store } from '../../../src/emulator/store';

describe('emulator state file under kill -9', () => {
  let dir: string;
  let bundle: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hwc-kill-'));
    bundle = join(dir, 'emulator.js');
    await bundleEmulator(bundle);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('never leaves a corrupt state file (50 kills at random moments of writing)', async () => {
    const stateFile = join(dir, 'state.json');
    let kills = 0;
    let grew = 0;
    for (let round = 0; round < 50; round++) {
      const child = spawn(process.execPath, [bundle, '--port', '0', '--state', stateFile, '--quiet'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      // Listened for from the start: an exit before the kill must fail the test, not leave it waiting.
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        child.stdout.on('data', (chunk) => {
          output += chunk;
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match?.[1]) resolve(match[1]);
        });
        void exited.then((code) => reject(new Error(`the emulator exited (${code}) before listening: ${output}`)));
      });
      const before = existsSync(stateFile) ? readFileSync(stateFile).length : 0;
      // Each seed rewrites the whole state; keep writing until the kill lands, at a random moment.
      let writing = true;
      // AbortSignal.timeout's timer does not keep the event loop alive: on a loaded machine a request the kill left
      // unanswered could leave nothing that does, and the test would end pending. This one does, until the writer ends.
      const keepAlive = setInterval(() => undefined, 1000);
      const writer = (async () => {
        while (writing) {
          // A time limit, so that a request the kill leaves unanswered ends too.
          await fetch(`${url}/__emulator/seed`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ networks: 3, addressGroups: 20 }),
            signal: AbortSignal.timeout(5000),
          }).catch(() => {
            writing = false;
          });
        }
      })().finally(() => clearInterval(keepAlive));
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 60));
      assert.equal(child.exitCode, null, `round ${round}: the emulator exited before it was killed`);
      child.kill('SIGKILL');
      kills++;
      await exited;
      writing = false;
      await writer;
      const text = readFileSync(stateFile, 'utf8');
      assert.doesNotThrow(
        () => JSON.parse(text),
        `round ${round}: the state file is not valid JSON (${text.length} bytes)`,
      );
      assert.doesNotThrow(
        () => new Store(DEFAULT_DELAYS, Date.now, stateFile),
        `round ${round}: the state file does not load`,
      );
      if (text.length > before) grew++;
    }
    assert.equal(kills, 50);
    // The kills landed while writing was going on: the file kept growing across rounds.
    assert.ok(grew > 25, `the state grew in only ${grew} of 50 rounds`);
  });
});

// The emulator as users run it (`npm run emulator`): dist/emulator.js in a process of its own on 127.0.0.1, so
// that its work never lands in the timings of the process that measures a client.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureProductionBuild, root } from './build.mjs';

/**
 * Starts dist/emulator.js with `args` on a free port; resolves once it listens, with its URL, the project of
 * cn-north-4 and `stop()`.
 */
export async function startEmulatorProcess(args = []) {
  ensureProductionBuild();
  const child = spawn(process.execPath, [join(root, 'dist/emulator.js'), '--port', '0', '--quiet', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const started = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator did not start within 20 s:\n${output}`)), 20_000);
    const onData = (chunk) => {
      output += chunk;
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      const projectId = /project of cn-north-4: ([0-9a-f]{32})/.exec(output)?.[1];
      if (url && projectId) {
        clearTimeout(timer);
        resolve({ url, projectId });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited (${code}) before it listened:\n${output}`));
    });
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill();
    });
  return { ...started, stop };
}

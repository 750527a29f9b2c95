// The local emulator (the built dist/emulator.js) as a child process, as `npm run emulator` runs it by hand: for the
// scripts that serve a workbench pointed at it. Resolves once its banner has printed its URL and its well-known key.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './codeServer.mjs';

/**
 * Starts `dist/emulator.js` with `args` (its command-line options; `--port 0` picks a free port).
 * @param {string[]} args
 * @returns {Promise<{ url: string, accessKey: string, secretKey: string, process: import('node:child_process').ChildProcess, control: (method: string, path: string, body?: unknown) => Promise<unknown>, stop: () => void }>}
 */
export function startEmulatorProcess(args) {
  const child = spawn(process.execPath, [join(projectRoot, 'dist', 'emulator.js'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = () => {
    if (child.exitCode === null) child.kill();
  };
  process.once('exit', stop);
  let banner = '';
  return new Promise((resolve, reject) => {
    const onExit = (code) => reject(new Error(`the emulator exited (code ${code}) before it listened:\n${banner}`));
    child.once('exit', onExit);
    child.stdout.on('data', (chunk) => {
      banner += chunk;
      // The banner ends with the settings line; the keys are printed before it.
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*settings:/.exec(banner)?.[1];
      if (!url) return;
      child.off('exit', onExit);
      const accessKey = /access key \(AK\): (\S+)/.exec(banner)?.[1] ?? '';
      const secretKey = /secret key \(SK\): (\S+)/.exec(banner)?.[1] ?? '';
      /** Its control routes (unsigned, loopback only): faults, seeding, dependencies, reset. */
      const control = async (method, path, body = {}) => {
        const response = await fetch(`${url}/__emulator/${path}`, {
          method,
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(10_000),
        });
        const answer = await response.json();
        if (!response.ok) {
          throw new Error(
            `the emulator refused ${method} /__emulator/${path}: ${response.status} ${JSON.stringify(answer)}`,
          );
        }
        return answer;
      };
      resolve({ url, accessKey, secretKey, process: child, control, stop });
    });
  });
}

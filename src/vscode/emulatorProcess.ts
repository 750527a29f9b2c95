import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';

const START_TIMEOUT_MS = 15_000;

/**
 * The local emulator (dist/emulator.js) as a child process of the extension host, on 127.0.0.1 and a free port,
 * keeping its state in the extension's global storage so that resources survive a restart of VS Code.
 */
export class EmulatorProcess implements vscode.Disposable {
  private child: ChildProcess | undefined;
  /** A start in progress: a second Start hands it out rather than spawning another emulator. */
  private starting: Promise<string> | undefined;
  /** Counts stops, so that a start overtaken by a stop spawns nothing. */
  private stops = 0;
  url: string | undefined;

  constructor(
    private readonly scriptPath: string,
    private readonly storageDir: string,
    private readonly log: vscode.LogOutputChannel,
    /** Called when the emulator stops without being asked to: the reason in English for the log, and translated. */
    private readonly onUnexpectedExit: (logged: string, shown: string) => void,
  ) {}

  get running(): boolean {
    return this.child !== undefined && this.url !== undefined;
  }

  /** `samples`: a new emulator (no state file yet) is filled with the sample resources; one with state keeps it. */
  start(options: { samples: boolean } = { samples: false }): Promise<string> {
    if (this.running && this.url) return Promise.resolve(this.url);
    if (!this.starting) {
      // Only this start clears itself: a start overtaken by a stop and a new start must not clear the new one.
      const starting: Promise<string> = this.spawnEmulator(options.samples).finally(() => {
        if (this.starting === starting) this.starting = undefined;
      });
      this.starting = starting;
    }
    return this.starting;
  }

  private async spawnEmulator(samples: boolean): Promise<string> {
    const stopsBefore = this.stops;
    await mkdir(this.storageDir, { recursive: true });
    if (this.stops !== stopsBefore) throw new Error(vscode.l10n.t('the emulator was stopped while it was starting'));
    const stateFile = join(this.storageDir, 'emulator-state.json');
    // In a desktop VS Code the extension host's executable is Electron: this makes it run the script as Node.
    const child = spawn(
      process.execPath,
      [this.scriptPath, '--port', '0', '--quiet', '--state', stateFile, ...(samples ? ['--samples'] : [])],
      {
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              vscode.l10n.t('the emulator did not start within {0} s: {1}', START_TIMEOUT_MS / 1000, output.trim()),
            ),
          ),
        START_TIMEOUT_MS,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(
            signal
              ? vscode.l10n.t('the emulator exited ({0}) while starting: {1}', signal, output.trim())
              : vscode.l10n.t('the emulator exited (code {0}) while starting: {1}', String(code), output.trim()),
          ),
        );
      });
    }).catch((error: unknown) => {
      child.kill();
      this.child = undefined;
      throw error;
    });
    // Stopped while it was starting: this child is nobody's, so it must not outlive the stop.
    if (this.stops !== stopsBefore) {
      child.kill();
      throw new Error(vscode.l10n.t('the emulator was stopped while it was starting'));
    }
    this.url = url;
    this.log.info(`Local emulator started at ${url} (state in ${stateFile})`);
    child.once('exit', (code, signal) => {
      if (this.child !== child) return;
      this.child = undefined;
      this.url = undefined;
      this.onUnexpectedExit(
        `the local emulator stopped (${signal ?? `code ${code}`})`,
        signal
          ? vscode.l10n.t('the local emulator stopped ({0})', signal)
          : vscode.l10n.t('the local emulator stopped (code {0})', String(code)),
      );
    });
    return url;
  }

  stop(): void {
    const child = this.child;
    this.stops++;
    this.starting = undefined;
    this.child = undefined;
    this.url = undefined;
    if (child) {
      child.kill();
      this.log.info('Local emulator stopped');
    }
  }

  dispose(): void {
    this.stop();
  }
}

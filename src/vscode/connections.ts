import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { type Connection, openConnection } from '../core/connection';
import type { CredentialEnvironment, Credentials } from '../core/credentials';
import { EMULATOR_CREDENTIALS } from '../core/emulatorDefaults';
import { ProjectIdCache } from '../core/project';
import type { RequestOptions } from '../core/requests';
import { affectsConnection, readSettings } from './settings';
import { untrustedWorkspaceError } from './trust';

/**
 * Opens connections from the current settings and credentials. Nothing is read or sent until a command or view
 * asks; a change of settings or stored secrets forgets looked-up project IDs.
 */
export class ConnectionService implements vscode.Disposable {
  private readonly projectIds = new ProjectIdCache();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when settings or stored credentials change what a connection would be. */
  readonly onDidChange = this.changed.event;
  /** While set, every connection goes to this local emulator with its well-known key; settings are untouched. */
  private emulatorUrl: string | undefined;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
    private readonly userAgent: string,
  ) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsConnection(event)) this.invalidate();
      }),
      secrets.onDidChange((event) => {
        if (event.key.startsWith('huaweicloud.')) this.invalidate();
      }),
    );
  }

  /** Where credentials are looked for: VS Code's secret storage, this process's environment, the SDK file. */
  credentialEnvironment(): CredentialEnvironment {
    return {
      secret: async (key) => this.secrets.get(key),
      env: process.env,
      homedir: homedir(),
      readFile: (path) => readFile(path, 'utf8'),
    };
  }

  get usingEmulator(): string | undefined {
    return this.emulatorUrl;
  }

  /** Switches this session to a local emulator (or back to the settings, with undefined). */
  useEmulator(url: string | undefined): void {
    this.emulatorUrl = url;
    this.invalidate();
  }

  open(options: RequestOptions = {}): Promise<Connection> {
    const untrusted = untrustedWorkspaceError(this.emulatorUrl);
    if (untrusted) return Promise.reject(untrusted);
    const settings = readSettings();
    const emulator = this.emulatorUrl;
    const credentials: Credentials | undefined = emulator
      ? { key: EMULATOR_CREDENTIALS, source: 'emulator', origin: `the local emulator at ${emulator} (its well-known test key)` }
      : undefined;
    return openConnection(emulator ? { ...settings, projectId: '', endpoints: { modelarts: emulator, vpc: emulator, iam: emulator } } : settings, {
      credentialEnvironment: this.credentialEnvironment(),
      projectIds: this.projectIds,
      ...(credentials ? { credentials } : {}),
      http: { userAgent: this.userAgent, log: (line) => this.log.info(line) },
    }, options);
  }

  private invalidate(): void {
    this.projectIds.clear();
    this.changed.fire();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

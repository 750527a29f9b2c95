import * as vscode from 'vscode';
import { untilAborted } from '../core/cloud/abort';
import type { Connection, ProjectRegions } from '../core/api/connection';
import {
  type CredentialEnvironment,
  type Credentials,
  type CredentialSource,
  sdkCredentialsFilePath,
} from '../core/cloud/credentials';
import { EMULATOR_CREDENTIALS, EMULATOR_URL_ENV } from '../core/cloud/emulatorDefaults';
import { koocliConfigPath } from '../core/cloud/koocli';
import { ProjectIdCache } from '../core/cloud/project';
import type { RequestOptions } from '../core/cloud/requests';
import { affectsConnection, readSettings, type Settings } from './settings';
import { untrustedWorkspaceError } from './trust';
import { lazy } from '../core/lazy';

/** The connection in use, and what it was read from that VS Code does not tell us about when it changes. */
interface CurrentConnection {
  connection: Promise<Connection>;
  /** The settings it was opened with: a connection opened with others is not reused, event or no event. */
  readonly settings: string;
  /** When the keys came from a file (the SDK credentials file, KooCLI's): its path and modification time as read. */
  keysFile: { readonly path: string; readonly mtimeMs: number | undefined } | undefined;
}

/** What of the settings makes a connection (the page size, say, does not). */
const settingsKey = (settings: Settings) =>
  JSON.stringify([
    settings.region,
    settings.projectId,
    settings.endpoints,
    settings.credentialSource,
    settings.koocliProfile,
  ]);

/** The sources whose keys are in a file, and where: a connection over them is opened again when the file changes. */
const KEYS_FILES: Partial<Record<CredentialSource, (environment: CredentialEnvironment) => string>> = {
  sdkCredentialsFile: sdkCredentialsFilePath,
  koocli: koocliConfigPath,
};

// Node's file and OS modules load with the first look at credentials, not with the extension: loading them costs
// more than the whole activation does, and activation reads nothing.
const fs = () => import('node:fs/promises');

/**
 * Reads a file as UTF-8, no more than `maxBytes` of it: past that it rejects with code EFBIG, having read
 * `maxBytes + 1` bytes at most (a huge file, or a device that never ends, costs nothing).
 */
async function readBounded(path: string, maxBytes: number | undefined): Promise<string> {
  const { open, readFile } = await fs();
  if (maxBytes === undefined) return readFile(path, 'utf8');
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw Object.assign(new Error(`larger than ${maxBytes} bytes`), { code: 'EFBIG' });
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** The modification time of a file, or undefined when it cannot be seen. */
const modifiedAt = (path: string) =>
  fs()
    .then(({ stat }) => stat(path))
    .then(
      (stats) => stats.mtimeMs,
      () => undefined,
    );

/**
 * One connection, opened from the current settings and credentials on first use and kept: the explorer and the
 * tracker ask for it constantly. It is dropped — with its project ID and key — when a setting or a stored secret
 * changes, when the emulator is switched on or off, and when the file its keys came from (the SDK credentials file,
 * KooCLI's config.json) is modified.
 * Nothing is read or sent until a command or view asks.
 */
export class ConnectionService implements vscode.Disposable {
  private readonly projectIds = new ProjectIdCache();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when settings or stored credentials change what a connection would be. */
  readonly onDidChange = this.changed.event;
  private readonly openedEmitter = new vscode.EventEmitter<Connection>();
  /** Fires with each connection once it is open (what it reaches: its region and project, for document links). */
  readonly onDidOpen = this.openedEmitter.event;
  /** While set, every connection goes to this local emulator with its well-known key; settings are untouched. */
  private emulatorUrl: string | undefined;
  /** Whether that emulator was started by someone else (`npm start`), and must say it is one before it is used. */
  private emulatorStartedElsewhere = false;
  private current: CurrentConnection | undefined;
  /** Says when a workspace's settings set huaweicloud.endpoints (ignored there); loaded with the first connection. */
  private readonly workspaceEndpoints = lazy(() =>
    import('./workspaceEndpoints').then(({ WorkspaceEndpointsWarning }) => new WorkspaceEndpointsWarning(this.log)),
  );

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
    private readonly userAgent: string,
    /** Where a project ID that came with the credentials was first used (kept across sessions). */
    private readonly projectRegions?: ProjectRegions,
  ) {
    this.disposables.push(
      this.changed,
      this.openedEmitter,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsConnection(event)) this.invalidate();
      }),
      secrets.onDidChange((event) => {
        // The looked-up project IDs are kept: they are remembered per access key, so a refreshed security token
        // needs no new IAM lookup (whose failure would end every operation followed on the connection).
        if (event.key.startsWith('huaweicloud.')) this.invalidate({ keepProjectIds: true });
      }),
    );
  }

  /**
   * Where credentials are looked for: VS Code's secret storage, this process's environment, the SDK file, KooCLI's
   * file (and which of its profiles).
   */
  async credentialEnvironment(): Promise<CredentialEnvironment> {
    const { homedir } = await import('node:os');
    return {
      secret: async (key) => this.secrets.get(key),
      env: process.env,
      homedir: homedir(),
      readFile: (path, options) => readBounded(path, options?.maxBytes),
      koocliProfile: readSettings().koocliProfile,
    };
  }

  get usingEmulator(): string | undefined {
    return this.emulatorUrl;
  }

  /** The emulator in use was not started by this window (`npm start` named it in the environment). */
  get usingEmulatorStartedElsewhere(): boolean {
    return this.emulatorUrl !== undefined && this.emulatorStartedElsewhere;
  }

  /**
   * Switches this session to a local emulator (or back to the settings, with undefined). One `startedElsewhere`
   * is checked to be the emulator (`GET /__emulator/identity`) before the first request of each connection.
   */
  useEmulator(url: string | undefined, options: { startedElsewhere?: boolean } = {}): void {
    this.emulatorUrl = url;
    this.emulatorStartedElsewhere = url !== undefined && options.startedElsewhere === true;
    this.invalidate();
  }

  /**
   * The connection, opened once and shared. `options.signal` stops this caller's wait, not the opening others may
   * be waiting for. A failed opening is not kept: the next call tries again.
   */
  async open(options: RequestOptions = {}): Promise<Connection> {
    // Before anything is read: an untrusted workspace reaches no cloud (the local emulator excepted).
    const untrusted = untrustedWorkspaceError(this.emulatorUrl);
    if (untrusted) throw untrusted;
    if (this.current && this.current.settings !== settingsKey(readSettings())) this.invalidate();
    const current = this.current;
    if (
      current?.keysFile &&
      (await modifiedAt(current.keysFile.path)) !== current.keysFile.mtimeMs &&
      this.current === current
    ) {
      this.log.info(`${current.keysFile.path} changed: reading the credentials again`);
      this.invalidate();
    }
    if (!this.current) {
      const opening = this.connect(options.timeoutMs);
      this.current = opening;
      opening.connection.catch(() => {
        if (this.current === opening) this.current = undefined;
      });
    }
    return untilAborted(this.current.connection, options.signal);
  }

  private connect(timeoutMs: number | undefined): CurrentConnection {
    const settings = readSettings();
    // Not awaited: the warning changes nothing here, as VS Code has already left the workspace's value out.
    void this.workspaceEndpoints().then((warning) => warning.check());
    const emulator = this.emulatorUrl;
    const startedElsewhere = this.emulatorStartedElsewhere;
    const credentials: Credentials | undefined = emulator
      ? {
          key: EMULATOR_CREDENTIALS,
          source: 'emulator',
          origin: startedElsewhere
            ? vscode.l10n.t(
                'the local emulator at {0} (named by {1}) with its well-known test key',
                emulator,
                EMULATOR_URL_ENV,
              )
            : vscode.l10n.t('the local emulator at {0} with its well-known test key', emulator),
        }
      : undefined;
    const current: CurrentConnection = {
      connection: Promise.resolve(undefined as never),
      settings: settingsKey(settings),
      keysFile: undefined,
    };
    current.connection = (async () => {
      const environment = await this.credentialEnvironment();
      // Only a connection whose keys come from a file depends on it; the file's time is taken before it is read,
      // so that a change while reading is seen on the next open.
      const files = new Map<CredentialSource, { path: string; mtimeMs: number | undefined }>();
      if (emulator === undefined) {
        for (const [source, pathOf] of Object.entries(KEYS_FILES) as [
          CredentialSource,
          (typeof KEYS_FILES)[CredentialSource],
        ][]) {
          if (!pathOf || (settings.credentialSource !== 'auto' && settings.credentialSource !== source)) continue;
          const path = pathOf(environment);
          files.set(source, { path, mtimeMs: await modifiedAt(path) });
        }
      }
      // The network stack loads with the first connection, not with the extension.
      const { openConnection } = await import('../core/api/connection');
      const opened = await openConnection(
        emulator
          ? { ...settings, projectId: '', endpoints: { modelarts: emulator, vpc: emulator, iam: emulator } }
          : settings,
        {
          credentialEnvironment: environment,
          projectIds: this.projectIds,
          ...(credentials ? { credentials } : {}),
          http: { userAgent: this.userAgent, log: (line) => this.log.info(line) },
          ...(this.projectRegions ? { projectRegions: this.projectRegions } : {}),
          confirmEmulator: emulator !== undefined && startedElsewhere,
        },
        { timeoutMs },
      );
      if (opened.credentials.source !== 'emulator') current.keysFile = files.get(opened.credentials.source);
      if (this.current === current) this.openedEmitter.fire(opened);
      return opened;
    })();
    return current;
  }

  private invalidate(options: { keepProjectIds?: boolean } = {}): void {
    this.current = undefined;
    if (!options.keepProjectIds) this.projectIds.clear();
    this.changed.fire();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

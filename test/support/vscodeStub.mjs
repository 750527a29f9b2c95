// A stand-in for the `vscode` module with just what the extension's activate() touches, so that activation can
// be loaded and timed in plain Node (bench/activation.mjs) and checked for I/O (test/unit/vscode/activation.test.ts).
// Anything else it reaches for is a function that returns a disposable: activation must not depend on more.
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The project, found from the working directory's package.json (this module may be bundled into a test elsewhere). */
const projectRoot = process.cwd();
const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));

const disposable = () => ({ dispose() {} });
const event = () => () => disposable();

class EventEmitter {
  constructor() {
    this.listeners = [];
  }
  get event() {
    return (listener) => {
      this.listeners.push(listener);
      return disposable();
    };
  }
  fire(value) {
    for (const listener of this.listeners) listener(value);
  }
  dispose() {
    this.listeners = [];
  }
}

const logChannel = () => ({
  info() {},
  warn() {},
  error() {},
  debug() {},
  trace() {},
  show() {},
  appendLine() {},
  dispose() {},
});

/** Calls of the API made while the stub was in use, by name (`commands.registerCommand`, …). */
export const apiCalls = [];
const record =
  (name, result) =>
  (...args) => {
    apiCalls.push(name);
    return typeof result === 'function' ? result(...args) : result;
  };

/** What the workspace's document events were given: a test fires them (`documentEvents.open.fire(document)`). */
export const documentEvents = { open: new EventEmitter(), change: new EventEmitter() };

class Disposable {
  constructor(dispose) {
    this.dispose = dispose;
  }
  static from(...disposables) {
    return new Disposable(() => disposables.forEach((d) => d.dispose()));
  }
}

/** Enough of CodeActionKind for the providers registered at activation. */
class CodeActionKind {
  constructor(value) {
    this.value = value;
  }
  append(part) {
    return new CodeActionKind(`${this.value}.${part}`);
  }
  contains(other) {
    return other.value === this.value || other.value.startsWith(`${this.value}.`);
  }
}
CodeActionKind.QuickFix = new CodeActionKind('quickfix');
CodeActionKind.SourceFixAll = new CodeActionKind('source.fixAll');

export const vscodeStub = {
  CodeActionKind,
  Disposable,
  EventEmitter,
  l10n: {
    bundle: undefined,
    t: (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)])),
  },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  CancellationError: class CancellationError extends Error {},
  StatusBarAlignment: { Left: 1, Right: 2 },
  QuickPickItemKind: { Separator: -1, Default: 0 },
  ThemeColor: class ThemeColor {
    constructor(id) {
      this.id = id;
    }
  },
  MarkdownString: class MarkdownString {
    constructor(value = '', supportThemeIcons = false) {
      this.value = value;
      this.supportThemeIcons = supportThemeIcons;
    }
  },
  window: {
    createOutputChannel: record('window.createOutputChannel', logChannel),
    createTreeView: record('window.createTreeView', () => ({
      visible: false,
      onDidChangeVisibility: event(),
      dispose() {},
    })),
    createStatusBarItem: record('window.createStatusBarItem', (id) => {
      vscodeStub.window.lastStatusBarItem = { id, text: '', show() {}, hide() {}, dispose() {} };
      return vscodeStub.window.lastStatusBarItem;
    }),
    /** The status bar item created last, for tests to read. */
    lastStatusBarItem: undefined,
    showErrorMessage: record('window.showErrorMessage', async () => undefined),
    activeTextEditor: undefined,
    onDidChangeActiveTextEditor: event(),
  },
  commands: {
    registerCommand: record('commands.registerCommand', disposable),
    executeCommand: record('commands.executeCommand', async () => undefined),
  },
  workspace: {
    textDocuments: [],
    onDidChangeConfiguration: event(),
    onDidOpenTextDocument: documentEvents.open.event,
    onDidChangeTextDocument: documentEvents.change.event,
    onDidCloseTextDocument: event(),
    onDidSaveTextDocument: event(),
    onDidRenameFiles: event(),
    onDidGrantWorkspaceTrust: event(),
    getConfiguration: record('workspace.getConfiguration', () => ({
      get: (_key, fallback) => fallback,
      inspect: (key) => ({ key }),
    })),
    registerTextDocumentContentProvider: record('workspace.registerTextDocumentContentProvider', disposable),
  },
  languages: {
    createDiagnosticCollection: record('languages.createDiagnosticCollection', () => ({
      set() {},
      delete() {},
      clear() {},
      dispose() {},
    })),
    registerHoverProvider: record('languages.registerHoverProvider', disposable),
    registerCodeLensProvider: record('languages.registerCodeLensProvider', disposable),
    registerCodeActionsProvider: record('languages.registerCodeActionsProvider', disposable),
    onDidChangeDiagnostics: event(),
  },
};

/** The ExtensionContext activate() receives. */
export function extensionContext(extensionPath) {
  return {
    subscriptions: [],
    extension: { packageJSON: { version: '0.0.0-stub', contributes: manifest.contributes } },
    asAbsolutePath: (relative) => `${extensionPath}/${relative}`,
    globalStorageUri: { fsPath: `${extensionPath}/.stub-global-storage` },
    secrets: {
      get: async () => undefined,
      store: async () => undefined,
      delete: async () => undefined,
      onDidChange: event(),
    },
    workspaceState: { get: (_key, fallback) => fallback, update: async () => undefined, keys: () => [] },
    logUri: { fsPath: `${extensionPath}/.stub-logs` },
  };
}

/**
 * Makes `import … from 'vscode'` in ES modules loaded from now on the stub (through test/support/esmStubHooks.mjs),
 * and, with `port`, reports on it the URL of every module loaded from now on. Returns nothing; for the rest of this
 * process.
 */
export function installVscodeStubForEsm(port) {
  globalThis.__hwcVscodeStub = vscodeStub;
  Module.register(pathToFileURL(join(projectRoot, 'test', 'support', 'esmStubHooks.mjs')), {
    data: { keys: Object.keys(vscodeStub), port },
    transferList: port ? [port] : [],
  });
}

/** Makes `require('vscode')` return the stub, for the rest of this process. */
export function installVscodeStub() {
  const load = Module._load;
  Module._load = function loadWithStub(request, ...rest) {
    return request === 'vscode' ? vscodeStub : load.call(this, request, ...rest);
  };
}

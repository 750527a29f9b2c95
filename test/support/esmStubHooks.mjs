// Module hooks (module.register) for loading the extension's ES module build in plain Node: `vscode` resolves to the
// stub of test/support/vscodeStub.mjs (held on globalThis by installVscodeStubForEsm), and the URL of every module
// loaded is reported on the port given, so that a test can see which files activation read.
const STUB_URL = 'hwc-stub:vscode';
let keys = [];
let port;

export function initialize(data) {
  keys = data.keys;
  port = data.port;
}

export async function resolve(specifier, context, next) {
  if (specifier === 'vscode') return { url: STUB_URL, shortCircuit: true };
  return next(specifier, context);
}

export async function load(url, context, next) {
  port?.postMessage(url);
  if (url === STUB_URL) {
    return {
      format: 'module',
      shortCircuit: true,
      source: `const stub = globalThis.__hwcVscodeStub; export const { ${keys.join(', ')} } = stub;`,
    };
  }
  return next(url, context);
}

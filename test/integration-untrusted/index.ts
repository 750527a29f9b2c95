// Runs inside the VS Code extension host, as test/integration does, but in a workspace that is not trusted: the
// test script starts VS Code with workspace trust on (see scripts/vscode-launcher.mjs).
export { run } from '../integration/index';

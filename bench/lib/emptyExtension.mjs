// The anchor of the activation rows: an extension that does nothing, the floor any extension pays. Written out
// by the benchmarks that need it, never committed as a built artifact.

/** Its whole main file: one disposable pushed, as the smallest useful extension does. */
export const EMPTY_EXTENSION_MAIN =
  "'use strict';\nexports.activate = function activate(context) { context.subscriptions.push({ dispose() {} }); };\nexports.deactivate = function deactivate() {};\n";

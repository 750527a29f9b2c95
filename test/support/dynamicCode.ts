// Finds every way a JavaScript bundle could turn a string into code, by walking its syntax tree (TypeScript's
// parser): a grep would be fooled by a comment or a string that mentions eval, and would miss `(0, eval)(…)`,
// `globalThis["eval"]`, `Function("…")` without `new`, or a function's `.constructor("…")`, which is Function again.
import ts from 'typescript';

export interface DynamicCode {
  /** What was found, e.g. "a reference to eval". */
  readonly what: string;
  readonly line: number;
  readonly column: number;
  /** The source around it, up to 120 characters. */
  readonly excerpt: string;
}

/** Globals that compile a string into code when called. */
const COMPILING_GLOBALS = new Set(['eval', 'Function']);
/** Modules that compile a string into code (vm.runInThisContext, new vm.Script…). */
const COMPILING_MODULES = new Set(['vm', 'node:vm']);

/** The name a member access reads, when it is written out: `a.b` and `a["b"]` (or a template without substitutions). */
function memberName(node: ts.Node): string | undefined {
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
    return node.argumentExpression.text;
  }
  return undefined;
}

/** Whether an identifier is a reference to a binding (not a property name, a key or a label). */
function isReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (
    (ts.isPropertyAssignment(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isGetAccessorDeclaration(parent) ||
      ts.isSetAccessorDeclaration(parent) ||
      ts.isPropertySignature(parent)) &&
    parent.name === node
  ) {
    return false;
  }
  if ((ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) && parent.label === node) return false;
  if ((ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) && parent.propertyName === node) return false;
  return true;
}

/** Whether the call is `require("vm")` or `import("vm")`. */
function loadsCompilingModule(node: ts.CallExpression): boolean {
  const [first] = node.arguments;
  const loads =
    node.expression.kind === ts.SyntaxKind.ImportKeyword ||
    (ts.isIdentifier(node.expression) && node.expression.text === 'require');
  return loads && first !== undefined && ts.isStringLiteralLike(first) && COMPILING_MODULES.has(first.text);
}

/**
 * Every place in `source` (JavaScript) that can compile a string into code:
 * - any reference to the global `eval` or `Function` — a call, `new`, or merely taking it (`(0, eval)`, `const F =
 *   Function`), except `x instanceof Function`, which only compares;
 * - any member access that reads `eval` or `Function` (`globalThis.eval`, `window["Function"]`);
 * - a call or `new` of a member named `constructor` (`(() => {}).constructor("…")` is the Function constructor);
 * - loading `vm` / `node:vm` (`require`, `import()`, `import … from`);
 * - `import()` of anything but a string literal (a `data:` URL is code).
 * Throws when the text does not parse: a check of what it could not read would pass by default.
 */
export function findDynamicCode(source: string, fileName = 'bundle.js'): DynamicCode[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const syntaxErrors = (file as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics;
  if (!Array.isArray(syntaxErrors)) {
    throw new Error('the TypeScript parser no longer reports syntax errors where this check reads them');
  }
  if (syntaxErrors.length > 0) {
    throw new Error(
      `${fileName} does not parse: ${ts.flattenDiagnosticMessageText(syntaxErrors[0]?.messageText ?? '', ' ')}`,
    );
  }
  const found: DynamicCode[] = [];
  const report = (node: ts.Node, what: string) => {
    const start = node.getStart(file);
    const { line, character } = file.getLineAndCharacterOfPosition(start);
    const excerpt = source
      .slice(Math.max(0, start - 40), Math.min(source.length, node.getEnd() + 40))
      .replace(/\s+/g, ' ')
      .slice(0, 120);
    found.push({ what, line: line + 1, column: character + 1, excerpt });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && COMPILING_GLOBALS.has(node.text) && isReference(node)) {
      const parent = node.parent;
      const onlyCompares =
        node.text === 'Function' &&
        ts.isBinaryExpression(parent) &&
        parent.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword &&
        parent.right === node;
      if (!onlyCompares) report(node, `a reference to ${node.text}`);
    }
    const name = memberName(node);
    if (name !== undefined && COMPILING_GLOBALS.has(name)) report(node, `a member access to ${name}`);
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && memberName(node.expression) === 'constructor') {
      report(node, "a call of a .constructor (a function's constructor is Function)");
    }
    if (ts.isCallExpression(node)) {
      if (loadsCompilingModule(node)) report(node, 'loading the vm module');
      const [first] = node.arguments;
      if (
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        !(first !== undefined && ts.isStringLiteralLike(first))
      ) {
        report(node, 'import() of a computed specifier');
      }
    }
    if (
      ts.isImportDeclaration(node) &&
      ts.isStringLiteralLike(node.moduleSpecifier) &&
      COMPILING_MODULES.has(node.moduleSpecifier.text)
    ) {
      report(node, 'loading the vm module');
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

// The branches on a kind's name go through the table of kinds (src/core/kinds.ts): this counts, on the TypeScript
// syntax tree, what is left outside it in the product — src/core and src/vscode; the emulator (src/emulator) is a
// fake of the services, which know their own kinds, and is not counted — and says where each one is. A branch on a
// kind's name is a comparison (`===`, `!==`, `==`, `!=`) with a kind's name, a `case` of one, or a kind's guard
// (`isRequestOf`) given one. A record keyed by kind (`{ network: …, addressGroup: … }`) is no branch: the compiler
// keeps it complete.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { projectRoot } from '../../../scripts/lib/codeServer.mjs';
import { KIND_LIST } from '../../../src/core/kinds';

/** How many may be left: the few branches that belong to one kind's own feature (an address group's link). */
const AT_MOST = 5;
const COUNTED = ['src/core', 'src/vscode'];
const TABLE = 'src/core/kinds.ts';
/** The guards of kinds.ts that narrow to the kind they are given. */
const GUARDS = new Set(['isRequestOf']);
const EQUALITY = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
]);

/** Each branch on a kind's name in one file's text, as `file:line: the code`. */
function kindBranches(fileName: string, text: string, kinds: readonly string[]): string[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const names = new Set(kinds);
  const isKindName = (node: ts.Node): boolean => {
    while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) {
      node = node.expression;
    }
    return (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && names.has(node.text);
  };
  const found: string[] = [];
  const note = (node: ts.Node, what: string) =>
    found.push(`${fileName}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}: ${what}`);
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && EQUALITY.has(node.operatorToken.kind)) {
      if (isKindName(node.left) || isKindName(node.right)) note(node, node.getText(file));
    } else if (ts.isCaseClause(node) && isKindName(node.expression)) {
      note(node, `case ${node.expression.getText(file)}`);
    } else if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      GUARDS.has(node.expression.text) &&
      node.arguments.some(isKindName)
    ) {
      note(node, node.getText(file));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Every branch on a kind's name in the product's source, outside the table. */
function productBranches(): string[] {
  return COUNTED.flatMap((folder) =>
    readdirSync(join(projectRoot, folder), { recursive: true })
      .map(String)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
      .map((file) => relative(projectRoot, join(projectRoot, folder, file)))
      .filter((file) => file !== TABLE)
      .flatMap((file) => kindBranches(file, readFileSync(join(projectRoot, file), 'utf8'), KIND_LIST)),
  );
}

describe('branches on a kind’s name', () => {
  it('are found wherever they are: comparisons, cases and guards given a kind; nothing else', () => {
    const text = `
      if (kind === 'network') a();
      if ('addressGroup' !== node.kind) b();
      const c = (kind as string) == ('network');
      switch (kind) {
        case 'addressGroup':
          break;
        case 'connection':
          break;
      }
      if (isRequestOf(request, 'network')) d();
      // Not branches on a kind's name: another word, a key, an argument, a property, a record keyed by kind.
      if (error.kind === 'connection') e();
      const record = { network: 1, addressGroup: 2 };
      explorer.expandGroup('network');
      const live = { kind: 'addressGroup', resource };
      if (label === 'networks') f();
      if (isRequestOf(request, kind)) g();
    `;
    assert.deepEqual(kindBranches('probe.ts', text, KIND_LIST), [
      "probe.ts:2: kind === 'network'",
      "probe.ts:3: 'addressGroup' !== node.kind",
      "probe.ts:4: (kind as string) == ('network')",
      "probe.ts:6: case 'addressGroup'",
      "probe.ts:11: isRequestOf(request, 'network')",
    ]);
    // The names are the table's: a third kind is counted as soon as it is an entry.
    assert.deepEqual(kindBranches('probe.ts', "if (kind === 'vpcEndpoint') x();", [...KIND_LIST, 'vpcEndpoint']), [
      "probe.ts:1: kind === 'vpcEndpoint'",
    ]);
  });

  it(`are at most ${AT_MOST} in src/core and src/vscode outside the table (src/emulator, a fake, is not counted)`, () => {
    const branches = productBranches();
    // Where each one is, for whoever adds one: each is worth an entry in the table instead.
    console.log(`branches on a kind's name outside ${TABLE}: ${branches.length}\n${branches.join('\n')}`);
    assert.ok(
      branches.length <= AT_MOST,
      `${branches.length} branches on a kind's name outside ${TABLE} (at most ${AT_MOST}): ask the table instead —\n${branches.join('\n')}`,
    );
  });
});

// Command modules hold their commands and nothing else: none imports another, directly or through the modules it
// imports, and none keeps state of its own at module level. A command module is one the command table
// (src/vscode/commands.ts) loads a handler from (through src/vscode/commandHandlers.ts), or any file of
// src/vscode/commands/. What commands share lives in a module of its own (src/vscode/documents/targetDocument.ts, src/vscode/live/create.ts, …), and what they keep under
// way in a service of the context (src/vscode/live/documentWork.ts) — so that loading one command never loads
// another, and a new activation starts with nothing under way.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { projectRoot } from '../../../scripts/lib/codeServer.mjs';
import { importGraph, importsOf } from '../../support/importGraph';

const HANDLERS = join(projectRoot, 'src', 'vscode', 'commandHandlers.ts');
const COMMANDS_FOLDER = join(projectRoot, 'src', 'vscode', 'commands');

/** The modules the command table loads handlers from: what src/vscode/commandHandlers.ts exports from. */
function tableModules(): string[] {
  return importsOf(HANDLERS, readFileSync(HANDLERS, 'utf8'));
}

function commandModules(): Set<string> {
  const folder = readdirSync(COMMANDS_FOLDER)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => relative(projectRoot, join(COMMANDS_FOLDER, file)));
  return new Set([...tableModules(), ...folder]);
}

/**
 * Each command module's imports that reach another command module, as `a.ts → b.ts → c.ts` paths: followed through
 * the modules that are not commands (a shared module that imported a command would join them as surely).
 */
function crossings(graph: Map<string, readonly string[]>, commands: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const command of commands) {
    const seen = new Set([command]);
    const queue: string[][] = [[command]];
    for (let path = queue.shift(); path; path = queue.shift()) {
      for (const target of graph.get(path.at(-1) as string) ?? []) {
        if (seen.has(target)) continue;
        seen.add(target);
        if (commands.has(target)) found.push([...path, target].join(' → '));
        else queue.push([...path, target]);
      }
    }
  }
  return found.sort();
}

/**
 * The state a module keeps of its own, at its top level: a `let` or `var`, or a `const` holding a new object (a Set, a
 * Map, an emitter…), each as `file:line name`. A `const` of a table or a function is no state.
 */
function moduleState(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const { flags, declarations } = statement.declarationList;
    const constant = (flags & ts.NodeFlags.Const) !== 0;
    for (const declaration of declarations) {
      if (constant && !(declaration.initializer && ts.isNewExpression(declaration.initializer))) continue;
      const line = source.getLineAndCharacterOfPosition(declaration.getStart(source)).line + 1;
      found.push(`${file}:${line} ${declaration.name.getText(source)}`);
    }
  }
  return found;
}

describe('command modules', () => {
  it('are read from the command table and src/vscode/commands/', () => {
    const commands = commandModules();
    for (const expected of [
      'src/vscode/live/apply.ts',
      'src/vscode/commands/createFromDocument.ts',
      'src/vscode/explorer/resourceCommands.ts',
      'src/vscode/explorer/openInConsole.ts',
      'src/vscode/live/linkCommands.ts',
    ]) {
      assert.ok(commands.has(expected), `${expected} is not among the command modules: ${[...commands].join(', ')}`);
    }
    assert.ok(!commands.has('src/vscode/commandIds.ts'), 'a static import of the table was taken for a command');
  });

  it('finds a command that imports another, directly or through a shared module', () => {
    const commands = new Set(['a.ts', 'b.ts', 'c.ts']);
    const graph = new Map([
      ['a.ts', ['shared.ts']],
      ['shared.ts', ['b.ts']],
      ['b.ts', ['leaf.ts']],
      ['c.ts', ['leaf.ts']],
    ]);
    assert.deepEqual(crossings(graph, commands), ['a.ts → shared.ts → b.ts']);
    assert.deepEqual(crossings(new Map([['a.ts', ['leaf.ts']]]), commands), []);
  });

  it('import no other command module, counting static, dynamic and type-only imports', () => {
    const found = crossings(importGraph(join(projectRoot, 'src')), commandModules());
    assert.deepEqual(found, [], `command modules that import another:\n${found.map((path) => `  ${path}`).join('\n')}`);
  });

  it('finds state kept at module level: a let, a var, a const holding a new object', () => {
    const text = [
      'let cache: string | undefined;',
      'var count = 0;',
      'const inFlight = new Set<string>();',
      'const TABLE = { a: 1 };',
      'const handler = () => undefined;',
      'export function f() { let local = 1; return local; }',
    ].join('\n');
    assert.deepEqual(moduleState('x.ts', text), ['x.ts:1 cache', 'x.ts:2 count', 'x.ts:3 inFlight']);
  });

  it('keep no state of their own at module level (what is under way lives in a service of the context)', () => {
    const found = [...commandModules()].flatMap((file) =>
      moduleState(file, readFileSync(join(projectRoot, file), 'utf8')),
    );
    assert.deepEqual(found, [], `module-level state in command modules:\n${found.map((at) => `  ${at}`).join('\n')}`);
  });
});

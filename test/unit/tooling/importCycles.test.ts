// No import cycle anywhere in src/, counting every kind of import: static, `export … from`, dynamic `import()` and
// type-only. A cycle makes what loads first an accident of order, and hides which module depends on which.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../../scripts/lib/codeServer.mjs';
import { importGraph } from '../../support/importGraph';

/** Every cycle's modules (strongly connected components of more than one module, or a module importing itself). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) as number, low.get(target) as number));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node) as number, index.get(target) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('imports in src/', () => {
  it('finds a cycle when there is one (a → b → a, the second import type-only or dynamic)', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['a.ts']],
      ['c.ts', ['a.ts']],
    ]);
    assert.deepEqual(cycles(graph), [['a.ts', 'b.ts']]);
    assert.deepEqual(
      cycles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
      [],
    );
  });

  it('reads static, re-exported, dynamic and type-only imports', () => {
    const graph = importGraph(join(projectRoot, 'src'));
    const context = graph.get('src/vscode/services.ts') ?? [];
    assert.ok(context.length > 3, `src/vscode/services.ts imports ${context.join(', ')}`);
    const all = [...graph.values()].flat();
    assert.ok(
      all.some((target) => target.startsWith('src/vscode/explorer/')),
      'no dynamic import of the explorer was read',
    );
  });

  it('has no cycle, counting every kind of import', () => {
    const found = cycles(importGraph(join(projectRoot, 'src')));
    assert.deepEqual(found, [], `import cycles:\n${found.map((cycle) => `  ${cycle.join(' ⇄ ')}`).join('\n')}`);
  });
});

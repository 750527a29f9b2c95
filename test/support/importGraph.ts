// Which of the project's modules each file imports, counting every kind of import: static, `export … from`, dynamic
// `import()` and type-only. Read from the text (comments left out), so that the tests of the import rules need no
// compiler: the import cycle test, and the one that keeps command modules from importing each other.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { projectRoot } from '../../scripts/lib/codeServer.mjs';

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\1/g;

/** The project's modules a file's text imports, by path relative to the project (`src/vscode/services.ts`). */
export function importsOf(file: string, text: string = readFileSync(file, 'utf8')): string[] {
  const code = text.replace(/^\s*\/\/.*$/gm, '');
  const targets = [...code.matchAll(SPECIFIER)]
    .map((match) => {
      const base = resolve(dirname(file), match[2] as string);
      const found = [`${base}.ts`, join(base, 'index.ts'), base].find(
        (candidate) => candidate.endsWith('.ts') && existsSync(candidate),
      );
      return found && relative(projectRoot, found);
    })
    .filter((target): target is string => target !== undefined);
  return [...new Set(targets)];
}

/** The project's modules each `.ts` file under `root` imports, by path relative to the project. */
export function importGraph(root: string): Map<string, string[]> {
  const files = readdirSync(root, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(root, file));
  return new Map(files.map((file) => [relative(projectRoot, file), importsOf(file)]));
}

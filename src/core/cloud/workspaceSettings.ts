// Reading a workspace's settings files for a setting VS Code does not apply there: an application-scoped setting
// (such as huaweicloud.endpoints) is dropped from workspace settings without a word, so the extension says it.
import { type Node, parseTree } from 'jsonc-parser';

/** A language override section, such as "[json]". */
const LANGUAGE_OVERRIDE = /^\[.+\]$/;

/** The value of an object node's property `key` (the last one, as VS Code reads a repeated key). */
function property(node: Node | undefined, key: string): Node | undefined {
  if (node?.type !== 'object') return undefined;
  const found = (node.children ?? []).filter((child) => child.children?.[0]?.value === key);
  return found.at(-1)?.children?.[1];
}

/** The dotted key, or the key nested under its section (`{"section": {"name": …}}`). */
function setsDirectly(settings: Node, key: string): boolean {
  if (property(settings, key)) return true;
  let node: Node | undefined = settings;
  for (const part of key.split('.')) node = property(node, part);
  return node !== undefined;
}

/** Whether a settings object sets `key` ("section.name") in any form VS Code reads, language overrides included. */
function settingsSet(settings: Node | undefined, key: string): boolean {
  if (settings?.type !== 'object') return false;
  return (
    setsDirectly(settings, key) ||
    (settings.children ?? []).some((child) => {
      const [name, value] = child.children ?? [];
      return (
        typeof name?.value === 'string' &&
        LANGUAGE_OVERRIDE.test(name.value) &&
        value?.type === 'object' &&
        setsDirectly(value, key)
      );
    })
  );
}

/**
 * Whether the text of a settings file sets `key`: a folder's `.vscode/settings.json`, or (`workspaceFile`) the
 * `settings` of a `.code-workspace` file. Comments and trailing commas are allowed, as VS Code allows them; text
 * that cannot be read as settings (too deeply nested to parse, say) sets nothing.
 */
export function settingsFileSets(text: string, key: string, options: { workspaceFile?: boolean } = {}): boolean {
  let root: Node | undefined;
  try {
    root = parseTree(text, [], { allowTrailingComma: true });
  } catch {
    return false;
  }
  return settingsSet(options.workspaceFile ? property(root, 'settings') : root, key);
}

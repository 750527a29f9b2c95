// What a person is shown of a value that came from a server or from a file (a name, a CIDR, an ID, a remark, a
// status, an error's text). VS Code shows such text as it is given, so a value could pass for something else: a line
// break or a carriage return adds a fake line to a confirmation, an escape sequence or a control character garbles
// it, a bidirectional override shows it reversed, a zero-width character hides a difference, and `[text](command:…)`
// in a notification becomes a link that runs a command. Every modal, notification, quick pick, tree item, status bar
// item, CodeLens, diagnostic and hover that shows such a value shows it through one of these.

/**
 * Characters that do not show as themselves: control characters (C0, DEL, C1), format characters (the bidirectional
 * controls U+202A–U+202E and U+2066–U+2069, the marks U+200E, U+200F and U+061C, the zero-width U+200B–U+200D,
 * U+2060 and U+FEFF, tag characters), the line and paragraph separators U+2028 and U+2029, and lone surrogates.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

const NAMED_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['\t', '\\t'],
]);

function escapeOf(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  const hex = code.toString(16).toUpperCase();
  return NAMED_ESCAPES.get(character) ?? (code > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`);
}

/** Each hidden character as an escape: `\n`, `\r`, `\t`, `\u001B`, `\u202E`, `\u{E0041}`. */
function withHiddenEscaped(value: string): string {
  return value.replace(HIDDEN, escapeOf);
}

/**
 * A value as plain text (a modal, a notification, a quick pick, a tree label, the status bar, a diagnostic): hidden
 * characters as escapes, and the two syntaxes VS Code reads in plain text kept literal — `$(name)`, which the status
 * bar and quick picks show as an icon, and `[text](command:…)`, which a notification turns into a link that runs the
 * command. A backslash is left as it is (a Windows path stays readable), so `\n` may also be the two characters.
 */
export function shownValue(value: string): string {
  // A `$(` already escaped is left so: shown twice, a value reads the same.
  return withHiddenEscaped(value)
    .replace(/(?<!\\)\$\(/g, '\\$(')
    .replace(/\]\(/g, ']\\(');
}

/** A value in double quotes, as a JSON string is written (a quote or a backslash in it escaped), shown as `shownValue`. */
export function quotedValue(value: string): string {
  return `"${shownValue(value.replace(/["\\]/g, '\\$&'))}"`;
}

/** A value in Markdown (a tooltip, a hover) that shows it literally: hidden characters as escapes, and no emphasis, link, heading, HTML, entity or icon. */
export function shownMarkdown(value: string): string {
  return withHiddenEscaped(value).replace(/[\\`*_{}[\]()#+\-.!|<>~&$]/g, '\\$&');
}

/** A value as a Markdown code span, whatever backticks it holds: hidden characters as escapes, the rest literal. */
export function shownCode(value: string): string {
  const text = withHiddenEscaped(value);
  // A span's fence is longer than any run of backticks inside; a space keeps a backtick at either end off the fence.
  const fence = '`'.repeat(Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  const padding = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${padding}${text}${padding}${fence}`;
}

/**
 * A status as the console writes it: the VPC API's `NORMAL`, `UPDATING`, `UPDATE_FAILED` as `Normal`, `Updating`,
 * `Update failed`. Any other all-capitals word is written the same way; anything else is left as it came.
 */
export function consoleWord(status: string): string {
  if (!/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/.test(status)) return status;
  const words = status.toLowerCase().replaceAll('_', ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

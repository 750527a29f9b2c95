// Looks for secrets where they must never be: log lines, notifications, files VS Code wrote, test output. Shared
// by the security tests (bundled into them) and scripts/test.mjs (which scans a layer's output), hence plain
// JavaScript. A finding names the secret by its label and shows where it was, never the secret itself: a failing
// scan must not print what it found.
import { closeSync, lstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @typedef {{ label: string, value: string }} Needle A secret to look for, and how to name it in a report.
 * @typedef {{ label: string, where: string, offset: number, encoding: string, context: string }} Finding
 */

/** Shorter values would match by chance; every secret of the suite is longer. */
export const MIN_NEEDLE_LENGTH = 12;

/**
 * Base64 of `value` as it appears inside a longer base64 text, for each of the three alignments it may start at:
 * the characters that depend on the bytes around it are cut off.
 */
function base64Fragments(value) {
  const bytes = Buffer.from(value, 'utf8');
  const fragments = [];
  for (const shift of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const start = [0, 2, 3][shift];
    // The last group of four is cut whenever it holds padding or bytes that follow.
    const whole = Math.floor((shift + bytes.length) / 3) * 4;
    const fragment = encoded.slice(start, whole);
    fragments.push(fragment, fragment.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return fragments.filter((fragment) => fragment.length >= MIN_NEEDLE_LENGTH);
}

/**
 * The byte sequences under which a value may have been written: as it is (UTF-8), UTF-16 (Chromium's and
 * Electron's storage), percent-encoded (a URL, a query), JSON-escaped, and base64 (a header, a blob).
 * @param {string} value
 * @returns {{ encoding: string, bytes: Buffer }[]}
 */
export function encodedForms(value) {
  const forms = new Map();
  const add = (encoding, bytes) => {
    const key = bytes.toString('hex');
    if (!forms.has(key)) forms.set(key, { encoding, bytes });
  };
  add('utf8', Buffer.from(value, 'utf8'));
  add('utf16le', Buffer.from(value, 'utf16le'));
  add('percent-encoded', Buffer.from(encodeURIComponent(value), 'utf8'));
  add('json-escaped', Buffer.from(JSON.stringify(value).slice(1, -1), 'utf8'));
  for (const fragment of base64Fragments(value)) add('base64', Buffer.from(fragment, 'utf8'));
  return [...forms.values()];
}

/** Bits of the table of the forms' first four bytes: 1 MB, and a false hit on about 1 position in 700 with 1,500 forms. */
const TABLE_BITS = 20;
const hashOf = (fourBytes) => Math.imul(fourBytes, 0x9e3779b1) >>> (32 - TABLE_BITS);

/**
 * Every encoded form of every needle, and a matcher that finds all of them in one pass over a buffer: a table of
 * the forms' first four bytes says, for each position, whether a form may start there, and only then are the
 * bytes compared. Searching for each form in turn would take minutes over a VS Code profile when hundreds of
 * signatures are looked for.
 * @param {Needle[]} needles
 */
function prepare(needles) {
  for (const { label, value } of needles) {
    if (typeof value !== 'string' || value.length < MIN_NEEDLE_LENGTH) {
      throw new Error(
        `secret scan: "${label}" is shorter than ${MIN_NEEDLE_LENGTH} characters and would match by chance`,
      );
    }
  }
  const forms = needles.flatMap(({ label, value }) => encodedForms(value).map((form) => ({ label, ...form })));
  const table = new Uint8Array(1 << TABLE_BITS);
  const byPrefix = new Map();
  for (const form of forms) {
    table[hashOf(form.bytes.readUInt32BE(0))] = 1;
    const prefix = form.bytes.toString('latin1', 0, MIN_NEEDLE_LENGTH);
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), form]);
  }
  const longest = Math.max(...forms.map((form) => form.bytes.length));
  /** @param {Buffer} buffer */
  const find = (buffer) => {
    const hits = [];
    let window = 0;
    for (let i = 0; i < buffer.length; i++) {
      window = ((window << 8) | buffer[i]) >>> 0;
      const start = i - 3;
      if (start < 0 || start + MIN_NEEDLE_LENGTH > buffer.length || table[hashOf(window)] === 0) continue;
      for (const form of byPrefix.get(buffer.toString('latin1', start, start + MIN_NEEDLE_LENGTH)) ?? []) {
        const end = start + form.bytes.length;
        if (end <= buffer.length && buffer.compare(form.bytes, 0, form.bytes.length, start, end) === 0) {
          hits.push({ form, at: start });
        }
      }
    }
    return hits;
  };
  return { find, longest };
}

/**
 * The bytes around a finding as printable text, with every secret — and any run of four or more characters taken
 * from one — masked, so that the context cannot leak a secret it happens to overlap.
 */
function safeContext(buffer, start, end, needles) {
  const from = Math.max(0, start - 40);
  const to = Math.min(buffer.length, end + 40);
  let text = '';
  for (const byte of buffer.subarray(from, to)) text += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
  const masked = [...text];
  for (const { value } of needles) {
    for (let i = 0; i < text.length; i++) {
      let length = 0;
      while (i + length < text.length && value.includes(text.slice(i, i + length + 1))) length++;
      if (length >= 4) for (let j = i; j < i + length; j++) masked[j] = '•';
    }
  }
  return masked.join('').replace(/•+/g, '[…]');
}

function scanPrepared(where, buffer, matcher, needles, baseOffset = 0) {
  return matcher.find(buffer).map(({ form, at }) => ({
    label: form.label,
    where,
    offset: baseOffset + at,
    encoding: form.encoding,
    context: safeContext(buffer, at, at + form.bytes.length, needles),
  }));
}

/**
 * Every occurrence of every needle, in any of its encoded forms, in a text or a buffer.
 * @param {string} where what is being scanned, for the report
 * @param {string | Buffer} content
 * @param {Needle[]} needles
 * @returns {Finding[]}
 */
export function scanContent(where, content, needles) {
  const buffer = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return scanPrepared(where, buffer, prepare(needles), needles);
}

/** Reads a file in chunks that overlap by the longest form, so that an occurrence across two chunks is still found. */
function scanFile(path, matcher, needles, chunkSize) {
  const overlap = matcher.longest - 1;
  const findings = [];
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(chunkSize + overlap);
    let carried = 0;
    let position = 0;
    for (;;) {
      const read = readSync(fd, buffer, carried, chunkSize, position);
      if (read === 0) break;
      const filled = carried + read;
      findings.push(...scanPrepared(path, buffer.subarray(0, filled), matcher, needles, position - carried));
      position += read;
      carried = Math.min(overlap, filled);
      buffer.copy(buffer, 0, filled - carried, filled);
    }
  } finally {
    closeSync(fd);
  }
  // Overlapping chunks can report an occurrence twice.
  const seen = new Set();
  return findings.filter((f) => {
    const key = `${f.label}|${f.encoding}|${f.offset}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Scans every regular file under `root` (symbolic links are not followed; a file that vanishes meanwhile is
 * skipped).
 * @param {string} root
 * @param {Needle[]} needles
 * @param {{ chunkSize?: number }} [options] bytes read at a time (4 MB)
 * @returns {{ findings: Finding[], files: string[], bytes: number }}
 */
export function scanFolder(root, needles, { chunkSize = 4 * 1024 * 1024 } = {}) {
  const matcher = prepare(needles);
  const findings = [];
  const files = [];
  let bytes = 0;
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of entries) {
      const path = join(dir, name);
      let stats;
      try {
        stats = lstatSync(path);
      } catch {
        continue;
      }
      if (stats.isDirectory()) walk(path);
      else if (stats.isFile()) {
        try {
          findings.push(...scanFile(path, matcher, needles, chunkSize));
          files.push(path);
          bytes += stats.size;
        } catch {
          // removed while the walk went on
        }
      }
    }
  };
  walk(root);
  return { findings, files, bytes };
}

/**
 * One line per finding, for an assertion message: the label, where, the encoding and the masked context.
 * @param {Finding[]} findings
 */
export function describeFindings(findings) {
  return findings.map((f) => `${f.label} (${f.encoding}) in ${f.where} at ${f.offset}: …${f.context}…`).join('\n');
}

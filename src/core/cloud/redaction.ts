// Secrets — the SK, the security token, the request's signature — must reach no error, log line or screen. A server
// (or a proxy's debug page) may echo what it received, and in whatever encoding its language writes: as sent,
// percent-encoded, JSON-escaped (`\/` as PHP writes it, `\u002B` as .NET does, or every character), as HTML
// character references, base64, UTF-16, one inside another. Looking for a secret only as it was sent finds none of
// those; looking for it only after JSON.parse finds none of the others, and by then a long message may be cut in
// the middle of a token. So a text is searched in each of its decodings, and whatever an occurrence in any of them
// was decoded from is cut out of the text itself, before anything parses, cuts or shows it. The encodings are those
// the security suite's scanner (test/support/secretScan.mjs) looks for, and echoedSecrets.test.ts draws its echoes
// from them.

export const REDACTED = '[redacted]';

/** Shorter values would match by chance; no secret of these APIs is that short. */
const MIN_SECRET_LENGTH = 4;
/** Shorter base64 runs than this would match by chance too (a few characters at the edges depend on what surrounds it). */
const MIN_BASE64_LENGTH = 8;
/** Decodings of a decoding tried at most: a percent-encoded token in a JSON string is two. */
const MAX_DECODINGS = 3;
/**
 * Texts are searched in windows of this many characters (each overlapping the next by as much as an encoded secret
 * can take), so that the decodings of a huge answer never take more than a few megabytes at once.
 */
const WINDOW = 1 << 18;
/** The most characters one character of a secret takes once encoded, one decoding inside another (`\u0025E2%80%A8`…). */
const MAX_EXPANSION = 24;

/**
 * Base64 of `bytes` as it appears inside a longer base64 text, for each of the three alignments it may start at
 * (standard and URL-safe alphabets): the characters that depend on the bytes around it are left out.
 */
function base64Forms(bytes: Buffer): string[] {
  const forms: string[] = [];
  for (const shift of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const form = encoded.slice([0, 2, 3][shift], Math.floor((shift + bytes.length) / 3) * 4);
    if (form.length >= MIN_BASE64_LENGTH) forms.push(form, form.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms;
}

/**
 * What a secret may look like once every escape around it is read back: as it is, its UTF-16 bytes read as text
 * (each character followed by a NUL), and its base64. Percent-encoding, JSON escapes and character references are
 * not forms: they are read back by `decodeOnce`, in any mix.
 */
function formsOf(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = [secret, ...base64Forms(bytes)];
  // ASCII only (as many bytes as characters): other characters' UTF-16 bytes read as UTF-8 spell nothing to look for.
  if (bytes.length === secret.length) forms.push([...secret].join('\u0000'));
  return forms;
}

/**
 * A text read back from another, and where each of its characters came from: the offsets (in the original text) of
 * the first and just past the last character it was read from.
 */
interface View {
  readonly text: string;
  origin(at: number): { start: number; end: number };
}

const original = (text: string): View => ({ text, origin: (at) => ({ start: at, end: at + 1 }) });

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  "'": "'",
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const NAMED_REFERENCES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  sol: '/',
  plus: '+',
  equals: '=',
  percnt: '%',
  bsol: '\\',
};
/**
 * One escape of any of the encodings read back: JSON's and JavaScript's, a run of percent-encoded bytes, an HTML
 * character reference. (Grouped by their first character, which lets the regular expression engine skip to them.)
 */
const ESCAPE =
  /\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(["\\/'bfnrt]))|((?:%[0-9a-fA-F]{2})+)|&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-z]{2,6}));/g;

/**
 * A stretch of a decoded text, `length` characters from `at`: each read from `width` characters of the text decoded,
 * one after the other from `from` (a character copied as it was has a width of 1, one of `%41%42` a width of 3); or,
 * `whole`, all of them read from the one escape at [from, from + width) (`&#x1F600;` is two UTF-16 characters).
 */
interface Stretch {
  readonly at: number;
  length: number;
  readonly from: number;
  readonly width: number;
  readonly whole: boolean;
}

/** The view with every escape read back once; undefined when it has none. */
function decodeOnce(view: View): View | undefined {
  const { text } = view;
  const parts: string[] = [];
  const stretches: Stretch[] = [];
  let length = 0;
  let decoded = false;
  const push = (chars: string, from: number, width: number, whole = false) => {
    if (chars === '') return;
    parts.push(chars);
    const previous = stretches.at(-1);
    // Escapes of one width one after the other (`\u0041\u0042`, `%41%42`) are one stretch: a text made of them
    // costs one object a run, not one a character.
    if (
      !whole &&
      previous &&
      !previous.whole &&
      previous.width === width &&
      previous.from + previous.length * width === from
    ) {
      previous.length += chars.length;
    } else stretches.push({ at: length, length: chars.length, from, width, whole });
    length += chars.length;
  };
  let last = 0;
  ESCAPE.lastIndex = 0;
  for (let match = ESCAPE.exec(text); match; match = ESCAPE.exec(text)) {
    const [all, unicode, hex, simple, percent, decimal, hexReference, named] = match;
    const at = match.index;
    let chars: string | undefined;
    if (unicode !== undefined) chars = String.fromCharCode(parseInt(unicode, 16));
    else if (hex !== undefined) chars = String.fromCharCode(parseInt(hex, 16));
    else if (simple !== undefined) chars = SIMPLE_ESCAPES[simple];
    else if (decimal !== undefined || hexReference !== undefined) {
      const codePoint = decimal !== undefined ? Number(decimal) : parseInt(hexReference ?? '', 16);
      if (codePoint <= 0x10ffff) chars = String.fromCodePoint(codePoint);
    } else if (named !== undefined && Object.hasOwn(NAMED_REFERENCES, named)) chars = NAMED_REFERENCES[named];
    if (percent === undefined && chars === undefined) continue;
    push(text.slice(last, at), last, 1);
    if (percent !== undefined) pushPercentDecoded(percent, at, push);
    else if (chars !== undefined) push(chars, at, all.length, chars.length > 1);
    last = at + all.length;
    decoded = true;
  }
  if (!decoded) return undefined;
  push(text.slice(last), last, 1);
  return {
    text: parts.join(''),
    origin(at) {
      // The last stretch that starts at or before `at`.
      let low = 0;
      let high = stretches.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if ((stretches[middle]?.at ?? 0) <= at) low = middle;
        else high = middle - 1;
      }
      const stretch = stretches[low] as Stretch;
      const from = stretch.whole ? stretch.from : stretch.from + (at - stretch.at) * stretch.width;
      return { start: view.origin(from).start, end: view.origin(from + stretch.width - 1).end };
    },
  };
}

/**
 * What a run of percent-encoded bytes (at `at` of the text) spells as UTF-8; a byte that starts no valid sequence
 * stands for itself (`%FF` → ÿ), as in a URL that is not UTF-8.
 */
function pushPercentDecoded(
  run: string,
  at: number,
  push: (chars: string, from: number, width: number, whole?: boolean) => void,
): void {
  const bytes = Buffer.from(run.replace(/%/g, ''), 'hex');
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      // A run of ASCII at once: the usual percent-encoded text costs one string, not one a byte.
      let next = i + 1;
      while (next < bytes.length && (bytes[next] ?? 0) < 0x80) next++;
      push(bytes.toString('latin1', i, next), at + i * 3, 3);
      i = next;
      continue;
    }
    const length =
      lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    let codePoint = length === 0 ? -1 : lead & (0xff >> (length + 1));
    for (let k = 1; k < length && codePoint >= 0; k++) {
      const next = bytes[i + k];
      codePoint = next !== undefined && (next & 0xc0) === 0x80 ? (codePoint << 6) | (next & 0x3f) : -1;
    }
    const valid = codePoint >= 0 && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff);
    const taken = valid ? length : 1;
    const chars = valid ? String.fromCodePoint(codePoint) : String.fromCharCode(lead);
    push(chars, at + i * 3, taken * 3, chars.length > 1);
    i += taken;
  }
}

/** Cuts every secret out of texts, in every encoding a server may echo it in. */
export class Redactor {
  private readonly forms: readonly string[];
  /** How far an encoded occurrence may reach: windows overlap by this much. */
  private readonly overlap: number;

  constructor(secrets: readonly (string | undefined)[]) {
    const present = secrets.filter(
      (secret): secret is string => secret !== undefined && secret.length >= MIN_SECRET_LENGTH,
    );
    this.forms = [...new Set(present.flatMap(formsOf))];
    this.overlap = Math.max(0, ...this.forms.map((form) => form.length)) * MAX_EXPANSION;
  }

  /** `text` with every occurrence of a secret, as written or encoded, replaced by `[redacted]`. */
  redact(text: string): string {
    if (this.forms.length === 0) return text;
    const spans: [number, number][] = [];
    for (let from = 0; from < text.length; from += WINDOW) {
      const to = Math.min(text.length, from + WINDOW + this.overlap);
      this.findIn(text.slice(from, to), from, spans);
      if (to === text.length) break;
    }
    if (spans.length === 0) return text;
    spans.sort((a, b) => a[0] - b[0]);
    let result = '';
    let last = 0;
    for (const [spanStart, spanEnd] of spans) {
      if (spanEnd <= last) continue;
      if (spanStart >= last) result += `${text.slice(last, spanStart)}${REDACTED}`;
      last = spanEnd;
    }
    return result + text.slice(last);
  }

  /** Pushes the span (in the whole text) of every occurrence in `window`, which starts at `offset`, and in each of its decodings. */
  private findIn(window: string, offset: number, spans: [number, number][]): void {
    let view: View | undefined = original(window);
    for (let round = 0; view && round <= MAX_DECODINGS; round++) {
      for (const form of this.forms) {
        for (let at = view.text.indexOf(form); at >= 0; at = view.text.indexOf(form, at + 1)) {
          spans.push([offset + view.origin(at).start, offset + view.origin(at + form.length - 1).end]);
        }
      }
      view = round < MAX_DECODINGS && /[\\%&]/.test(view.text) ? decodeOnce(view) : undefined;
    }
  }
}

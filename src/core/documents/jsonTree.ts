// jsonc-parser's parseTree, for the text nearly every check sees: strict JSON. parseTree runs a scanner that makes a
// token of every piece and a visitor that calls back for each; that was half of every check of a document, and most
// of a large one's. This builds the very same tree (node for node: types, offsets, lengths, values, parents,
// colonOffset) in one pass over the characters. Whatever is not strict JSON — a syntax error, a comment, a
// trailing comma, whitespace other than space, tab and line breaks, or nesting deeper than asked — it leaves to
// parseTree, which says what is wrong. Asked to, it builds only the first entries of a long array (what the checks
// read) and reads the rest through without building them, as strict JSON all the same.
import type { Node, NodeType } from 'jsonc-parser';

/** Thrown inside the pass, caught at its top: the text is not strict JSON (or nests too deep). */
const NOT_STRICT = new Error('not strict JSON');

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const LOWER_E = 0x65;
const UPPER_E = 0x45;
const LOWER_U = 0x75;

const isDigit = (code: number) => code >= DIGIT_0 && code <= DIGIT_9;
const isHexDigit = (code: number) => isDigit(code) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
/** The characters JSON allows after a backslash, \u aside: " \ / b f n r t. */
const isEscape = (code: number) =>
  code === QUOTE ||
  code === BACKSLASH ||
  code === 0x2f ||
  code === 0x62 ||
  code === 0x66 ||
  code === 0x6e ||
  code === 0x72 ||
  code === 0x74;

// Mutable while the tree is built: containers and properties are created open and closed at their end, as
// parseTree does.
interface OpenNode {
  type: NodeType;
  offset: number;
  length: number;
  parent?: Node | undefined;
  children: Node[];
  colonOffset?: number;
}

export interface StrictJsonTree {
  readonly root: Node;
  /**
   * The arrays longer than `keepEntries`, with their whole length: their `children` hold only the first
   * `keepEntries` entries; the rest were checked to be strict JSON, and not built.
   */
  readonly cutArrays: ReadonlyMap<Node, number>;
}

class StrictParser {
  private pos = 0;
  private depth = 0;
  readonly cutArrays = new Map<Node, number>();

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
    private readonly keepEntries: number,
  ) {}

  fail(): never {
    throw NOT_STRICT;
  }

  /** Whitespace as JSON has it: space, tab, line feed, carriage return. */
  skipWhitespace(): void {
    const { text } = this;
    let pos = this.pos;
    for (
      let code = text.charCodeAt(pos);
      code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
      code = text.charCodeAt(pos)
    ) {
      pos++;
    }
    this.pos = pos;
  }

  document(): Node {
    this.skipWhitespace();
    const built = this.value(undefined);
    this.skipWhitespace();
    if (this.pos !== this.text.length) this.fail();
    // parseTree's root has no parent property at all. Made anew without one rather than deleted from: V8 turns an
    // object a property is deleted from into a slow dictionary.
    const { type, offset, length, children } = built;
    const root = (
      children ? { type, offset, length, children } : { type, offset, length, value: built.value as unknown }
    ) as Node;
    for (const child of children ?? []) (child as OpenNode).parent = root;
    return root;
  }

  value(parent: Node | undefined): Node {
    const { text } = this;
    const offset = this.pos;
    const code = text.charCodeAt(offset);
    if (code === QUOTE) {
      const hasEscape = this.string();
      // Checked above to be a strict JSON string: JSON.parse unescapes it exactly as parseTree does.
      const value = hasEscape
        ? (JSON.parse(text.slice(offset, this.pos)) as string)
        : text.slice(offset + 1, this.pos - 1);
      return this.literal(parent, 'string', value, offset);
    }
    if (code === OPEN_BRACE) return this.object(parent);
    if (code === OPEN_BRACKET) return this.array(parent);
    if (code === MINUS || isDigit(code)) {
      this.number();
      return this.literal(parent, 'number', Number(text.slice(offset, this.pos)), offset);
    }
    if (code === 0x74 && text.startsWith('true', offset)) return this.keyword(parent, 'boolean', true, 4);
    if (code === 0x66 && text.startsWith('false', offset)) return this.keyword(parent, 'boolean', false, 5);
    if (code === 0x6e && text.startsWith('null', offset)) return this.keyword(parent, 'null', null, 4);
    return this.fail();
  }

  /** A value past an array's kept entries: checked like any other, and not built. */
  skipValue(): void {
    const { text } = this;
    const code = text.charCodeAt(this.pos);
    if (code === QUOTE) this.string();
    else if (code === OPEN_BRACE || code === OPEN_BRACKET) this.skipContainer(code === OPEN_BRACE);
    else if (code === MINUS || isDigit(code)) this.number();
    else if (code === 0x74 && text.startsWith('true', this.pos)) this.pos += 4;
    else if (code === 0x66 && text.startsWith('false', this.pos)) this.pos += 5;
    else if (code === 0x6e && text.startsWith('null', this.pos)) this.pos += 4;
    else this.fail();
  }

  /** A literal node with parseTree's properties, in its order (one hidden class for them all). */
  literal(parent: Node | undefined, type: NodeType, value: unknown, offset: number): Node {
    return { type, offset, length: this.pos - offset, parent, value } as Node;
  }

  keyword(parent: Node | undefined, type: NodeType, value: boolean | null, length: number): Node {
    const offset = this.pos;
    this.pos += length;
    return this.literal(parent, type, value, offset);
  }

  /** Past -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?. */
  number(): void {
    const { text } = this;
    let pos = this.pos;
    if (text.charCodeAt(pos) === MINUS) pos++;
    if (text.charCodeAt(pos) === DIGIT_0) pos++;
    else if (isDigit(text.charCodeAt(pos))) while (isDigit(text.charCodeAt(pos))) pos++;
    else this.fail();
    if (text.charCodeAt(pos) === DOT) {
      pos++;
      if (!isDigit(text.charCodeAt(pos))) this.fail();
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    const exponent = text.charCodeAt(pos);
    if (exponent === LOWER_E || exponent === UPPER_E) {
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === PLUS || sign === MINUS) pos++;
      if (!isDigit(text.charCodeAt(pos))) this.fail();
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    this.pos = pos;
  }

  /** Past the string at pos, checked; whether it holds an escape. */
  string(): boolean {
    const { text } = this;
    let pos = this.pos + 1;
    let hasEscape = false;
    for (;;) {
      const code = text.charCodeAt(pos);
      if (code === QUOTE) break;
      if (code === BACKSLASH) {
        hasEscape = true;
        const escape = text.charCodeAt(pos + 1);
        if (escape === LOWER_U) {
          for (let i = 2; i < 6; i++) if (!isHexDigit(text.charCodeAt(pos + i))) this.fail();
          pos += 6;
        } else {
          if (!isEscape(escape)) this.fail();
          pos += 2;
        }
        continue;
      }
      // A control character (a line break among them) or the end of the text (NaN): parseTree reports it.
      if (!(code >= 0x20)) this.fail();
      pos++;
    }
    this.pos = pos + 1;
    return hasEscape;
  }

  /** Past an opening bracket: whether an entry follows (otherwise the container is empty, and closed here). */
  open(close: number): boolean {
    if (++this.depth > this.maxDepth) this.fail();
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) !== close) return true;
    this.pos++;
    this.depth--;
    return false;
  }

  /** After an entry: past the comma to the next entry (true), or past the closing bracket (false). */
  next(close: number): boolean {
    this.skipWhitespace();
    const code = this.text.charCodeAt(this.pos);
    this.pos++;
    if (code === close) {
      this.depth--;
      return false;
    }
    if (code !== COMMA) this.fail();
    this.skipWhitespace();
    return true;
  }

  array(parent: Node | undefined): Node {
    const children: Node[] = [];
    const node: OpenNode = { type: 'array', offset: this.pos, length: -1, parent, children };
    if (this.open(CLOSE_BRACKET)) {
      let count = 0;
      do {
        if (count++ < this.keepEntries) children.push(this.value(node as Node));
        else this.skipValue();
      } while (this.next(CLOSE_BRACKET));
      if (count > this.keepEntries) this.cutArrays.set(node as Node, count);
    }
    node.length = this.pos - node.offset;
    return node as Node;
  }

  object(parent: Node | undefined): Node {
    const children: Node[] = [];
    const node: OpenNode = { type: 'object', offset: this.pos, length: -1, parent, children };
    if (this.open(CLOSE_BRACE)) {
      do children.push(this.property(node as Node));
      while (this.next(CLOSE_BRACE));
    }
    node.length = this.pos - node.offset;
    return node as Node;
  }

  property(parent: Node): Node {
    const { text } = this;
    const offset = this.pos;
    if (text.charCodeAt(offset) !== QUOTE) this.fail();
    const children: Node[] = [];
    const property: OpenNode = { type: 'property', offset, length: -1, parent, children };
    const hasEscape = this.string();
    const name = hasEscape
      ? (JSON.parse(text.slice(offset, this.pos)) as string)
      : text.slice(offset + 1, this.pos - 1);
    children.push({ type: 'string', value: name, offset, length: this.pos - offset, parent: property as Node });
    this.skipWhitespace();
    if (text.charCodeAt(this.pos) !== COLON) this.fail();
    property.colonOffset = this.pos;
    this.pos++;
    this.skipWhitespace();
    children.push(this.value(property as Node));
    property.length = this.pos - offset;
    return property as Node;
  }

  /** An object or array past an array's kept entries: checked, and not built. */
  skipContainer(isObject: boolean): void {
    const close = isObject ? CLOSE_BRACE : CLOSE_BRACKET;
    if (!this.open(close)) return;
    do {
      if (isObject) {
        if (this.text.charCodeAt(this.pos) !== QUOTE) this.fail();
        this.string();
        this.skipWhitespace();
        if (this.text.charCodeAt(this.pos) !== COLON) this.fail();
        this.pos++;
        this.skipWhitespace();
      }
      this.skipValue();
    } while (this.next(close));
  }
}

/**
 * The tree jsonc-parser's parseTree gives `text`, when `text` is strict JSON nested at most `maxDepth` levels (and
 * parseTree would report no error); otherwise undefined. Of an array longer than `keepEntries` only that many
 * entries are built (see StrictJsonTree.cutArrays).
 */
export function parseStrictJsonTree(
  text: string,
  maxDepth: number,
  keepEntries = Infinity,
): StrictJsonTree | undefined {
  const parser = new StrictParser(text, maxDepth, keepEntries);
  try {
    return { root: parser.document(), cutArrays: parser.cutArrays };
  } catch (error) {
    if (error === NOT_STRICT) return undefined;
    throw error;
  }
}

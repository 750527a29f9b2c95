// IP addresses, ranges and CIDR blocks as the two APIs write them, parsed with ipaddr.js into inclusive numeric
// intervals, so that families, order, sizes, duplicates and overlaps are plain comparisons.
import ipaddr from 'ipaddr.js';

export type Family = 4 | 6;

export interface AddressEntry {
  readonly kind: 'address' | 'range' | 'cidr';
  readonly family: Family;
  /** First and last address, inclusive. */
  readonly first: bigint;
  readonly last: bigint;
  /** For a CIDR block: its prefix length, and whether host bits are set (192.168.5.1/24). */
  readonly prefix?: number;
  readonly hostBitsSet?: boolean;
}

/** `reversed`: a range whose ends are both valid but in the wrong order (its fix is to swap them). */
export type ParseResult = { ok: true; entry: AddressEntry } | { ok: false; reason: string; reversed?: true };

/** The number an address's octets (IPv4) or 16-bit parts (IPv6) make. */
function toBigInt(words: readonly number[], bitsPerWord: bigint): bigint {
  return words.reduce((value, word) => (value << bitsPerWord) | BigInt(word), 0n);
}

// ipaddr.IPv4.isValidFourPartDecimal's pattern: its parse accepts 10.1 and 0x0a000001 too, which the APIs do not.
const FOUR_PART_DECIMAL = /^(0|[1-9]\d*)(\.(0|[1-9]\d*)){3}$/;

/**
 * ipaddr.js's parse, or undefined where it throws. Its isValid functions are that same parse in a try, so asking
 * isValid and then parsing would parse every address twice.
 */
function tryParse<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}

/** Parses one address strictly: IPv4 only in four-part decimal (not 10.1 or 0x0a000001), IPv6 without a zone. */
export function parseAddress(text: string): { family: Family; value: bigint } | undefined {
  if (FOUR_PART_DECIMAL.test(text)) {
    // The parse refuses a part above 255.
    const v4 = tryParse(() => ipaddr.IPv4.parse(text));
    return v4 && { family: 4, value: toBigInt(v4.octets, 8n) };
  }
  // An IPv4-mapped address (::ffff:1.2.3.4) is an IPv6 address here, as the API sees it.
  const v6 = text.includes(':') && !text.includes('%') ? tryParse(() => ipaddr.IPv6.parse(text)) : undefined;
  return v6 && { family: 6, value: toBigInt(v6.parts, 16n) };
}

export function formatAddress(family: Family, value: bigint): string {
  const bytes: number[] = [];
  for (let i = family === 4 ? 3 : 15; i >= 0; i--) bytes.push(Number((value >> BigInt(i * 8)) & 0xffn));
  return family === 4 ? ipaddr.fromByteArray(bytes).toString() : (ipaddr.fromByteArray(bytes) as ipaddr.IPv6).toRFC5952String();
}

const bits = (family: Family) => (family === 4 ? 32 : 128);

/** An address `a`, a range `a-b`, or a CIDR block `a/n`; the reason names what is allowed when it is none. */
export function parseEntry(raw: string): ParseResult {
  const text = raw.trim();
  if (text !== raw) return { ok: false, reason: 'remove the spaces around the entry' };
  if (text.includes('/')) {
    const [base = '', prefixText = '', ...rest] = text.split('/');
    const address = parseAddress(base);
    if (!address || rest.length > 0 || !/^\d{1,3}$/.test(prefixText)) {
      return { ok: false, reason: 'not a CIDR block: write an address, a slash and a prefix length, such as 192.168.5.0/24 or 2001:db8::/64' };
    }
    const prefix = Number(prefixText);
    const width = bits(address.family);
    if (prefix > width) return { ok: false, reason: `the prefix /${prefix} is longer than an IPv${address.family} address: allowed /0-/${width}` };
    const hostMask = (1n << BigInt(width - prefix)) - 1n;
    const first = address.value & ~hostMask;
    return { ok: true, entry: { kind: 'cidr', family: address.family, first, last: first | hostMask, prefix, hostBitsSet: first !== address.value } };
  }
  const dash = text.indexOf('-');
  if (dash >= 0) {
    const start = parseAddress(text.slice(0, dash));
    const end = parseAddress(text.slice(dash + 1));
    if (!start || !end) return { ok: false, reason: 'not a range: write two addresses joined by a hyphen, such as 192.168.3.20-192.168.3.100' };
    if (start.family !== end.family) return { ok: false, reason: 'a range must start and end in the same IP version' };
    if (start.value > end.value) {
      return { ok: false, reversed: true, reason: `the range is reversed: it must start with the lower address (${formatAddress(end.family, end.value)}-${formatAddress(start.family, start.value)})` };
    }
    return { ok: true, entry: { kind: 'range', family: start.family, first: start.value, last: end.value } };
  }
  const address = parseAddress(text);
  if (!address) return { ok: false, reason: 'not an IP address, a range (a-b) or a CIDR block (a/n)' };
  return { ok: true, entry: { kind: 'address', family: address.family, first: address.value, last: address.value } };
}

/** The block as it should be written: the network address and prefix. */
export function canonicalCidr(entry: AddressEntry): string {
  return `${formatAddress(entry.family, entry.first)}/${entry.prefix ?? bits(entry.family)}`;
}

export function entrySize(entry: AddressEntry): bigint {
  return entry.last - entry.first + 1n;
}

export function contains(outer: AddressEntry, inner: AddressEntry): boolean {
  return outer.family === inner.family && outer.first <= inner.first && inner.last <= outer.last;
}

/** Whether two entries share an address (entries of different families never do). */
export function overlaps(a: AddressEntry, b: AddressEntry): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

/** For hovers: first and last address, size, family. */
export function describeEntry(entry: AddressEntry): string {
  const first = formatAddress(entry.family, entry.first);
  const last = formatAddress(entry.family, entry.last);
  const size = entrySize(entry);
  const count = size === 1n ? '1 address' : `${size.toLocaleString('en-US')} addresses`;
  return entry.first === entry.last ? `IPv${entry.family} address, ${count}` : `IPv${entry.family}, ${count}: ${first} – ${last}`;
}

export interface IndexedEntry {
  readonly index: number;
  /** The entry as written. */
  readonly text: string;
  readonly entry: AddressEntry;
}

export interface EntryConflicts<T extends IndexedEntry> {
  /** Later entries written exactly as an earlier one: what the API refuses ("Duplicate ip_set in request body"). */
  readonly repeats: { first: T; repeat: T }[];
  /**
   * Later entries that cover exactly the addresses of an earlier one, written differently (1.1.1.1 and 1.1.1.1/32,
   * 2001:db8::a and 2001:DB8::A): the API's pages do not say whether it refuses them.
   */
  readonly sameAddresses: { first: T; repeat: T }[];
  /** Pairs of entries covering different addresses that share some. */
  readonly overlaps: { a: T; b: T }[];
}

/**
 * Repeats and the same addresses, found with maps, then overlaps among the distinct entries, in one pass over them
 * sorted by first address: each entry is paired with the earlier one reaching furthest, so n entries give at most
 * n − 1 pairs and the whole costs n log n.
 */
export function findConflicts<T extends IndexedEntry>(entries: readonly T[]): EntryConflicts<T> {
  const repeats: { first: T; repeat: T }[] = [];
  const sameAddresses: { first: T; repeat: T }[] = [];
  const byText = new Map<string, T>();
  const byAddresses = new Map<string, T>();
  for (const item of entries) {
    const written = byText.get(item.text);
    if (written) {
      repeats.push({ first: written, repeat: item });
      continue;
    }
    byText.set(item.text, item);
    const key = `${item.entry.family}|${item.entry.first}|${item.entry.last}`;
    const same = byAddresses.get(key);
    if (same) sameAddresses.push({ first: same, repeat: item });
    else byAddresses.set(key, item);
  }
  const overlaps: { a: T; b: T }[] = [];
  for (const family of [4, 6] as const) {
    const sorted = [...byAddresses.values()].filter((e) => e.entry.family === family)
      .sort((x, y) => (x.entry.first < y.entry.first ? -1 : x.entry.first > y.entry.first ? 1 : x.index - y.index));
    let reach: T | undefined;
    for (const current of sorted) {
      if (reach && current.entry.first <= reach.entry.last) overlaps.push({ a: reach, b: current });
      if (!reach || current.entry.last > reach.entry.last) reach = current;
    }
  }
  return { repeats, sameAddresses, overlaps };
}

// Huawei Cloud's AK/SK request signing (SDK-HMAC-SHA256), on node:crypto. The algorithm, step by step, with its
// published test vectors, is in ../shared/api-notes.md ("Authentication"). The rule that keeps it right: what is
// signed is derived from the very URL and body bytes that are sent, never from a parallel description of them.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { encodeRfc3986 } from './pathSegments';

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
/** The gateway rejects a request whose X-Sdk-Date is further than this from its clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** Headers signed whenever they are present, besides host and x-sdk-date. */
const OPTIONALLY_SIGNED = ['content-type', 'x-project-id', 'x-security-token'];

export interface SigningKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Temporary credentials only; sent and signed as X-Security-Token. */
  readonly securityToken?: string | undefined;
}

export interface RequestToSign {
  readonly method: string;
  /** The absolute URL exactly as it will be sent: path and query already encoded (see `buildQuery`). */
  readonly url: string;
  /** Headers that will be sent; names in any case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The exact body that will be sent; undefined or '' for none. */
  readonly body?: string | Uint8Array | undefined;
}

/** Decodes one percent-encoded component; a malformed escape is kept as it is rather than thrown. */
function decodeComponent(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export type QueryValue = string | number | boolean | readonly (string | number | boolean)[] | undefined | null;

/**
 * The canonical query string: keys sorted, the values of a repeated key sorted, everything encoded with
 * `encodeRfc3986` (a space as %20). Sending exactly this string makes the sent query the signed one.
 * Undefined and null values are left out.
 */
export function buildQuery(params: Readonly<Record<string, QueryValue>>): string {
  const pairs: [string, string][] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) pairs.push([key, String(item)]);
  }
  return canonicalQueryFromPairs(pairs);
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function canonicalQueryFromPairs(pairs: readonly (readonly [string, string])[]): string {
  return [...pairs]
    .sort(([keyA, valueA], [keyB, valueB]) => compareCodeUnits(keyA, keyB) || compareCodeUnits(valueA, valueB))
    .map(([key, value]) => `${encodeRfc3986(key)}=${encodeRfc3986(value)}`)
    .join('&');
}

/** Canonical query of a raw (as sent or received) query string, without its leading `?`. */
export function canonicalQuery(rawQuery: string): string {
  if (rawQuery === '') return '';
  const pairs = rawQuery
    .split('&')
    .filter((part) => part !== '')
    .map((part): [string, string] => {
      const equals = part.indexOf('=');
      const key = equals < 0 ? part : part.slice(0, equals);
      const value = equals < 0 ? '' : part.slice(equals + 1);
      return [decodeComponent(key), decodeComponent(value)];
    });
  return canonicalQueryFromPairs(pairs);
}

/** Canonical URI of a raw path: every segment decoded then encoded, always ending with `/`. */
export function canonicalUri(rawPath: string): string {
  const encoded = rawPath
    .split('/')
    .map((segment) => encodeRfc3986(decodeComponent(segment)))
    .join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export function formatSdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Parses `YYYYMMDDTHHMMSSZ`; undefined when malformed. */
export function parseSdkDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** What the signature covers, already reduced to raw strings: the input of the published test vectors. */
export interface CanonicalParts {
  method: string;
  rawPath: string;
  rawQuery: string;
  /** Lowercase names → values, for the signed headers only. */
  signedHeaders: ReadonlyMap<string, string>;
  payloadHash: string;
}

/** The canonical request, the list of signed header names, and the hex signature over them. */
export function computeSignature(parts: CanonicalParts, sdkDate: string, secretAccessKey: string) {
  const { canonical, signedHeaderNames } = canonicalRequest(parts);
  return { canonical, signedHeaderNames, signature: signatureOf(canonical, sdkDate, secretAccessKey) };
}

function canonicalRequest(parts: CanonicalParts): { canonical: string; signedHeaderNames: string } {
  const names = [...parts.signedHeaders.keys()].sort(compareCodeUnits);
  const headerLines = names.map((name) => `${name}:${(parts.signedHeaders.get(name) ?? '').trim()}\n`).join('');
  const signedHeaderNames = names.join(';');
  const canonical = [
    parts.method.toUpperCase(),
    canonicalUri(parts.rawPath),
    canonicalQuery(parts.rawQuery),
    headerLines,
    signedHeaderNames,
    parts.payloadHash,
  ].join('\n');
  return { canonical, signedHeaderNames };
}

function signatureOf(canonical: string, sdkDate: string, secretAccessKey: string): string {
  const stringToSign = `${SIGNING_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonical)}`;
  return createHmac('sha256', secretAccessKey).update(stringToSign).digest('hex');
}

function lowercaseKeys(headers: Readonly<Record<string, string>>): Map<string, string> {
  return new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/**
 * Signs a request. Returns the complete header set to send: the given headers plus `X-Sdk-Date`, `Authorization`
 * and, for temporary credentials, `X-Security-Token`. `host` is not returned: fetch derives it from the URL, as
 * it was signed.
 */
export function signRequest(request: RequestToSign, key: SigningKey, now: Date = new Date()): Record<string, string> {
  const url = new URL(request.url);
  const sdkDate = formatSdkDate(now);
  const sent: Record<string, string> = { ...request.headers, 'X-Sdk-Date': sdkDate };
  if (key.securityToken) sent['X-Security-Token'] = key.securityToken;

  const all = lowercaseKeys(sent);
  const signedHeaders = new Map<string, string>([
    ['host', url.host],
    ['x-sdk-date', sdkDate],
  ]);
  for (const name of OPTIONALLY_SIGNED) {
    const value = all.get(name);
    if (value !== undefined) signedHeaders.set(name, value);
  }
  const payloadHash =
    all.get('x-sdk-content-sha256') === UNSIGNED_PAYLOAD
      ? UNSIGNED_PAYLOAD
      : request.body === undefined || request.body.length === 0
        ? EMPTY_BODY_SHA256
        : sha256Hex(request.body);

  const { signedHeaderNames, signature } = computeSignature(
    {
      method: request.method,
      rawPath: url.pathname,
      rawQuery: url.search.replace(/^\?/, ''),
      signedHeaders,
      payloadHash,
    },
    sdkDate,
    key.secretAccessKey,
  );
  sent.Authorization = `${SIGNING_ALGORITHM} Access=${key.accessKeyId}, SignedHeaders=${signedHeaderNames}, Signature=${signature}`;
  return sent;
}

export interface ReceivedRequest {
  readonly method: string;
  /** The request target as received: path and raw query (`/v1/x/networks?limit=2`). */
  readonly target: string;
  /** Header names in lowercase, as node:http gives them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Uint8Array;
}

export type VerificationResult =
  { readonly ok: true; readonly accessKeyId: string } | { readonly ok: false; readonly reason: string };

/**
 * Checks a received request's signature, as the API gateway does (for the emulator and test servers).
 * `secretFor` returns the SK of an AK, or undefined for an unknown AK.
 */
export function verifyRequest(
  request: ReceivedRequest,
  secretFor: (accessKeyId: string) => string | undefined,
  now: Date = new Date(),
): VerificationResult {
  // Names come from the request (SignedHeaders): only the headers it has, never Object.prototype's properties.
  const header = (name: string): string | undefined => {
    const value = Object.hasOwn(request.headers, name) ? request.headers[name] : undefined;
    return Array.isArray(value) ? value.join(',') : value;
  };
  const authorization = header('authorization');
  if (!authorization) return { ok: false, reason: 'the Authorization header is missing' };
  // Exactly the 64 lowercase hex digits a signer writes: decoding the hex first would let variants through
  // (Buffer.from(hex, 'hex') drops an odd last digit and accepts uppercase).
  const match = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
    authorization.trim(),
  );
  if (!match) return { ok: false, reason: 'the Authorization header is not SDK-HMAC-SHA256' };
  const [, accessKeyId = '', signedHeaderList = '', signature = ''] = match;
  const secret = secretFor(accessKeyId);
  if (secret === undefined) return { ok: false, reason: 'the access key is unknown' };

  const sdkDate = header('x-sdk-date') ?? '';
  const signedAt = parseSdkDate(sdkDate);
  if (!signedAt) return { ok: false, reason: 'X-Sdk-Date is missing or malformed' };
  if (Math.abs(now.getTime() - signedAt.getTime()) > MAX_CLOCK_SKEW_MS) {
    return { ok: false, reason: 'X-Sdk-Date is more than 15 minutes away from the server clock' };
  }

  const names = signedHeaderList.split(';');
  // The canonical request lists each name once: a repeated name would verify as the list without the repeat.
  if (new Set(names).size !== names.length) return { ok: false, reason: 'SignedHeaders names a header twice' };
  for (const required of ['host', 'x-sdk-date', 'x-project-id', 'x-security-token']) {
    if (
      (required === 'host' || required === 'x-sdk-date' || header(required) !== undefined) &&
      !names.includes(required)
    ) {
      return { ok: false, reason: `the ${required} header is not signed` };
    }
  }
  const signedHeaders = new Map<string, string>();
  for (const name of names) {
    const value = header(name);
    if (value === undefined) return { ok: false, reason: `the signed header ${name} is missing` };
    signedHeaders.set(name, value);
  }

  const queryStart = request.target.indexOf('?');
  const payloadHash =
    header('x-sdk-content-sha256') === UNSIGNED_PAYLOAD
      ? UNSIGNED_PAYLOAD
      : request.body.length === 0
        ? EMPTY_BODY_SHA256
        : sha256Hex(request.body);
  const { signature: expectedHex } = computeSignature(
    {
      method: request.method,
      rawPath: queryStart < 0 ? request.target : request.target.slice(0, queryStart),
      rawQuery: queryStart < 0 ? '' : request.target.slice(queryStart + 1),
      signedHeaders,
      payloadHash,
    },
    sdkDate,
    secret,
  );
  // Both are 64 ASCII characters: compared in constant time, as text.
  if (!timingSafeEqual(Buffer.from(signature, 'latin1'), Buffer.from(expectedHex, 'latin1'))) {
    return { ok: false, reason: 'the signature does not match' };
  }
  return { ok: true, accessKeyId };
}

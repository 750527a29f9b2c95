// One error type for everything that goes wrong talking to Huawei Cloud, with what a person needs to act on it:
// the HTTP status, the service's error code, its message, and the request id that support asks for.
import * as l10n from '@vscode/l10n';
import { endsMidJson } from '../jsonNesting';

export type ErrorKind =
  /** The server answered with an error status. */
  | 'http'
  /** No answer: connection refused, reset, DNS failure. */
  | 'connection'
  /** No answer within the timeout. */
  | 'timeout'
  /** The caller cancelled. The VS Code layer shows nothing for these. */
  | 'cancelled'
  /** Credentials, endpoints or project could not be resolved; nothing was sent. */
  | 'configuration'
  /** No request can say what was asked (an ID the URL parser would resolve to another path); nothing was sent. */
  | 'invalidRequest'
  /**
   * A success status with an answer that is not what the API returns (not JSON, too large, or without the
   * resource): the request may have been carried out.
   */
  | 'unexpected';

/** What a failed create whose answer was lost turned out to have done (when it was created, no error is thrown). */
export type ChangeOutcome = 'notCreated' | 'unknown';

export interface HuaweiCloudErrorDetails {
  readonly kind: ErrorKind;
  readonly status?: number | undefined;
  readonly code?: string | undefined;
  readonly serverMessage?: string | undefined;
  readonly requestId?: string | undefined;
  readonly method?: string | undefined;
  /** Without the query string. */
  readonly url?: string | undefined;
  /** For a create or an update whose answer was lost: what became of it, as far as can be told afterwards. */
  readonly changeOutcome?: ChangeOutcome | undefined;
  /** Whether the request certainly never reached the server (connection refused), so repeating it is safe. */
  readonly notSent?: boolean | undefined;
  /**
   * Whether an earlier attempt of the same request got no usable answer (none, or a 5xx) and so may have been
   * carried out: whatever the last attempt met (a 409, a 404, a refused connection) is no proof that nothing was done.
   */
  readonly earlierAttemptMayHaveActed?: boolean | undefined;
  /** From a Retry-After response header, in milliseconds. */
  readonly retryAfterMs?: number | undefined;
  readonly cause?: unknown;
}

/**
 * What to do about the error codes people meet most; the server's own text is kept beside it. Functions, so that
 * each is translated when an error is made (after the VS Code layer has configured the display language).
 */
const HINTS: Readonly<Record<string, () => string>> = {
  'APIGW.0301': () => l10n.t("the signature was rejected — check the SK and the machine's clock"),
  'APIGW.0101': () => l10n.t('this endpoint has no such API — check the region and the huaweicloud.endpoints setting'),
  'APIGW.0308': () => l10n.t('too many requests: the API gateway is throttling this account — wait a few seconds'),
  'ModelArts.50004000': () => l10n.t('the request was refused as invalid'),
  'ModelArts.50025001': () => l10n.t('the network does not exist'),
  'VPC.9901': () => l10n.t('the address group is invalid (an ip_set entry or a field is wrong or duplicated)'),
  'VPC.9904': () => l10n.t('the address group does not exist'),
  'VPC.9905': () => l10n.t('the quota is exhausted (address groups per account, or entries per group)'),
  'VPC.9907': () =>
    l10n.t('the address group is used by a security-group or network ACL rule — force delete removes those rules too'),
};

const STATUS_HINTS: Readonly<Record<number, () => string>> = {
  400: () => l10n.t('the request was refused as invalid'),
  401: () => l10n.t('authentication failed — check the AK/SK and the machine clock'),
  403: () => l10n.t('permission denied — check the IAM permissions of the user'),
  404: () => l10n.t('not found'),
  409: () => l10n.t('conflict with the current state of the resource'),
  429: () => l10n.t('too many requests — wait a few seconds'),
  500: () => l10n.t('internal error on the server'),
  502: () => l10n.t('bad gateway'),
  503: () => l10n.t('the service is unavailable'),
  504: () => l10n.t('the gateway timed out'),
};

function describe(details: HuaweiCloudErrorDetails, summary: string): string {
  const parts = [summary];
  if (details.serverMessage && !summary.includes(details.serverMessage)) parts.push(`(${details.serverMessage})`);
  if (details.method && details.url) {
    parts.push(`[${details.method} ${details.url}${details.status ? ` → ${details.status}` : ''}]`);
  }
  if (details.requestId) parts.push(l10n.t('request id {0}', details.requestId));
  return parts.join(' ');
}

export class HuaweiCloudError extends Error {
  /** The message without its context (server text, request, request id). */
  readonly summary: string;
  readonly kind: ErrorKind;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly serverMessage: string | undefined;
  readonly requestId: string | undefined;
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly changeOutcome: ChangeOutcome | undefined;
  readonly notSent: boolean;
  readonly earlierAttemptMayHaveActed: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(summary: string, details: HuaweiCloudErrorDetails) {
    super(describe(details, summary), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'HuaweiCloudError';
    this.summary = summary;
    this.kind = details.kind;
    this.status = details.status;
    this.code = details.code;
    this.serverMessage = details.serverMessage;
    this.requestId = details.requestId;
    this.method = details.method;
    this.url = details.url;
    this.changeOutcome = details.changeOutcome;
    this.notSent = details.notSent ?? false;
    this.earlierAttemptMayHaveActed = details.earlierAttemptMayHaveActed ?? false;
    this.retryAfterMs = details.retryAfterMs;
  }

  /** A copy that says what became of a create or an update whose answer was lost. */
  withChangeOutcome(outcome: ChangeOutcome, summary: string): HuaweiCloudError {
    return new HuaweiCloudError(summary, { ...this, changeOutcome: outcome, cause: this });
  }

  /** A copy that says an earlier attempt of the same request may have been carried out (see `earlierAttemptMayHaveActed`). */
  afterAttemptThatMayHaveActed(): HuaweiCloudError {
    return new HuaweiCloudError(this.summary, { ...this, earlierAttemptMayHaveActed: true, cause: this.cause });
  }
}

/**
 * Whether the service answered that the resource does not exist (404) — not the API gateway's 404 for a path that
 * is no API (`APIGW.0101`, a wrong endpoint), which says nothing of any resource.
 */
export function saysResourceIsGone(error: unknown): error is HuaweiCloudError {
  return (
    error instanceof HuaweiCloudError &&
    error.kind === 'http' &&
    error.status === 404 &&
    !(error.code ?? '').startsWith('APIGW.')
  );
}

export interface ParsedErrorBody {
  code?: string;
  message?: string;
  requestId?: string;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A field of an error body as short plain text: markup in it is reduced, and a huge one is cut. */
function asText(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const text = plainText(value, 300);
  return text === '' ? undefined : text;
}

/**
 * A proxy's HTML page (or any markup) as one short line: its <title> when it has one, else its first line of text.
 * Plain text is only squeezed. Never raw tags.
 */
export function plainText(body: string, max = 160): string {
  const squeeze = (text: string) =>
    text
      .replace(/&nbsp;/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim();
  let text: string;
  if (/<[a-z!/?]/i.test(body)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(body)?.[1];
    const withoutMarkup = body
      .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, '\n')
      // Inline tags join words; every other tag ends a line.
      .replace(/<\/?(a|abbr|b|code|em|font|i|kbd|small|span|strong|sub|sup|u)\b[^>]*>/gi, ' ')
      .replace(/<[^>]*>?/g, '\n');
    const firstLine =
      withoutMarkup
        .split('\n')
        .map(squeeze)
        .find((line) => line !== '') ?? '';
    text = squeeze((title ?? '').replace(/<[^>]*>?/g, ' ')) || firstLine;
    // What is left must hold no tag, not even a cut one.
    text = text.replace(/[<>]/g, '');
  } else {
    text = squeeze(body);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Reads an error body in any of the three shapes Huawei Cloud uses — `{error_code, error_msg}`, `{code, message}`,
 * `{error: {code, message}}` — or, when it is no JSON at all (a proxy's HTML page), a short plain-text excerpt;
 * JSON cut short is said to be so. Never throws.
 */
export function parseErrorBody(text: string): ParsedErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    if (endsMidJson(text)) return { message: l10n.t('its body was cut short') };
    const excerpt = plainText(text);
    return excerpt ? { message: excerpt } : {};
  }
  const body = asRecord(json);
  if (!body) return {};
  const requestId = asText(body.request_id);
  const nested = asRecord(body.error);
  const code = asText(body.error_code) ?? asText(body.code) ?? asText(nested?.code);
  const message = asText(body.error_msg) ?? asText(body.message) ?? asText(nested?.message);
  return {
    ...(code ? { code } : {}),
    ...(message ? { message } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

/** The error for an HTTP error response. `headerRequestId` is the `X-Request-Id` response header. */
export function errorFromResponse(options: {
  status: number;
  bodyText: string;
  headerRequestId?: string | undefined;
  method: string;
  url: string;
  retryAfterMs?: number | undefined;
}): HuaweiCloudError {
  const parsed = parseErrorBody(options.bodyText);
  // Own properties only: a code such as "constructor" from the server must not find Object.prototype's.
  const hint =
    (parsed.code && Object.hasOwn(HINTS, parsed.code) ? HINTS[parsed.code]?.() : undefined) ??
    (Object.hasOwn(STATUS_HINTS, options.status) ? STATUS_HINTS[options.status]?.() : undefined) ??
    `HTTP ${options.status}`;
  const summary = parsed.code ? `${parsed.code}: ${hint}` : `HTTP ${options.status}: ${hint}`;
  const looksLikeHtml = /^\s*</.test(options.bodyText);
  return new HuaweiCloudError(summary, {
    kind: 'http',
    status: options.status,
    code: parsed.code,
    serverMessage:
      looksLikeHtml && parsed.message
        ? l10n.t('the server answered with a web page, not the API: "{0}"', parsed.message)
        : parsed.message,
    requestId: options.headerRequestId ?? parsed.requestId,
    method: options.method,
    url: options.url,
    retryAfterMs: options.retryAfterMs,
  });
}

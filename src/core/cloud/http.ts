// Signed JSON requests to Huawei Cloud over ofetch, with a timeout and cancellation on every call and retries
// only where repeating is safe. ofetch's own retry is off: it would repeat GETs on 409/429 and never honour the
// rules below.
import * as l10n from '@vscode/l10n';
import { ofetch } from 'ofetch';
import { errorFromResponse, HuaweiCloudError, plainText } from './errors';
import { abortableSleep } from './abort';
import { endsMidJson } from '../jsonNesting';
import { REDACTED, Redactor } from './redaction';
import { buildQuery, type QueryValue, signRequest, type SigningKey } from './signer';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  readonly method: HttpMethod;
  /** Service base URL, such as https://vpc.cn-north-4.myhuaweicloud.com (no trailing slash needed). */
  readonly baseUrl: string;
  /** Path with its segments already encoded (`buildPath`). */
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** Serialized with JSON.stringify; the exact string is what is signed and sent. */
  readonly body?: unknown;
  /** Default `application/json` when there is a body. */
  readonly contentType?: string;
  /** Sent (and signed) as X-Project-Id. */
  readonly projectId?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Per attempt; default from the client options. */
  readonly timeoutMs?: number | undefined;
  /**
   * Whether repeating the request is harmless; by default true for GET, PUT and DELETE. Others (POST, PATCH) are
   * repeated only when they certainly never reached the service: connection refused, or throttled by the gateway.
   */
  readonly idempotent?: boolean;
}

const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'PUT', 'DELETE']);

export interface HttpResponse<T> {
  readonly status: number;
  readonly body: T;
  readonly requestId: string | undefined;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** No retry starts later than this after the first attempt. */
  readonly maxElapsedMs: number;
  /** First backoff; doubled on each retry, with full jitter, up to maxDelayMs. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, maxElapsedMs: 30_000, baseDelayMs: 500, maxDelayMs: 8_000 };
/** Per attempt: shorter than the retry budget, so that a read that timed out can still be tried again. */
export const DEFAULT_TIMEOUT_MS = 15_000;
/**
 * Far above the largest answer of these APIs (a page of 2,000 address groups of 20 entries is about 2 MB) and far
 * below what would hurt the extension host.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** One line per request and retry, without headers or bodies: nothing secret ever reaches it. */
export type RequestLog = (line: string) => void;

export interface HttpClientOptions {
  /** Called for every attempt, so that rotated or re-entered credentials are picked up. */
  readonly signingKey: () => Promise<SigningKey>;
  readonly retry?: RetryPolicy;
  readonly timeoutMs?: number;
  readonly userAgent?: string;
  readonly log?: RequestLog;
  /** Injectable for tests. */
  readonly now?: () => Date;
  readonly random?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Largest answer read, in decoded bytes; default `DEFAULT_MAX_RESPONSE_BYTES`. */
  readonly maxResponseBytes?: number;
}

/** Seconds or an HTTP date, as milliseconds from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}

/** Exponential backoff with full jitter: a random delay in [0, min(max, base·2^retry)]. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  return Math.round(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry));
}

/** Error codes of connection failures that happen before any byte of the request is sent. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * The innermost cause of a failed fetch (`connect ECONNREFUSED …`, `other side closed`), reduced to name, code
 * and message. ofetch's own error carries the request — its headers with the signature and any security token,
 * and the URL with its query — so it is never kept, shown or logged; and since a library may quote a header value
 * in its message (undici does, for an invalid one), every value sent is cut out of the message as well.
 */
function rootCause(error: unknown, sentValues: Redactor): { name: string; code?: string; message: string } {
  let innermost = error;
  let code: string | undefined;
  for (let depth = 0; depth < 6; depth++) {
    const candidate = innermost as { code?: unknown; cause?: unknown } | undefined;
    if (typeof candidate?.code === 'string') code = candidate.code;
    if (!candidate?.cause) break;
    innermost = candidate.cause;
  }
  const name = innermost instanceof Error ? innermost.name : 'Error';
  const message = withoutQuotedHeaders(
    sentValues.redact(innermost instanceof Error ? innermost.message : String(innermost)),
  );
  return code ? { name, code, message } : { name, message };
}

/**
 * An error's text without any quoted header value: a library or a proxy may quote one escaped or cut, where no
 * redaction of the whole value can find it, so any text in quotes after "header" is dropped. (Never applied to an
 * answer that is read as JSON: it would cut through its strings.)
 */
function withoutQuotedHeaders(text: string): string {
  return text.replace(/(header[^"]*)"[^"]*"/gi, `$1"${REDACTED}"`);
}

/**
 * Throttling and server errors only. Never a 401: five signature failures in a row lock the AK for five minutes.
 */
function isRetryableStatus(status: number, code: string | undefined): boolean {
  return status === 429 || code === 'APIGW.0308' || status >= 500;
}

/** Whether a failed attempt may be repeated for this request. */
function mayRetry(request: HttpRequest, error: HuaweiCloudError): boolean {
  if (error.kind === 'cancelled' || error.kind === 'configuration') return false;
  // Throttled by the gateway, or never sent: the service did not act on it, whatever the method.
  if (error.status === 429 || error.code === 'APIGW.0308' || error.notSent) return true;
  if (!(request.idempotent ?? IDEMPOTENT_METHODS.has(request.method))) return false;
  return (
    error.kind === 'connection' ||
    error.kind === 'timeout' ||
    (error.status !== undefined && isRetryableStatus(error.status, error.code))
  );
}

export class HttpClient {
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly maxResponseBytes: number;

  constructor(private readonly options: HttpClientOptions) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? abortableSleep;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  async send<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    const started = Date.now();
    // Whether an earlier attempt may have been acted on (no answer, or a 5xx): a cancellation while waiting to retry
    // is then no proof that nothing happened.
    let mayHaveActed = false;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt<T>(request);
      } catch (thrown) {
        const error = thrown as HuaweiCloudError;
        // What the last attempt met is no proof that nothing happened when an earlier one may have been acted on:
        // a PUT answered 500 and repeated may meet its own change (409 UPDATING), a DELETE its own deletion (404).
        const final = mayHaveActed ? error.afterAttemptThatMayHaveActed() : error;
        mayHaveActed ||= !error.notSent && (error.kind !== 'http' || (error.status ?? 0) >= 500);
        const elapsed = Date.now() - started;
        if (attempt >= this.retry.maxAttempts || !mayRetry(request, error)) throw final;
        const delay = Math.max(error.retryAfterMs ?? 0, backoffDelay(attempt - 1, this.retry, this.random));
        if (elapsed + delay > this.retry.maxElapsedMs) throw final;
        this.options.log?.(
          `retrying in ${delay} ms (attempt ${attempt + 1} of ${this.retry.maxAttempts}): ${error.message}`,
        );
        try {
          await this.sleep(delay, request.signal);
        } catch {
          throw cancelled(request, !mayHaveActed);
        }
      }
    }
  }

  private async attempt<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    if (request.signal?.aborted) throw cancelled(request);
    const query = request.query ? buildQuery(request.query) : '';
    const base = request.baseUrl.replace(/\/+$/, '');
    const url = `${base}${request.path}${query ? `?${query}` : ''}`;
    const displayUrl = `${base}${request.path}`;
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = request.contentType ?? 'application/json';
    if (request.projectId) headers['X-Project-Id'] = request.projectId;
    if (this.options.userAgent) headers['User-Agent'] = this.options.userAgent;

    let key: SigningKey;
    try {
      key = await this.options.signingKey();
    } catch (error) {
      if (error instanceof HuaweiCloudError) throw error;
      throw new HuaweiCloudError(
        l10n.t('could not read the credentials: {0}', rootCause(error, new Redactor([])).message),
        {
          kind: 'configuration',
          notSent: true,
        },
      );
    }
    let signed: Record<string, string>;
    try {
      signed = signRequest({ method: request.method, url, headers, body }, key, this.now());
    } catch (error) {
      const secrets = new Redactor([key.accessKeyId, key.secretAccessKey, key.securityToken, query]);
      throw new HuaweiCloudError(l10n.t('cannot build the request: {0}', rootCause(error, secrets).message), {
        kind: 'configuration',
        method: request.method,
        url: displayUrl,
        notSent: true,
      });
    }
    const secretValues = [
      signed.Authorization,
      /Signature=([0-9a-f]+)/.exec(signed.Authorization ?? '')?.[1],
      key.securityToken,
      key.accessKeyId,
      key.secretAccessKey,
    ];
    // Every value that went out in a header or the query: none may ride along in an error a library threw.
    const sentValues = new Redactor([...Object.values(signed), ...secretValues, query]);
    // What no answer may carry any further, in any encoding (a proxy's debug page may echo the request's headers;
    // a hostile server may put them anywhere): cut out of the headers shown and the body before anything reads them.
    const secrets = new Redactor(secretValues);

    const timeout = AbortSignal.timeout(request.timeoutMs ?? this.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const started = Date.now();
    // Whether the answer's headers had arrived when it failed: a time-out then means the body stopped coming.
    let answered = false;
    try {
      const response = await ofetch.raw<ReadableStream<Uint8Array> | undefined, 'stream'>(url, {
        method: request.method,
        headers: signed,
        ...(body === undefined ? {} : { body }),
        signal,
        retry: false,
        // Huawei Cloud's APIs never redirect. Following one would send the signed headers (security token, project
        // ID) and a PUT or PATCH body to whatever host Location names, even over plain http.
        redirect: 'manual',
        responseType: 'stream',
        ignoreResponseError: true,
      });
      answered = true;
      const requestIdHeader = response.headers.get('x-request-id');
      const requestId = requestIdHeader === null ? undefined : secrets.redact(requestIdHeader);
      const context = { method: request.method, url: displayUrl, status: response.status, requestId };
      if (response.status >= 300 && response.status < 400) {
        await response._data?.cancel().catch(() => undefined);
        this.options.log?.(`${request.method} ${displayUrl} → ${response.status} redirect refused`);
        // The URL parser writes a host in lower case: a secret is looked for in it in lower case too.
        const target = new Redactor(secretValues.map((value) => value?.toLowerCase())).redact(
          secrets.redact(redirectTarget(response.headers.get('location'), url)),
        );
        throw new HuaweiCloudError(
          l10n.t(
            "HTTP {0}: the server answered with a redirect{1}, and Huawei Cloud's APIs never redirect: nothing was sent there — check the endpoint",
            response.status,
            target,
          ),
          {
            kind: 'http',
            ...context,
          },
        );
      }
      const announced = Number(response.headers.get('content-length') ?? Number.NaN);
      const text = secrets.redact(
        await readBounded(
          response._data,
          this.maxResponseBytes,
          context,
          signal,
          Number.isSafeInteger(announced) ? announced : undefined,
        ),
      );
      this.options.log?.(
        `${request.method} ${displayUrl} → ${response.status} in ${Date.now() - started} ms${requestId ? ` (request id ${requestId})` : ''}`,
      );
      if (response.status >= 400) {
        throw errorFromResponse({
          status: response.status,
          bodyText: withoutQuotedHeaders(text),
          headerRequestId: requestId,
          method: request.method,
          url: displayUrl,
          retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), this.now()),
        });
      }
      return {
        status: response.status,
        body: parseJsonBody<T>(text, {
          ...context,
          contentType: secrets.redact(response.headers.get('content-type') ?? ''),
        }),
        requestId,
      };
    } catch (error) {
      if (error instanceof HuaweiCloudError) throw error;
      // Cancelled while the request was on its way: the service may have acted on it.
      if (request.signal?.aborted) throw cancelled(request, false);
      const cause = rootCause(error, sentValues);
      const context = { method: request.method, url: displayUrl, cause };
      if (timeout.aborted) {
        this.options.log?.(`${request.method} ${displayUrl} timed out after ${Date.now() - started} ms`);
        const limit = formatDuration(request.timeoutMs ?? this.timeoutMs);
        throw new HuaweiCloudError(
          answered
            ? l10n.t('the answer stopped arriving: not complete within {0}', limit)
            : l10n.t('no answer within {0}', limit),
          { kind: 'timeout', ...context },
        );
      }
      // fetch reports every network failure as TypeError('fetch failed') with the reason as its cause; any other
      // error was thrown while the request was being built (an invalid header value), before anything was sent.
      if (!isFetchFailure(error)) {
        throw new HuaweiCloudError(l10n.t('cannot build the request: {0}', cause.message), {
          kind: 'configuration',
          notSent: true,
          ...context,
        });
      }
      const notSent = cause.code !== undefined && NOT_SENT_CODES.has(cause.code);
      this.options.log?.(`${request.method} ${displayUrl} failed: ${cause.code ?? cause.message}`);
      throw new HuaweiCloudError(
        cause.code
          ? l10n.t('connection failed ({0}): {1}', cause.code, cause.message)
          : l10n.t('connection failed: {0}', cause.message),
        {
          kind: 'connection',
          notSent,
          ...context,
        },
      );
    }
  }
}

/** " to host" for a redirect's Location: the host only, never a path or query that could carry something. */
function redirectTarget(location: string | null, requestUrl: string): string {
  if (!location) return '';
  try {
    const target = new URL(location, requestUrl);
    return ` to ${target.protocol}//${target.host}`;
  } catch {
    return ' to an unreadable location';
  }
}

/** Whether `error` (as ofetch passes it on) is fetch's own network failure rather than a request it refused to build. */
function isFetchFailure(error: unknown): boolean {
  let current = error;
  for (let depth = 0; depth < 6 && current instanceof Error; depth++) {
    if (current instanceof TypeError && current.message === 'fetch failed') return true;
    if (current.name === 'AbortError' || current.name === 'TimeoutError') return true;
    current = current.cause;
  }
  return false;
}

/**
 * Reads a response body as text, decoded bytes counted as they arrive (fetch has already inflated gzip): past
 * `limit` the stream is cancelled and an error says so, so a huge answer or a compression bomb never holds more
 * than `limit` bytes in memory. A connection that closes before the answer is whole is a network failure after the
 * request was sent (the service may have acted on it), never one "before sending".
 */
async function readBounded(
  stream: ReadableStream<Uint8Array> | undefined,
  limit: number,
  context: { method: string; url: string; status: number; requestId: string | undefined },
  signal: AbortSignal,
  announced: number | undefined,
): Promise<string> {
  if (!stream) return '';
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let chunk: Awaited<ReturnType<typeof reader.read>>;
    try {
      chunk = await reader.read();
    } catch (error) {
      // A time-out or a cancellation: the caller says which.
      if (signal.aborted) throw error;
      const received =
        announced !== undefined && announced > total
          ? `${total} of the ${announced} bytes the answer announced`
          : `${total} bytes of the answer`;
      throw new HuaweiCloudError(l10n.t('the connection closed after {0}: it arrived incomplete', received), {
        kind: 'connection',
        ...context,
        cause: { name: 'IncompleteAnswer', message: `closed after ${received}` },
      });
    }
    const { done, value } = chunk;
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new HuaweiCloudError(
        l10n.t(
          'the answer is larger than {0}; reading stopped there (no answer of these APIs comes near it)',
          formatBytes(limit),
        ),
        {
          kind: 'unexpected',
          ...context,
        },
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** `15 s`; under a second (tests' time-outs), `150 ms`. */
function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/** `notSent`: whether the request certainly never left (cancelled before it was sent, or while waiting to retry after attempts that were all refused unread). */
function cancelled(request: HttpRequest, notSent = true): HuaweiCloudError {
  return new HuaweiCloudError(l10n.t('cancelled'), {
    kind: 'cancelled',
    notSent,
    method: request.method,
    url: `${request.baseUrl}${request.path}`,
  });
}

/**
 * The JSON of a successful answer. Anything else (HTML from a proxy or a sign-in portal, JSON cut short) is an
 * "unexpected answer" that says which: the request may well have been carried out, so callers that create must
 * find out rather than assume not. What the answer held is shown only as a short excerpt (`text` is already
 * without secrets).
 */
function parseJsonBody<T>(
  text: string,
  context: { method: string; url: string; status: number; requestId: string | undefined; contentType: string },
): T {
  if (text.trim() === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    const { contentType, ...where } = context;
    const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    let summary = `HTTP ${context.status}: unexpected answer, not JSON${mediaType && mediaType !== 'application/json' ? ` (${mediaType})` : ''}`;
    let excerpt = plainText(withoutQuotedHeaders(text));
    if (mediaType === 'text/html' || /^\s*</.test(text)) {
      summary = `HTTP ${context.status}: unexpected answer, a web page (${mediaType || 'markup'}) instead of the API's JSON`;
    } else if (endsMidJson(text)) {
      summary = `HTTP ${context.status}: unexpected answer, its JSON stops unfinished after ${Buffer.byteLength(text)} bytes (cut short on the way)`;
      excerpt = '';
    }
    throw new HuaweiCloudError(summary, {
      kind: 'unexpected',
      ...where,
      ...(excerpt ? { serverMessage: excerpt } : {}),
    });
  }
}

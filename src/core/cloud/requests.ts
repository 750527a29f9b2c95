// What the typed APIs share: per-call options, the result of a create, and the rule for a lost answer.
import * as l10n from '@vscode/l10n';
import { HuaweiCloudError, saysResourceIsGone } from './errors';
import { type HttpClient, type HttpRequest, type HttpResponse } from './http';
import { abortableSleep } from './abort';

export interface RequestOptions {
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
}

/** What an update answered: the resource as it now is, and the request id support asks for. */
export interface Updated<T> {
  readonly resource: T;
  readonly requestId: string | undefined;
}

export interface CreateResult<T> {
  readonly resource: T;
  readonly requestId: string | undefined;
  /** The create's answer was lost, and the resource was found afterwards. */
  readonly recoveredAfterLostAnswer: boolean;
}

/**
 * What of a name existed before a create was sent (the IDs of the resources of that name): after a lost answer,
 * only a resource that is not among them can be the one this create made. A caller that has just listed them
 * (to ask the user before making another of the same name) passes them in; otherwise the create looks first.
 */
export interface ExistingBefore {
  readonly ids: ReadonlySet<string>;
}

export interface CreateOptions extends RequestOptions {
  readonly existingBefore?: ExistingBefore | undefined;
}

/**
 * Whether a failed create or update may nevertheless have been carried out: the request may have reached the
 * service (it was not refused before sending, nor throttled at the gateway, nor cancelled before it left) and no
 * definite refusal (4xx) came back — or an earlier attempt of it got no usable answer, whatever the last one met.
 * A redirect counts as no answer: a 303 after a POST may well mean "created".
 */
export function isAmbiguous(error: unknown): error is HuaweiCloudError {
  if (!(error instanceof HuaweiCloudError)) return false;
  if (error.earlierAttemptMayHaveActed) return true;
  if (error.notSent) return false;
  if (
    error.kind === 'connection' ||
    error.kind === 'timeout' ||
    error.kind === 'cancelled' ||
    error.kind === 'unexpected'
  ) {
    return true;
  }
  return error.kind === 'http' && error.status !== undefined && (error.status >= 500 || error.status < 400);
}

/** How long, and how often, to look at a resource until something is seen (a lost create's resource, a group no longer UPDATING). */
export interface LookWindow {
  /** No look starts later than this after the first. */
  readonly windowMs: number;
  /** Pause before the second look; doubled after each look, up to `maxDelayMs`. The first look is at once. */
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  /** Injectable for tests. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly now?: () => number;
}

/** How long, and how often, to look for a resource whose create lost its answer. */
export interface LostCreateSearch extends LookWindow {
  /** A create cancelled after it was sent gets one look, this long at most; default `CANCELLED_CREATE_LOOK_MS`. */
  readonly cancelledLookMs?: number;
}

/**
 * About a minute: a service that accepted the request may take a while to show the resource in its lists, and
 * "not found yet" is not "not created".
 */
export const DEFAULT_LOST_CREATE_SEARCH: LostCreateSearch = {
  windowMs: 60_000,
  firstDelayMs: 2_000,
  maxDelayMs: 15_000,
};
/** A create cancelled after it was sent gets one look, this long at most: the user asked to stop. */
export const CANCELLED_CREATE_LOOK_MS = 10_000;

/** One look for the resource of a lost create: it, not yet there, or something that makes it undecidable. */
export type LostCreateLook<T> = { found: T } | { notYet: true; lookalike?: boolean } | { undecidable: string };

/** A definite refusal or a request that never left: nothing was created, and the error says so. */
export function notCreated(error: unknown, what: string): unknown {
  if (!(error instanceof HuaweiCloudError) || error.kind === 'cancelled' || isAmbiguous(error)) return error;
  const refused: HuaweiCloudError = error;
  return refused.withChangeOutcome('notCreated', l10n.t('{0} was not created: {1}', what, refused.summary));
}

/**
 * After a create whose answer was lost: looks for the resource with backoff over `search.windowMs` (cancellable
 * through `signal`). Resolves with it when found; otherwise throws with `changeOutcome` 'unknown' — never
 * 'notCreated': not finding it within the window does not prove the service will not create it.
 */
export async function recoverLostCreate<T>(
  error: HuaweiCloudError,
  what: string,
  search: LostCreateSearch,
  signal: AbortSignal | undefined,
  look: (signal: AbortSignal | undefined) => Promise<LostCreateLook<T>>,
): Promise<CreateResult<T>> {
  const unknown = (why: string) =>
    error.withChangeOutcome(
      'unknown',
      l10n.t(
        'the answer to creating {0} was lost ({1}), and {2}: look for it before trying again',
        what,
        error.summary,
        why,
      ),
    );
  const recovered = (resource: T): CreateResult<T> => ({
    resource,
    requestId: error.requestId,
    recoveredAfterLostAnswer: true,
  });

  // Cancelled after it was sent: the user asked to stop, so one short look tells what became of it, no more.
  if (error.kind === 'cancelled') {
    const result = await look(AbortSignal.timeout(search.cancelledLookMs ?? CANCELLED_CREATE_LOOK_MS)).catch(
      () => undefined,
    );
    if (result && 'found' in result) return recovered(result.found);
    throw unknown('it was cancelled after it was sent');
  }

  const now = search.now ?? Date.now;
  const sleep = search.sleep ?? abortableSleep;
  const deadline = now() + search.windowMs;
  let delay = search.firstDelayMs;
  let lastProblem = 'it did not appear';
  for (;;) {
    let result: LostCreateLook<T> | undefined;
    try {
      result = await look(signal);
    } catch (lookError) {
      if (signal?.aborted) throw unknown('looking for it was cancelled');
      // Never repeat a rejected signature: five in a row lock the access key.
      if (lookError instanceof HuaweiCloudError && (lookError.status === 401 || lookError.kind === 'configuration')) {
        throw unknown(`looking for it failed (${lookError.summary})`);
      }
      lastProblem = `looking for it failed (${lookError instanceof HuaweiCloudError ? lookError.summary : 'error'})`;
    }
    if (result && 'found' in result) return recovered(result.found);
    if (result && 'undecidable' in result) throw unknown(result.undecidable);
    if (result && 'lookalike' in result && result.lookalike) {
      lastProblem = 'only a new one of that name that does not match what was sent appeared';
    } else if (result) lastProblem = 'it did not appear';
    if (now() + delay > deadline) {
      throw unknown(
        `${lastProblem} within ${search.windowMs < 1000 ? `${search.windowMs} ms` : `${Math.round(search.windowMs / 1000)} s`}`,
      );
    }
    try {
      await sleep(delay, signal);
    } catch {
      throw unknown('looking for it was cancelled');
    }
    delay = Math.min(delay * 2, search.maxDelayMs);
  }
}

/**
 * An entry of a page read by a `browsePage` call: a resource, or an item that is not one, kept raw in its place,
 * so that one bad item does not hide a whole page from a person browsing it. (A wrapper, not a flag on the item:
 * nothing a server sends can pass for the other case.)
 */
export type BrowseEntry<T> =
  | { readonly ok: true; readonly resource: T }
  | {
      readonly ok: false;
      /** Its position in the page as received. */
      readonly index: number;
      readonly raw: unknown;
      /** What is wrong with it, for people. */
      readonly problem: string;
    };

/** Pages followed at most by one walk through a list: far beyond any real list, short of forever. */
export const MAX_PAGES = 1_000;

/**
 * Every item of a paged list: `fetchPage` gets the previous page's cursor (none for the first). A server that
 * repeats a cursor, or goes on past `maxPages`, is not followed forever.
 */
export async function* allPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; cursor?: string | undefined }>,
  maxPages = MAX_PAGES,
): AsyncGenerator<T> {
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let pages = 0; ; pages++) {
    if (pages >= maxPages) {
      throw new HuaweiCloudError(l10n.t('the list goes on past {0} pages: stopped there', maxPages), {
        kind: 'unexpected',
      });
    }
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.cursor;
    if (!cursor) return;
    if (seen.has(cursor)) {
      throw new HuaweiCloudError(l10n.t('the server gave the same page cursor twice: stopped rather than loop'), {
        kind: 'unexpected',
      });
    }
    seen.add(cursor);
  }
}

/** A document may carry `$schema` for the editor; the API must not receive it. */
export function withoutSchemaKey<T extends object>(document: T): Omit<T, '$schema'> {
  const { $schema: _schema, ...body } = document as T & { $schema?: unknown };
  return body;
}

export interface ApiOptions {
  /** How long a create whose answer was lost is looked for; default `DEFAULT_LOST_CREATE_SEARCH`. */
  readonly lostCreateSearch?: LostCreateSearch;
}

/** The per-service APIs: every call goes to the service's endpoint and carries the project ID. */
export abstract class ProjectScopedApi {
  protected readonly lostCreateSearch: LostCreateSearch;

  constructor(
    protected readonly http: HttpClient,
    protected readonly endpoint: string,
    readonly projectId: string,
    options: ApiOptions = {},
  ) {
    this.lostCreateSearch = options.lostCreateSearch ?? DEFAULT_LOST_CREATE_SEARCH;
  }

  protected send<T>(
    request: Omit<HttpRequest, 'baseUrl' | 'projectId'>,
    options: RequestOptions,
  ): Promise<HttpResponse<T>> {
    return this.http.send<T>({ ...request, ...options, baseUrl: this.endpoint, projectId: this.projectId });
  }

  /**
   * A DELETE for which the service's 404 means done: already (`alreadyGone`), or by an earlier attempt of this very
   * DELETE whose answer was lost. The gateway's 404 (a wrong endpoint) is the error it is.
   */
  protected async deleteAt<T>(path: string, options: RequestOptions): Promise<{ alreadyGone: boolean; body?: T }> {
    try {
      const { body } = await this.send<T>({ method: 'DELETE', path }, options);
      return body === undefined ? { alreadyGone: false } : { alreadyGone: false, body };
    } catch (error) {
      if (saysResourceIsGone(error)) return { alreadyGone: !error.earlierAttemptMayHaveActed };
      throw error;
    }
  }
}

// What the typed APIs share: per-call options, the result of a create, and the rule for a lost answer.
import { HuaweiCloudError } from './errors';
import type { HttpClient, HttpRequest, HttpResponse } from './http';

/** How far the service's clock may be from ours (the signature tolerates 15 minutes). */
export const CLOCK_TOLERANCE_MS = 15 * 60 * 1000;

export interface RequestOptions {
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
}

export interface CreateResult<T> {
  readonly resource: T;
  readonly requestId: string | undefined;
  /** The create's answer was lost, and the resource was found afterwards. */
  readonly recoveredAfterLostAnswer: boolean;
}

/**
 * Whether a failed create may nevertheless have created the resource: the request may have reached the service
 * (it was not refused before sending, nor throttled at the gateway, nor cancelled before it left) and no
 * definite refusal (4xx) came back.
 */
export function isAmbiguous(error: unknown): error is HuaweiCloudError {
  if (!(error instanceof HuaweiCloudError) || error.notSent) return false;
  if (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'cancelled') return true;
  return error.kind === 'http' && error.status !== undefined && (error.status >= 500 || error.status < 400);
}

/** What a search after a lost create found: the resource, or nothing (and whether something similar exists). */
export type LostCreateSearch<T> = { found: T } | { lookalike: boolean };

/**
 * After a create whose answer was lost: the resource, if `find` shows it was created; otherwise an error whose
 * `createOutcome` says whether trying again is safe ('notCreated') or not known ('unknown').
 */
export async function recoverLostCreate<T>(
  error: HuaweiCloudError,
  what: string,
  find: () => Promise<LostCreateSearch<T>>,
): Promise<CreateResult<T>> {
  const unknown = (why: string) => error.withCreateOutcome('unknown', `the answer to creating ${what} was lost (${error.summary}), and ${why}: look at it before trying again`);
  // Cancelled after it was sent: the user asked to stop, so nothing more is sent; what became of it is not known.
  if (error.kind === 'cancelled') throw unknown('it was cancelled after it was sent');
  let result: LostCreateSearch<T>;
  try {
    result = await find();
  } catch {
    throw unknown('checking whether it exists failed too');
  }
  if ('found' in result) return { resource: result.found, requestId: error.requestId, recoveredAfterLostAnswer: true };
  if (result.lookalike) throw unknown('one of that name exists, but it does not match what was sent');
  throw error.withCreateOutcome('notCreated', `${what} was not created (${error.summary}); it is safe to try again`);
}

/** Every item of a paged list: `fetchPage` gets the previous page's cursor (none for the first). */
export async function* allPages<T>(fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; cursor?: string | undefined }>): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.cursor;
  } while (cursor);
}

/** A document may carry `$schema` for the editor; the API must not receive it. */
export function withoutSchemaKey<T extends object>(document: T): Omit<T, '$schema'> {
  const { $schema: _schema, ...body } = document as T & { $schema?: unknown };
  return body;
}

/** The per-service APIs: every call goes to the service's endpoint and carries the project ID. */
export abstract class ProjectScopedApi {
  constructor(
    protected readonly http: HttpClient,
    protected readonly endpoint: string,
    readonly projectId: string,
  ) {}

  protected send<T>(request: Omit<HttpRequest, 'baseUrl' | 'projectId'>, options: RequestOptions): Promise<HttpResponse<T>> {
    return this.http.send<T>({ ...request, ...options, baseUrl: this.endpoint, projectId: this.projectId });
  }

  /** A DELETE for which 404 means done already. */
  protected async deleteAt<T>(path: string, options: RequestOptions): Promise<{ alreadyGone: boolean; body?: T }> {
    try {
      const { body } = await this.send<T>({ method: 'DELETE', path }, options);
      return body === undefined ? { alreadyGone: false } : { alreadyGone: false, body };
    } catch (error) {
      if (error instanceof HuaweiCloudError && error.status === 404) return { alreadyGone: true };
      throw error;
    }
  }
}

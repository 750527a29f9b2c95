// What the typed APIs share: per-call options, the result of a create, and the rule for a lost answer.
import { HuaweiCloudError } from './errors';

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
 * (it was not refused before sending, nor throttled at the gateway) and no definite refusal (4xx) came back.
 */
export function isAmbiguous(error: unknown): error is HuaweiCloudError {
  if (!(error instanceof HuaweiCloudError) || error.notSent) return false;
  if (error.kind === 'network' || error.kind === 'timeout') return true;
  return error.kind === 'http' && error.status !== undefined && (error.status >= 500 || error.status < 400);
}

/** A document may carry `$schema` for the editor; the API must not receive it. */
export function withoutSchemaKey<T extends object>(document: T): Omit<T, '$schema'> {
  const { $schema: _schema, ...body } = document as T & { $schema?: unknown };
  return body;
}

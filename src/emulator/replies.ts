// Helpers every part of the emulator answers with: the services' error bodies, and reading what a request holds
// without ever throwing (a client error is never a 500).
import { checkDocument, type Finding } from '../core/documents/checks';
import type { Kind } from '../core/kinds';
import type { Reply, Service } from './route';

/** Error bodies in the shape each service uses. */
export function errorReply(service: Service, status: number, code: string, message: string, requestId: string): Reply {
  switch (service) {
    case 'vpc':
      return { status, body: { code, message, request_id: requestId } };
    case 'iam':
      return { status, body: { error: { code, message, title: message } } };
    default:
      return { status, body: { error_code: code, error_msg: message, request_id: requestId } };
  }
}

/**
 * The code a service answers a body it refuses: ModelArts has one for every bad request; the address-group pages
 * give VPC.9901 (and the extension's client reads it as "the address group is invalid").
 */
export const refusedBodyCode = (service: Service) => (service === 'vpc' ? 'VPC.9901' : 'ModelArts.50004000');

/** A document the checker refuses, in the service's words: its first three errors, and how many more. */
export function invalidDocument(service: 'modelarts' | 'vpc', errors: Finding[], requestId: string): Reply {
  const message = `${errors
    .map((f) => f.message)
    .slice(0, 3)
    .join(' ')}${errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''}`;
  return errorReply(service, 400, refusedBodyCode(service), message, requestId);
}

/** The media type of a Content-Type header, without its parameters, in lowercase (media types ignore case). */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

export function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

export const firstErrors = (findings: Finding[]) => findings.filter((f) => f.severity === 'error');

export const REPEATED_KEY_RULE = 'json.duplicate-key';

/**
 * A key given twice in one object of a request's JSON (the document checker's finding): JSON.parse would keep the
 * last one silently, while whoever wrote the request (and the editor) reads the first. Found in the raw text.
 */
export function repeatedKey(text: string, kind: Kind): Finding | undefined {
  return checkDocument(text, { kind }).findings.find((f) => f.rule === REPEATED_KEY_RULE);
}

// Every ID that reaches a URL — a resource's, a project's — goes into the request path as one percent-encoded
// segment. The URL parser resolves the segments "." and ".." (and their %2E spellings: encoding does not help)
// before the request leaves, so `groups.get("..")` would be `GET /v3/{project}/vpc/` and `forceDelete("..")`
// `DELETE /v3/{project}/vpc/force`; an empty one leaves the path a segment short (the list itself, or `//`). Such an
// ID names no resource, wherever it comes from (a list answer, a stored link, a saved operation, a URI, a setting):
// `buildPath` refuses it for every request, and what reads IDs refuses it there, so that it is never kept.
import * as l10n from '@vscode/l10n';
import { HuaweiCloudError } from './errors';

/** Percent-encodes everything but the unreserved characters `A-Za-z0-9-_.~`, as UTF-8, with uppercase hex. */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** What an ID may be, for messages. */
export const USABLE_ID = 'an ID is any other non-empty text (sent percent-encoded)';

/**
 * What makes `id` unusable as a segment of a request path, as the end of a sentence whose subject is the ID;
 * undefined when it can be sent.
 */
export function pathSegmentProblem(id: string): string | undefined {
  if (id === '') return 'is empty: the request path would be a segment short, and reach another resource or the list';
  if (id === '.' || id === '..') {
    return `is a step of a URL path, which the URL parser resolves: the request would reach another path`;
  }
  return undefined;
}

/** Whether `value` is text that can name a resource in a request path. */
export function isUsableId(value: unknown): value is string {
  return typeof value === 'string' && pathSegmentProblem(value) === undefined;
}

/** The refusal of a path segment that cannot be sent: what is wrong, what is allowed, and that nothing was sent. */
export function unusablePathSegment(segment: string, problem: string): HuaweiCloudError {
  return new HuaweiCloudError(
    l10n.t('the ID {0} {1}; {2}. Nothing was sent', JSON.stringify(segment), problem, USABLE_ID),
    {
      kind: 'invalidRequest',
      notSent: true,
    },
  );
}

/**
 * Encodes path segments for the wire exactly as `canonicalUri` will re-encode them. A segment the URL parser would
 * resolve to another path (".", "..") or that would leave it a segment short ("") is refused: see `pathSegmentProblem`.
 */
export function buildPath(...segments: string[]): string {
  return segments
    .map((segment) => {
      const problem = pathSegmentProblem(segment);
      if (problem) throw unusablePathSegment(segment, problem);
      return `/${encodeRfc3986(segment)}`;
    })
    .join('');
}

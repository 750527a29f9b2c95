// The explorer over a real connection: each group's pages from the typed APIs, with the servers' own filters
// (networks: a label selector on the display name and the workspace; address groups: `name`), one request per page.
import type { Connection } from '../api/connection';
import { HuaweiCloudError, saysResourceIsGone } from '../cloud/errors';
import type { BrowseEntry } from '../cloud/requests';
import { type Kind, KINDS, type ResourceOf, type ServiceCalls } from '../kinds';
import type { FetchPage } from './group';
import type { ExplorerConnection } from './model';
import { EXPLORER_KINDS } from './resources';

/**
 * A GET by ID that answers undefined for a resource that does not exist (any more). The gateway's 404 for a path
 * that is no API (a wrong endpoint) is the error it is: the resource must not vanish from the tree for it.
 */
async function orUndefinedWhenGone<T>(get: () => Promise<T>): Promise<T | undefined> {
  try {
    return await get();
  } catch (error) {
    if (saysResourceIsGone(error)) return undefined;
    throw error;
  }
}

/**
 * Tells the log of each item of a page that is shown as malformed rather than as a resource, and why (an item
 * without an ID, or with one no request path can carry): the tree shows it degraded, the log keeps the reason.
 */
function logMalformed(
  what: string,
  entries: readonly BrowseEntry<unknown>[],
  log: ((line: string) => void) | undefined,
): void {
  for (const entry of entries) {
    if (!entry.ok) {
      log?.(
        `The server's list of ${what} held an item (${entry.index + 1} of its page) that is ${entry.problem} — shown as malformed, and nothing is sent for it`,
      );
    }
  }
}

/**
 * Pages of a kind's list, one request each, with the servers' own filter by an exact name (a network's label
 * selector `os.modelarts/name=<name>` and its workspace; a group's `name`).
 */
export function pagesOf<K extends Kind>(
  kind: K,
  services: ServiceCalls<'browsePage', 'browsePage'>,
  log?: (line: string) => void,
): FetchPage<ResourceOf<K>> {
  return async (cursor, query, signal) => {
    // A network's name goes into a selector: one that could add terms to it is refused here too, not only in the
    // input box.
    const problem = query.filter === undefined ? undefined : EXPLORER_KINDS[kind].filterProblem(query.filter);
    if (problem) throw new HuaweiCloudError(problem, { kind: 'configuration', notSent: true });
    const page = await KINDS[kind].list(
      services,
      { limit: query.limit, cursor, name: query.filter, workspaceId: query.workspaceId },
      { signal },
    );
    logMalformed(KINDS[kind].plural, page.entries, log);
    return page;
  };
}

/** A kind's GET by ID, undefined for one that does not exist (any more). */
function getOf<K extends Kind>(
  kind: K,
  services: ServiceCalls<'get', 'get'>,
): (id: string, signal: AbortSignal) => Promise<ResourceOf<K> | undefined> {
  return (id, signal) => orUndefinedWhenGone(() => KINDS[kind].get(services, id, { signal }));
}

/** What the explorer lists over an open connection; `log` is told of every listed item shown as malformed. */
export function explorerConnectionFor(
  connection: Omit<Connection, 'workspaces'>,
  log?: (line: string) => void,
): ExplorerConnection {
  return {
    identity: connection.identity,
    source: connection.credentials.source,
    name: connection.credentials.name,
    origin: connection.credentials.origin,
    region: connection.region,
    projectId: connection.projectId,
    projectIdOrigin: connection.projectIdOrigin,
    fetchPage: { network: pagesOf('network', connection, log), addressGroup: pagesOf('addressGroup', connection, log) },
    getResource: { network: getOf('network', connection), addressGroup: getOf('addressGroup', connection) },
  };
}

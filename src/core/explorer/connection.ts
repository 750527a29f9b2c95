// The explorer over a real connection: each group's pages from the typed APIs, with the servers' own filters
// (networks: a label selector on the display name and the workspace; address groups: `name`), one request per page.
import type { AddressGroup, AddressGroupsApi } from '../api/addressGroups';
import type { Connection } from '../api/connection';
import { HuaweiCloudError, saysResourceIsGone } from '../cloud/errors';
import { NAME_LABEL } from '../api/networkIds';
import type { Network, NetworksApi } from '../api/networks';
import type { BrowseEntry } from '../cloud/requests';
import type { FetchPage } from './group';
import type { ExplorerConnection } from './model';
import { addressGroupFilterProblem, networkFilterProblem } from './resources';

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

/** Pages of networks: `limit`, `continue`, the workspace, and `labelSelector os.modelarts/name=<name>` to filter. */
export function networkPages(api: Pick<NetworksApi, 'browsePage'>, log?: (line: string) => void): FetchPage<Network> {
  return async (cursor, query, signal) => {
    // The name goes into a selector: one that could add terms to it is refused here too, not only in the input box.
    const problem = query.filter === undefined ? undefined : networkFilterProblem(query.filter);
    if (problem) throw new HuaweiCloudError(problem, { kind: 'configuration', notSent: true });
    const page = await api.browsePage(
      {
        limit: query.limit,
        ...(cursor === undefined ? {} : { continueToken: cursor }),
        ...(query.filter === undefined ? {} : { labelSelector: `${NAME_LABEL}=${query.filter}` }),
        ...(query.workspaceId === undefined ? {} : { workspaceId: query.workspaceId }),
      },
      { signal },
    );
    logMalformed('networks', page.entries, log);
    return { entries: page.entries, cursor: page.continueToken };
  };
}

/** Pages of address groups: `limit`, `marker`, and `name` to filter. */
export function addressGroupPages(
  api: Pick<AddressGroupsApi, 'browsePage'>,
  log?: (line: string) => void,
): FetchPage<AddressGroup> {
  return async (cursor, query, signal) => {
    const problem = query.filter === undefined ? undefined : addressGroupFilterProblem(query.filter);
    if (problem) throw new HuaweiCloudError(problem, { kind: 'configuration', notSent: true });
    const page = await api.browsePage(
      {
        limit: query.limit,
        ...(cursor === undefined ? {} : { marker: cursor }),
        ...(query.filter === undefined ? {} : { name: [query.filter] }),
      },
      { signal },
    );
    logMalformed('address groups', page.entries, log);
    return { entries: page.entries, cursor: page.nextMarker };
  };
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
    fetchPage: {
      network: networkPages(connection.networks, log),
      addressGroup: addressGroupPages(connection.addressGroups, log),
    },
    getResource: {
      network: (id, signal) => orUndefinedWhenGone(() => connection.networks.get(id, { signal })),
      addressGroup: (id, signal) => orUndefinedWhenGone(() => connection.addressGroups.get(id, { signal })),
    },
  };
}

// ModelArts networks: /v1/{project_id}/networks. Types cover every field of the reference pages (create, list,
// get, update, delete); the phase strings are open-ended because the service may add phases.
import { unexpectedAnswer } from '../cloud/answers';
import { isString } from '../values';
import { isRecord } from '../values';
import { saysResourceIsGone } from '../cloud/errors';
import type { HttpResponse } from '../cloud/http';
import {
  allPages,
  type CreateOptions,
  type CreateResult,
  type ExistingBefore,
  isAmbiguous,
  notCreated,
  ProjectScopedApi,
  recoverLostCreate,
  type RequestOptions,
  withoutSchemaKey,
} from '../cloud/requests';
import type { BrowseEntry, Updated } from '../cloud/requests';
import { DESCRIPTION_ANNOTATION, NAME_LABEL, networkIdFor, WORKSPACE_LABEL } from './networkIds';
import { pathSegmentProblem } from '../cloud/pathSegments';
import { buildPath } from '../cloud/pathSegments';

export { DESCRIPTION_ANNOTATION, NAME_LABEL, WORKSPACE_LABEL } from './networkIds';

export type NetworkPhase = 'Creating' | 'Active' | 'Abnormal' | '' | (string & {});
export type PeerConnectionPhase = 'Connecting' | 'Active' | 'Abnormal' | (string & {});

export interface PeerConnection {
  peerVpcId: string;
  peerSubnetId: string;
  /** Whether a default route is created; default false. */
  defaultGateWay?: boolean;
}

export interface SfsTurboConnection {
  sfsId: string;
  name: string;
}

export interface NetworkConnection {
  peerConnectionList?: PeerConnection[];
  sfsTurboConnectionList?: SfsTurboConnection[];
}

export interface NetworkSpec {
  cidr: string;
  ipv6enable?: boolean;
  connection?: NetworkConnection;
}

export interface NetworkLabels {
  [NAME_LABEL]: string;
  [WORKSPACE_LABEL]?: string;
}

/** The body of POST /v1/{project_id}/networks: what a `*.network.json` document holds. */
export interface NetworkDocument {
  $schema?: string;
  apiVersion: 'v1';
  kind: 'Network';
  /** `annotations` only in a document linked to a live network: a create body cannot carry them (see checkDocument). */
  metadata: { labels: NetworkLabels; annotations?: { [DESCRIPTION_ANNOTATION]?: string } };
  spec: NetworkSpec;
}

export interface PeerConnectionStatus extends PeerConnection {
  phase?: PeerConnectionPhase;
}

export interface SfsTurboConnectionStatus {
  name?: string;
  sfsId?: string;
  connectionType?: string;
  ipAddr?: string;
  status?: string;
}

export interface NetworkStatus {
  phase?: NetworkPhase;
  connectionStatus?: {
    peerConnectionStatus?: PeerConnectionStatus[];
    sfsTurboStatus?: SfsTurboConnectionStatus[];
  };
}

export interface Network {
  apiVersion: string;
  kind: string;
  metadata: {
    /** The network ID, used in URLs: `{display name}-{project ID}`. */
    name: string;
    creationTimestamp?: string;
    /** Set once a delete was accepted; the network answers GET until it is gone. */
    deletionTimestamp?: string;
    labels: NetworkLabels;
    annotations?: { [DESCRIPTION_ANNOTATION]?: string };
  };
  spec: NetworkSpec;
  status?: NetworkStatus;
}

export interface NetworkList {
  kind: string;
  apiVersion: string;
  metadata?: { continue?: string; remainingItemCount?: number };
  items?: Network[];
}

/** A JSON merge patch (RFC 7396): `null` removes a list. */
export interface NetworkPatch {
  metadata?: {
    annotations?: { [DESCRIPTION_ANNOTATION]?: string | null };
    labels?: { [WORKSPACE_LABEL]?: string };
  };
  spec?: {
    /** Can be switched on, never off. */
    ipv6enable?: boolean;
    connection?: {
      peerConnectionList?: PeerConnection[] | null;
      sfsTurboConnectionList?: SfsTurboConnection[] | null;
    };
  };
}

export interface NetworkListQuery {
  limit?: number;
  continueToken?: string;
  labelSelector?: string;
  workspaceId?: string;
}

export interface NetworkPage {
  items: Network[];
  /** Absent on the last page. */
  continueToken?: string;
  remainingItemCount?: number;
}

/** A page as `browsePage` reads it: networks, and malformed items in their places. */
export interface NetworkBrowsePage {
  entries: BrowseEntry<Network>[];
  /** Absent on the last page. */
  continueToken?: string;
  requestId?: string;
}

/**
 * What keeps `value` from being a network this client can work with, for people; undefined when it is one. Its ID
 * (metadata.name) must be one a request path can carry: a network "named" ".." would be the path's parent.
 */
function networkProblem(value: unknown): string | undefined {
  const shaped =
    isRecord(value) &&
    isRecord(value.metadata) &&
    isString(value.metadata.name) &&
    (value.metadata.labels === undefined || isRecord(value.metadata.labels)) &&
    isRecord(value.spec) &&
    isString(value.spec.cidr) &&
    (value.status === undefined || value.status === null || isRecord(value.status));
  if (!shaped) return 'it has no metadata.name or spec.cidr';
  const name = (value.metadata as { name: string }).name;
  const idProblem = pathSegmentProblem(name);
  return idProblem && `its metadata.name ${JSON.stringify(name)} ${idProblem}`;
}

function isNetwork(value: unknown): value is Network {
  return networkProblem(value) === undefined;
}

/** The network an answer holds, checked. */
function networkOf(response: HttpResponse<unknown>): Network {
  const problem = networkProblem(response.body);
  if (problem) {
    throw unexpectedAnswer(
      response,
      isRecord(response.body) && isRecord(response.body.metadata)
        ? `the network in it is not one: ${problem}`
        : 'no network (metadata.name and spec.cidr) in it',
    );
  }
  return response.body as Network;
}

/** Pages of a label-filtered list read when looking a network up by its display name. */
const MAX_PAGES_OF_A_NAME = 20;

export class NetworksApi extends ProjectScopedApi {
  /** The ID a network of this display name gets in this project. */
  derivedId(displayName: string): string {
    return networkIdFor(displayName, this.projectId);
  }

  private path(...rest: string[]): string {
    return buildPath('v1', this.projectId, 'networks', ...rest);
  }

  /**
   * Creates a network from a document sent as written (without `$schema`). When the answer is lost (timeout,
   * reset, 5xx, an unreadable 2xx), looks for a network of that name that did not exist before the request — see
   * `recoverLostCreate`. A definite refusal throws with `changeOutcome` 'notCreated'.
   */
  async create(document: NetworkDocument, options: CreateOptions = {}): Promise<CreateResult<Network>> {
    const body = withoutSchemaKey(document);
    const name = document.metadata.labels[NAME_LABEL];
    const what = `network ${name}`;
    let before: ExistingBefore;
    try {
      before = options.existingBefore ?? {
        ids: new Set(await this.findByDisplayName(name, options).then((found) => (found ? [found.metadata.name] : []))),
      };
    } catch (error) {
      throw notCreated(error, what);
    }
    try {
      const response = await this.send<unknown>({ method: 'POST', path: this.path(), body }, options);
      return { resource: networkOf(response), requestId: response.requestId, recoveredAfterLostAnswer: false };
    } catch (error) {
      if (!isAmbiguous(error)) throw notCreated(error, what);
      return recoverLostCreate(error, what, this.lostCreateSearch, options.signal, async (signal) => {
        const found = await this.findByDisplayName(name, { signal });
        if (!found) return { notYet: true };
        // One name, one network: one that existed before the request, or holds another CIDR, is not this create's.
        if (before.ids.has(found.metadata.name)) {
          return { undecidable: 'a network of that name existed before the request' };
        }
        return found.spec.cidr === document.spec.cidr
          ? { found }
          : { undecidable: `a new network of that name holds another CIDR (${found.spec.cidr})` };
      });
    }
  }

  /** A list answer whose envelope was checked: its `items`, not yet each item. */
  private async listAnswer(query: NetworkListQuery, options: RequestOptions) {
    const response = await this.send<unknown>(
      {
        method: 'GET',
        path: this.path(),
        query: {
          limit: query.limit,
          continue: query.continueToken,
          labelSelector: query.labelSelector,
          workspaceId: query.workspaceId,
        },
      },
      options,
    );
    const body = response.body;
    if (!isRecord(body) || !Array.isArray(body.items)) throw unexpectedAnswer(response, 'no items list in it');
    return { response, body, items: body.items as unknown[] };
  }

  async listPage(query: NetworkListQuery = {}, options: RequestOptions = {}): Promise<NetworkPage> {
    const { response, body, items: listed } = await this.listAnswer(query, options);
    const malformed = listed.findIndex((item) => !isNetwork(item));
    if (malformed >= 0) {
      throw unexpectedAnswer(
        response,
        `items[${malformed}] is not a network: ${networkProblem(listed[malformed]) ?? ''}`,
      );
    }
    const items = listed as Network[];
    const metadata = isRecord(body.metadata) ? body.metadata : {};
    // The last page has an empty continue token, or no items.
    const page: NetworkPage = { items };
    if (isString(metadata.continue) && metadata.continue !== '' && items.length > 0) {
      page.continueToken = metadata.continue;
    }
    if (typeof metadata.remainingItemCount === 'number') page.remainingItemCount = metadata.remainingItemCount;
    return page;
  }

  /**
   * One page for a person browsing it (the explorer): like `listPage`, but an item that is not a network is kept,
   * raw, in its place rather than failing the page. The answer as a whole is checked as strictly.
   */
  async browsePage(query: NetworkListQuery = {}, options: RequestOptions = {}): Promise<NetworkBrowsePage> {
    const { response, body, items: listed } = await this.listAnswer(query, options);
    const entries = listed.map((item: unknown, index): BrowseEntry<Network> => {
      const problem = networkProblem(item);
      return problem === undefined
        ? { ok: true, resource: item as Network }
        : { ok: false, index, raw: item, problem: `not a network: ${problem}` };
    });
    const metadata = isRecord(body.metadata) ? body.metadata : {};
    const page: NetworkBrowsePage = { entries };
    if (isString(metadata.continue) && metadata.continue !== '' && entries.length > 0) {
      page.continueToken = metadata.continue;
    }
    if (response.requestId) page.requestId = response.requestId;
    return page;
  }

  /** Every network, page after page. */
  listAll(
    query: Omit<NetworkListQuery, 'continueToken'> = {},
    options: RequestOptions = {},
    maxPages?: number,
  ): AsyncGenerator<Network> {
    return allPages(async (continueToken) => {
      const page = await this.listPage({ ...query, ...(continueToken ? { continueToken } : {}) }, options);
      return { items: page.items, cursor: page.continueToken };
    }, maxPages);
  }

  async get(networkId: string, options: RequestOptions = {}): Promise<Network> {
    return networkOf(await this.send<unknown>({ method: 'GET', path: this.path(networkId) }, options));
  }

  /**
   * Finds a network by display name: GET of the derived ID first, then (the ID format is documented only by
   * Terraform) the list filtered by the name label, checked here too. Undefined when there is none.
   */
  async findByDisplayName(displayName: string, options: RequestOptions = {}): Promise<Network | undefined> {
    try {
      return await this.get(this.derivedId(displayName), options);
    } catch (error) {
      if (!saysResourceIsGone(error)) throw error;
    }
    for await (const network of this.listAll(
      { labelSelector: `${NAME_LABEL}=${displayName}` },
      options,
      MAX_PAGES_OF_A_NAME,
    )) {
      if (network.metadata.labels?.[NAME_LABEL] === displayName) return network;
    }
    return undefined;
  }

  /** PATCH with a JSON merge patch: 200 and the network as it now is. */
  async update(networkId: string, patch: NetworkPatch, options: RequestOptions = {}): Promise<Updated<Network>> {
    const request = {
      method: 'PATCH',
      path: this.path(networkId),
      body: patch,
      contentType: 'application/merge-patch+json',
    } as const;
    const response = await this.send<unknown>(request, options);
    return { resource: networkOf(response), requestId: response.requestId };
  }

  /** Starts the deletion (it finishes asynchronously: GET turns 404). A network already gone is not an error. */
  async delete(networkId: string, options: RequestOptions = {}): Promise<{ alreadyGone: boolean; network?: Network }> {
    const { alreadyGone, body } = await this.deleteAt<unknown>(this.path(networkId), options);
    // The body only informs: the deletion was accepted whatever it holds.
    return isNetwork(body) ? { alreadyGone, network: body } : { alreadyGone };
  }
}

// ModelArts networks: /v1/{project_id}/networks. Types cover every field of the reference pages (create, list,
// get, update, delete); the phase strings are open-ended because the service may add phases.
import { HuaweiCloudError } from './errors';
import type { HttpClient } from './http';
import { allPages, CLOCK_TOLERANCE_MS, type CreateResult, isAmbiguous, ProjectScopedApi, recoverLostCreate, type RequestOptions, withoutSchemaKey } from './requests';
import { parseTimestamp } from './timestamps';
import { buildPath } from './signer';

export const NAME_LABEL = 'os.modelarts/name';
export const WORKSPACE_LABEL = 'os.modelarts/workspace.id';
export const DESCRIPTION_ANNOTATION = 'os.modelarts/description';

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
  metadata: { labels: NetworkLabels };
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

export class NetworksApi extends ProjectScopedApi {
  constructor(http: HttpClient, endpoint: string, projectId: string, private readonly now: () => Date = () => new Date()) {
    super(http, endpoint, projectId);
  }

  /** The ID a network of this display name gets in this project. */
  derivedId(displayName: string): string {
    return `${displayName}-${this.projectId}`;
  }

  private path(...rest: string[]): string {
    return buildPath('v1', this.projectId, 'networks', ...rest);
  }

  /**
   * Creates a network. When the answer is lost (timeout, reset, 5xx), finds out whether it was created: returns it
   * if so, and otherwise throws with `createOutcome` 'notCreated' (safe to try again) or 'unknown'.
   */
  async create(document: NetworkDocument, options: RequestOptions = {}): Promise<CreateResult<Network>> {
    const body = withoutSchemaKey(document);
    const sentAt = this.now();
    try {
      const response = await this.send<Network>({ method: 'POST', path: this.path(), body }, options);
      return { resource: response.body, requestId: response.requestId, recoveredAfterLostAnswer: false };
    } catch (error) {
      if (!isAmbiguous(error)) throw error;
      const name = document.metadata.labels[NAME_LABEL];
      return recoverLostCreate(error, `network ${name}`, async () => {
        const found = await this.findByDisplayName(name, { signal: options.signal });
        if (!found) return { lookalike: false };
        // Ours only if created since shortly before the request, with the CIDR sent (the name is unique anyway).
        const createdAt = parseTimestamp(found.metadata.creationTimestamp);
        const recent = createdAt === undefined || createdAt.getTime() >= sentAt.getTime() - CLOCK_TOLERANCE_MS;
        return recent && found.spec.cidr === document.spec.cidr ? { found } : { lookalike: true };
      });
    }
  }

  async listPage(query: NetworkListQuery = {}, options: RequestOptions = {}): Promise<NetworkPage> {
    const response = await this.send<NetworkList>({
      method: 'GET', path: this.path(),
      query: { limit: query.limit, continue: query.continueToken, labelSelector: query.labelSelector, workspaceId: query.workspaceId },
    }, options);
    const items = response.body?.items ?? [];
    const next = response.body?.metadata?.continue;
    // The last page has an empty continue token, or no items.
    const page: NetworkPage = { items };
    if (next && items.length > 0) page.continueToken = next;
    const remaining = response.body?.metadata?.remainingItemCount;
    if (typeof remaining === 'number') page.remainingItemCount = remaining;
    return page;
  }

  /** Every network, page after page. */
  listAll(query: Omit<NetworkListQuery, 'continueToken'> = {}, options: RequestOptions = {}): AsyncGenerator<Network> {
    return allPages(async (continueToken) => {
      const page = await this.listPage({ ...query, ...(continueToken ? { continueToken } : {}) }, options);
      return { items: page.items, cursor: page.continueToken };
    });
  }

  async get(networkId: string, options: RequestOptions = {}): Promise<Network> {
    return (await this.send<Network>({ method: 'GET', path: this.path(networkId) }, options)).body;
  }

  /**
   * Finds a network by display name: GET of the derived ID first, then (the ID format is documented only by
   * Terraform) a scan of the list for the name label. Undefined when there is none.
   */
  async findByDisplayName(displayName: string, options: RequestOptions = {}): Promise<Network | undefined> {
    try {
      return await this.get(this.derivedId(displayName), options);
    } catch (error) {
      if (!(error instanceof HuaweiCloudError && error.status === 404)) throw error;
    }
    for await (const network of this.listAll({}, options)) {
      if (network.metadata.labels?.[NAME_LABEL] === displayName) return network;
    }
    return undefined;
  }

  async update(networkId: string, patch: NetworkPatch, options: RequestOptions = {}): Promise<Network> {
    const request = { method: 'PATCH', path: this.path(networkId), body: patch, contentType: 'application/merge-patch+json' } as const;
    return (await this.send<Network>(request, options)).body;
  }

  /** Starts the deletion (it finishes asynchronously: GET turns 404). A network already gone is not an error. */
  async delete(networkId: string, options: RequestOptions = {}): Promise<{ alreadyGone: boolean; network?: Network }> {
    const { alreadyGone, body } = await this.deleteAt<Network>(this.path(networkId), options);
    return body ? { alreadyGone, network: body } : { alreadyGone };
  }
}

// A connection = a credential source + a region + a project, with the typed APIs of both services on it.
import * as l10n from '@vscode/l10n';
import { createHash } from 'node:crypto';
import { untilAborted } from '../cloud/abort';
import { EMULATOR_IDENTITY_PREFIX } from '../cloud/emulatorDefaults';
import { confirmEmulatorIdentity } from '../cloud/emulatorIdentity';
import { HuaweiCloudError } from '../cloud/errors';
import { AddressGroupsApi } from './addressGroups';
import {
  connectionName,
  type Credentials,
  type CredentialEnvironment,
  type CredentialSourceSetting,
  resolveCredentials,
} from '../cloud/credentials';
import { type EndpointOverrides, resolveEndpoints, type Service } from '../cloud/endpoints';
import { HttpClient, type HttpClientOptions } from '../cloud/http';
import { NetworksApi } from './networks';
import { lookupProjectId, type ProjectIdCache } from '../cloud/project';
import type { ApiOptions, RequestOptions } from '../cloud/requests';
import { WorkspacesApi } from './workspaces';

export interface ConnectionSettings {
  readonly region: string;
  /** Empty: from the credentials (environment / SDK file / KooCLI profile), else looked up through IAM. */
  readonly projectId: string;
  readonly endpoints: EndpointOverrides;
  readonly credentialSource: CredentialSourceSetting;
}

export interface Connection {
  readonly region: string;
  readonly projectId: string;
  /** Where the project ID came from, for people. */
  readonly projectIdOrigin: 'setting' | 'credentials' | 'IAM';
  /** Where the keys came from, and what the connection is called by them (`connectionName`): never the keys. */
  readonly credentials: Pick<Credentials, 'source' | 'origin'> & { readonly name: string };
  readonly endpoints: Readonly<Record<Service, string>>;
  /**
   * Which account, region, project and servers this connection reaches, as an opaque key (see `connectionIdentity`):
   * equal for two openings of the same connection, different when any of those changed. The provisioning tracker
   * follows a resource only through a connection of its key.
   */
  readonly identity: string;
  readonly networks: NetworksApi;
  readonly addressGroups: AddressGroupsApi;
  /** ModelArts workspaces (the networks are listed per workspace), on the ModelArts endpoint. */
  readonly workspaces: WorkspacesApi;
}

export interface ConnectionDependencies {
  readonly credentialEnvironment: CredentialEnvironment;
  /** Credentials to use as they are, instead of resolving `settings.credentialSource` (a local emulator's). */
  readonly credentials?: Credentials;
  readonly projectIds: ProjectIdCache;
  readonly http?: Omit<HttpClientOptions, 'signingKey'>;
  readonly api?: ApiOptions;
  readonly projectRegions?: ProjectRegions;
  /**
   * Set for an emulator this extension did not start (`npm start`'s): before anything else is sent, its endpoint
   * must say it is the emulator (`confirmEmulatorIdentity`).
   */
  readonly confirmEmulator?: boolean;
}

/**
 * A project ID that comes with the credentials (environment, SDK file, KooCLI profile) belongs to one region. When
 * the credentials do not name it (a KooCLI profile's `region` does), it is taken to be the first region the ID was
 * used in; in any other region the project is looked up through IAM instead.
 */
export interface ProjectRegions {
  regionOf(projectId: string): string | undefined;
  remember(projectId: string, region: string): void;
}

/**
 * The identity of a connection: credential source, access key ID, region, project and the two services' endpoints
 * (another endpoint is another cloud, or another emulator: the same IDs there name other resources). Not the
 * security token, which is renewed under the same key, nor the SK. Hashed, because it is kept in the workspace
 * state and an access key ID has no business there.
 */
export function connectionIdentity(parts: {
  source: string;
  accessKeyId: string;
  region: string;
  projectId: string;
  endpoints: Pick<Record<Service, string>, 'modelarts' | 'vpc'>;
}): string {
  const material = JSON.stringify([
    parts.source,
    parts.accessKeyId,
    parts.region,
    parts.projectId,
    parts.endpoints.modelarts,
    parts.endpoints.vpc,
  ]);
  const hash = createHash('sha256').update(material).digest('hex').slice(0, 32);
  // A local emulator's connection says so: after a window reload its emulator is gone, and what was followed on it
  // must end without opening another connection (which could mean a signed request to the real cloud).
  return parts.source === 'emulator' ? `${EMULATOR_IDENTITY_PREFIX}${hash}` : hash;
}

/** Resolves credentials, endpoints and the project; the only network call is the IAM lookup, when needed. */
export async function openConnection(
  settings: ConnectionSettings,
  dependencies: ConnectionDependencies,
  options: RequestOptions = {},
): Promise<Connection> {
  const credentials =
    dependencies.credentials ??
    (await resolveCredentials(settings.credentialSource, dependencies.credentialEnvironment));
  const endpoints = resolveEndpoints(settings.region, settings.endpoints, credentials.iamEndpoint);
  const http = new HttpClient({ ...dependencies.http, signingKey: async () => credentials.key });
  if (dependencies.confirmEmulator) await confirmEmulatorIdentity(http, endpoints.vpc, credentials.origin, options);

  let projectId = settings.projectId.trim();
  // It goes into every path and the X-Project-Id header: a hand-edited setting is checked like the credentials' one.
  if (projectId && !/^[A-Za-z0-9_-]{1,64}$/.test(projectId)) {
    throw new HuaweiCloudError(
      l10n.t(
        'huaweicloud.projectId is not a project ID (32 hexadecimal characters on Huawei Cloud): correct it, or empty it to look the project up through IAM',
      ),
      { kind: 'configuration', notSent: true },
    );
  }
  let projectIdOrigin: Connection['projectIdOrigin'] = 'setting';
  const credentialsProject = credentials.projectId;
  // Its region: the one the credentials name (a KooCLI profile's), else the first it was used in, else this one.
  const credentialsProjectFits =
    credentialsProject !== undefined &&
    (credentials.projectRegion ?? dependencies.projectRegions?.regionOf(credentialsProject) ?? settings.region) ===
      settings.region;
  if (!projectId && credentialsProject !== undefined && credentialsProjectFits) {
    projectId = credentialsProject;
    projectIdOrigin = 'credentials';
    dependencies.projectRegions?.remember(credentialsProject, settings.region);
  } else if (!projectId) {
    // One lookup serves every caller waiting for it, so it runs with its own timeout, and each caller stops
    // waiting when its own signal says so.
    const lookup = dependencies.projectIds.get(
      { iamEndpoint: endpoints.iam, accessKeyId: credentials.key.accessKeyId, region: settings.region },
      () => lookupProjectId(http, endpoints.iam, settings.region, { timeoutMs: options.timeoutMs }),
    );
    projectId = await untilAborted(lookup, options.signal);
    projectIdOrigin = 'IAM';
  }

  return {
    region: settings.region,
    projectId,
    projectIdOrigin,
    credentials: { source: credentials.source, origin: credentials.origin, name: connectionName(credentials) },
    endpoints,
    identity: connectionIdentity({
      source: credentials.source,
      accessKeyId: credentials.key.accessKeyId,
      region: settings.region,
      projectId,
      endpoints,
    }),
    networks: new NetworksApi(http, endpoints.modelarts, projectId, dependencies.api),
    addressGroups: new AddressGroupsApi(http, endpoints.vpc, projectId, dependencies.api),
    workspaces: new WorkspacesApi(http, endpoints.modelarts, projectId, dependencies.api),
  };
}

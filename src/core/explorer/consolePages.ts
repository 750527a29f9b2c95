// Open in Console: where Huawei Cloud's web console shows a resource of the explorer, one entry per kind. Pure: the
// VS Code layer opens the address this returns, or says why there is none.
//
// The addresses are the ones Huawei Cloud's own user guides link to (the console is a single-page app: the page is
// in the fragment, the region in the query). Neither guide gives an address for one network or one address group,
// so Open in Console opens the nearest page it documents and says where the resource is from there:
// - VPC: the IP address group list, linked by "Managing IP Address Groups" as
//   https://console.huaweicloud.com/vpc/?locale=zh-cn#/vpc/ipGroups/list (its "create" page is #/vpc/ipGroups/create);
// - ModelArts: no address of its network list is documented (the user guide says "Dedicated Resource Pools >
//   Elastic Cluster > Network"): the ModelArts console of the region, https://console.huaweicloud.com/modelarts/?region=….
import { shownValue } from '../display';
import { defaultEndpoint, type Service } from '../cloud/endpoints';
import { type Kind, KINDS } from '../kinds';
import { REGION_PATTERN } from '../cloud/regions';

/** Huawei Cloud's management console. */
export const CONSOLE_ORIGIN = 'https://console.huaweicloud.com';

/** What a console page shows of the resource: itself, the list of its kind, or only its service. */
export type ConsoleScope = 'resource' | 'list' | 'service';

interface ConsoleEntry {
  /** The service whose public endpoint a connection must use for its console to be Huawei Cloud's. */
  readonly service: Service;
  /** The page, for a region ID that passed REGION_PATTERN (encoded all the same). */
  readonly page: (region: string) => string;
  readonly scope: ConsoleScope;
  /** What the page is, for people ("it opens on …"). */
  readonly pageName: string;
  /** Where the resource is from that page, for people; undefined when it is on the page itself. */
  readonly findIt: string | undefined;
}

/** One entry per kind: the only place that knows the console's addresses. */
export const CONSOLE_PAGES: Readonly<Record<Kind, ConsoleEntry>> = {
  network: {
    service: 'modelarts',
    page: (region) => `${CONSOLE_ORIGIN}/modelarts/?region=${encodeURIComponent(region)}`,
    scope: 'service',
    pageName: 'ModelArts',
    findIt: 'under Dedicated Resource Pools › Elastic Cluster › Network',
  },
  addressGroup: {
    service: 'vpc',
    page: (region) => `${CONSOLE_ORIGIN}/vpc/?region=${encodeURIComponent(region)}#/vpc/ipGroups/list`,
    scope: 'list',
    pageName: 'the IP address group list',
    findIt: undefined,
  },
};

/** The connection as far as the console is concerned. */
export interface ConsoleConnection {
  readonly region: string;
  /** The credential source: `emulator` for a local emulator. */
  readonly source: string;
  readonly endpoints: Readonly<Record<Service, string>>;
}

/** The resource to show: its ID and the name people know it by. */
export interface ConsoleResource {
  readonly id: string;
  readonly name: string;
}

export type ConsolePage =
  /** `note` says what the page shows when it is not the resource itself (shown escaped). */
  | { readonly ok: true; readonly url: string; readonly scope: ConsoleScope; readonly note: string | undefined }
  /** No console to open: why, for people (shown escaped). */
  | { readonly ok: false; readonly reason: 'emulator' | 'customEndpoint' | 'region'; readonly message: string };

/** The console page of a resource on a connection, or why there is none (the emulator, another cloud's endpoint). */
export function consolePage(kind: Kind, resource: ConsoleResource, connection: ConsoleConnection): ConsolePage {
  const entry = CONSOLE_PAGES[kind];
  const { noun, serviceName } = KINDS[kind];
  const what = `${noun} ${shownValue(resource.name)}${resource.name === resource.id ? '' : ` (${shownValue(resource.id)})`}`;
  if (connection.source === 'emulator') {
    return {
      ok: false,
      reason: 'emulator',
      message: `The local emulator has no web console, so nothing was opened: Open in Console shows resources in Huawei Cloud's console. Stop the emulator and connect to your account to open ${what} there.`,
    };
  }
  const { region } = connection;
  if (!REGION_PATTERN.test(region)) {
    return {
      ok: false,
      reason: 'region',
      message: `The region "${shownValue(region)}" is not a Huawei Cloud region ID, so no console page was opened.`,
    };
  }
  // Another endpoint is another cloud (a private region, a Huawei-stack cloud) or a proxy: its console is not Huawei
  // Cloud's public one, whose page would show another account's resources, or none.
  const endpoint = connection.endpoints[entry.service];
  if (endpoint.replace(/\/+$/, '').toLowerCase() !== defaultEndpoint(entry.service, region)) {
    return {
      ok: false,
      reason: 'customEndpoint',
      message: `This connection reaches ${serviceName} at ${shownValue(endpoint)} (huaweicloud.endpoints), not at Huawei Cloud's public endpoint for ${shownValue(region)}: that cloud's console is not known, so nothing was opened. Look for ${what} in its own console.`,
    };
  }
  const url = entry.page(region);
  if (entry.scope === 'resource') return { ok: true, url, scope: entry.scope, note: undefined };
  const where =
    entry.findIt === undefined
      ? `Look for ${what} there.`
      : `${what.charAt(0).toUpperCase()}${what.slice(1)} is ${entry.findIt}.`;
  return {
    ok: true,
    url,
    scope: entry.scope,
    note: `The ${serviceName} console has no address for one ${noun}: it opens on ${entry.pageName} in ${region}. ${where}`,
  };
}

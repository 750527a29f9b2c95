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
import * as l10n from '@vscode/l10n';
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
  /** What the page is, for people ("it opens on …"); a function, translated when read. */
  readonly pageName: () => string;
  /**
   * Where the resource is from that page, for people, as a sentence about `what` (the resource, capitalized);
   * undefined when it is on the page itself.
   */
  readonly findIt: ((what: string) => string) | undefined;
}

/** One entry per kind: the only place that knows the console's addresses. */
export const CONSOLE_PAGES: Readonly<Record<Kind, ConsoleEntry>> = {
  network: {
    service: 'modelarts',
    page: (region) => `${CONSOLE_ORIGIN}/modelarts/?region=${encodeURIComponent(region)}`,
    scope: 'service',
    pageName: () => 'ModelArts',
    findIt: (what) => l10n.t('{0} is under Dedicated Resource Pools › Elastic Cluster › Network.', what),
  },
  addressGroup: {
    service: 'vpc',
    page: (region) => `${CONSOLE_ORIGIN}/vpc/?region=${encodeURIComponent(region)}#/vpc/ipGroups/list`,
    scope: 'list',
    pageName: () => l10n.t('the IP address group list'),
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
  const what =
    resource.name === resource.id
      ? l10n.t('{0} {1}', noun, shownValue(resource.name))
      : l10n.t('{0} {1} ({2})', noun, shownValue(resource.name), shownValue(resource.id));
  if (connection.source === 'emulator') {
    return {
      ok: false,
      reason: 'emulator',
      message: l10n.t(
        "The local emulator has no web console, so nothing was opened: Open in Console shows resources in Huawei Cloud's console. Stop the emulator and connect to your account to open {0} there.",
        what,
      ),
    };
  }
  const { region } = connection;
  if (!REGION_PATTERN.test(region)) {
    return {
      ok: false,
      reason: 'region',
      message: l10n.t(
        'The region "{0}" is not a Huawei Cloud region ID, so no console page was opened.',
        shownValue(region),
      ),
    };
  }
  // Another endpoint is another cloud (a private region, a Huawei-stack cloud) or a proxy: its console is not Huawei
  // Cloud's public one, whose page would show another account's resources, or none.
  const endpoint = connection.endpoints[entry.service];
  if (endpoint.replace(/\/+$/, '').toLowerCase() !== defaultEndpoint(entry.service, region)) {
    return {
      ok: false,
      reason: 'customEndpoint',
      message: l10n.t(
        "This connection reaches {0} at {1} (huaweicloud.endpoints), not at Huawei Cloud's public endpoint for {2}: that cloud's console is not known, so nothing was opened. Look for {3} in its own console.",
        serviceName,
        shownValue(endpoint),
        shownValue(region),
        what,
      ),
    };
  }
  const url = entry.page(region);
  if (entry.scope === 'resource') return { ok: true, url, scope: entry.scope, note: undefined };
  // Capitalized for English, where `what` starts the sentence (scripts without case are left as they are).
  const where =
    entry.findIt === undefined
      ? l10n.t('Look for {0} there.', what)
      : entry.findIt(`${what.charAt(0).toUpperCase()}${what.slice(1)}`);
  return {
    ok: true,
    url,
    scope: entry.scope,
    note: l10n.t(
      'The {0} console has no address for one {1}: it opens on {2} in {3}. {4}',
      serviceName,
      noun,
      entry.pageName(),
      region,
      where,
    ),
  };
}

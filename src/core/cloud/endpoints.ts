// Where each service of a region answers, and which URLs may receive signed requests.
import * as l10n from '@vscode/l10n';
import { HuaweiCloudError } from './errors';

export type Service = 'modelarts' | 'vpc' | 'iam';
export const SERVICES: readonly Service[] = ['modelarts', 'vpc', 'iam'];

export type EndpointOverrides = Readonly<Partial<Record<Service, string>>>;

/** Region IDs as Huawei Cloud writes them: cn-north-4, ap-southeast-1, la-north-2, … */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** The public endpoint of a service in a region. */
export function defaultEndpoint(service: Service, region: string): string {
  // ModelArts in ap-southeast-1 is the one endpoint on the .cn domain.
  if (service === 'modelarts' && region === 'ap-southeast-1') {
    return 'https://modelarts.ap-southeast-1.myhuaweicloud.cn';
  }
  return `https://${service}.${region}.myhuaweicloud.com`;
}

/**
 * Whether the hostname of a parsed URL is a loopback address. The URL parser has already normalized it: every
 * IPv4 spelling (0x7f.1, 2130706433) becomes dotted decimal, and IPv6 is compressed in brackets.
 */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * Checks a base URL that signed requests will go to: http(s) only, and https unless the host is a loopback
 * address (a local emulator). Returns it without a trailing slash.
 */
export function validateEndpoint(url: string, origin: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new HuaweiCloudError(l10n.t('{0}: "{1}" is not a URL; write it as https://host[:port]', origin, url), {
      kind: 'configuration',
    });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new HuaweiCloudError(l10n.t('{0}: "{1}" must use https', origin, url), { kind: 'configuration' });
  }
  if (parsed.protocol === 'http:' && !isLoopback(parsed.hostname)) {
    throw new HuaweiCloudError(
      l10n.t(
        '{0}: "{1}" must use https; plain http is allowed only for loopback addresses (127.0.0.1, ::1, localhost)',
        origin,
        url,
      ),
      { kind: 'configuration' },
    );
  }
  if (parsed.search || parsed.hash || parsed.username || parsed.password) {
    throw new HuaweiCloudError(
      l10n.t('{0}: "{1}" must be a base URL, without query, fragment or user info', origin, url),
      {
        kind: 'configuration',
      },
    );
  }
  return parsed.href.replace(/\/+$/, '');
}

export function validateRegion(region: string): string {
  if (!REGION.test(region)) {
    throw new HuaweiCloudError(
      l10n.t('the region "{0}" is not a Huawei Cloud region ID; write it like cn-north-4 or ap-southeast-1', region),
      { kind: 'configuration' },
    );
  }
  return region;
}

/**
 * The base URL of each service: the `huaweicloud.endpoints` setting first, then (IAM only) the IAM endpoint of
 * the credentials (HUAWEICLOUD_SDK_IAM_ENDPOINT or the SDK file's iam_endpoint), then the region's public one.
 */
export function resolveEndpoints(
  region: string,
  overrides: EndpointOverrides,
  iamFromCredentials?: string,
): Record<Service, string> {
  validateRegion(region);
  const resolved = {} as Record<Service, string>;
  for (const service of SERVICES) {
    const override = overrides[service];
    if (override) resolved[service] = validateEndpoint(override, `huaweicloud.endpoints.${service}`);
    else if (service === 'iam' && iamFromCredentials) {
      resolved[service] = validateEndpoint(iamFromCredentials, 'the IAM endpoint of the credentials');
    } else resolved[service] = defaultEndpoint(service, region);
  }
  return resolved;
}

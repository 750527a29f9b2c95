// The project ID of a region: configured, or looked up once through IAM and remembered.
import * as l10n from '@vscode/l10n';
import { unexpectedAnswer } from './answers';
import { isString } from '../values';
import { isRecord } from '../values';
import { HuaweiCloudError } from './errors';
import type { HttpClient } from './http';
import type { RequestOptions } from './requests';

interface IamProject {
  id: string;
  name: string;
  domain_id?: string;
  enabled?: boolean;
}

/**
 * `GET {iam}/v3/projects?name={region}`, signed without X-Project-Id. Exactly one project of that name must come
 * back; none or several is an error that says what to do. A project is never created.
 */
export async function lookupProjectId(
  http: HttpClient,
  iamEndpoint: string,
  region: string,
  options: RequestOptions = {},
): Promise<string> {
  const response = await http.send<unknown>({
    method: 'GET',
    baseUrl: iamEndpoint,
    path: '/v3/projects',
    query: { name: region },
    ...options,
  });
  const projects = isRecord(response.body) ? response.body.projects : undefined;
  // The ID goes into every URL and the X-Project-Id header: it must look like one.
  const wellFormed = (project: unknown): project is IamProject =>
    isRecord(project) && isString(project.name) && isString(project.id) && /^[A-Za-z0-9_-]{1,64}$/.test(project.id);
  if (!Array.isArray(projects) || !projects.every(wellFormed)) {
    throw unexpectedAnswer(response, 'no list of projects, each with a name and an ID, in it');
  }
  // Filter again: a gateway that ignores the query would return every project.
  const matches = projects.filter((project) => project.name === region);
  if (matches.length === 1 && matches[0]) return matches[0].id;
  const where = {
    kind: 'configuration' as const,
    requestId: response.requestId,
    method: 'GET',
    url: `${iamEndpoint}/v3/projects`,
  };
  if (matches.length === 0) {
    throw new HuaweiCloudError(
      l10n.t(
        'IAM has no project named "{0}" for these credentials: check huaweicloud.region, or set huaweicloud.projectId',
        region,
      ),
      where,
    );
  }
  throw new HuaweiCloudError(
    l10n.t(
      'IAM has {0} projects named "{1}" ({2}): set huaweicloud.projectId to one of them',
      matches.length,
      region,
      matches.map((p) => p.id).join(', '),
    ),
    where,
  );
}

/** Remembers looked-up project IDs per IAM endpoint, access key and region, for the life of the extension. */
export class ProjectIdCache {
  private readonly ids = new Map<string, Promise<string>>();

  get(
    key: { iamEndpoint: string; accessKeyId: string; region: string },
    lookup: () => Promise<string>,
  ): Promise<string> {
    const id = `${key.iamEndpoint}|${key.accessKeyId}|${key.region}`;
    let pending = this.ids.get(id);
    if (!pending) {
      pending = lookup();
      this.ids.set(id, pending);
      // A failed lookup is not remembered: the next call tries again.
      pending.catch(() => this.ids.delete(id));
    }
    return pending;
  }

  clear(): void {
    this.ids.clear();
  }
}

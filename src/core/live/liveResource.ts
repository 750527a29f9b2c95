// What is read of a live resource to name it to people: its ID, its display name, and the phase a report names.
// Core's, so that Apply's plan (applyPlan.ts) and the VS Code layer read them alike.
import { shownValue } from '../display';
import type { TrackedResource } from '../provisioning/phases';
import type { LiveResource } from './liveDocuments';

/** The ID of a live resource: a network's `metadata.name`, a group's `id`. */
export const resourceId = (resource: LiveResource): string =>
  resource.kind === 'network' ? resource.network.metadata.name : resource.group.id;

/** Its display name: a network's name label, a group's name; its ID when the service sent no text for it. */
export function resourceName(resource: LiveResource): string {
  const name: unknown =
    resource.kind === 'network' ? resource.network.metadata.labels?.['os.modelarts/name'] : resource.group.name;
  return typeof name === 'string' ? name : resourceId(resource);
}

/** The phase or status a live resource reports, shown escaped: a network's "" (just created) is Creating, a group without one NORMAL. */
export function reportedPhase(resource: LiveResource): string {
  const phase: unknown = resource.kind === 'network' ? resource.network.status?.phase : resource.group.status;
  if (typeof phase === 'string' && phase !== '') return shownValue(phase);
  return resource.kind === 'network' ? 'Creating' : 'NORMAL';
}

const VALUE: {
  readonly [K in LiveResource['kind']]: (resource: Extract<LiveResource, { kind: K }>) => TrackedResource;
} = { network: (resource) => resource.network, addressGroup: (resource) => resource.group };

function valueOf<K extends LiveResource['kind']>(
  kind: K,
  resource: Extract<LiveResource, { kind: K }>,
): TrackedResource {
  return VALUE[kind](resource);
}

/** The resource as the service answered it, without its tag (what the phases read). */
export const resourceValue = (resource: LiveResource): TrackedResource => valueOf(resource.kind, resource);

// The rules for a ModelArts network's ID and display name, and the labels it keeps them in, shared by the API client,
// the editor's hovers and fixes, the explorer and live documents (none of which need the client for them).
// Terraform's docs give the format `{name}-{project_id}` (the seed example: network-7a03 → network-7a03-86c13962…).

/** The label that holds a network's display name. */
export const NAME_LABEL = 'os.modelarts/name';
/** The label of the ModelArts workspace a network is in (none: the default workspace, `0`). */
export const WORKSPACE_LABEL = 'os.modelarts/workspace.id';
/** The annotation that holds a network's description (only an update sets it). */
export const DESCRIPTION_ANNOTATION = 'os.modelarts/description';

/** The ID (`metadata.name`) a network of this display name gets in this project. */
export function networkIdFor(displayName: string, projectId: string): string {
  return `${displayName}-${projectId}`;
}

/**
 * A network name the pattern accepts, as close to the one written as can be: lowercase, each run of other
 * characters a hyphen, a letter first, at most 32 characters, no trailing hyphen, and at least 4 (a short name gets
 * `-net`; nothing left gives `network`).
 */
export function correctedNetworkName(name: string): string {
  let corrected = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 32)
    .replace(/-+$/, '');
  if (corrected === '') corrected = 'network';
  else if (corrected.length < 4) corrected = `${corrected}-net`;
  return corrected;
}

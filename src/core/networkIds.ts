// The one rule for a ModelArts network's ID, shared by the API client and the editor's hovers. Terraform's docs
// give the format `{name}-{project_id}` (the seed example: network-7a03 → network-7a03-86c13962…).

/** The label that holds a network's display name. */
export const NAME_LABEL = 'os.modelarts/name';

/** The ID (`metadata.name`) a network of this display name gets in this project. */
export function networkIdFor(displayName: string, projectId: string): string {
  return `${displayName}-${projectId}`;
}

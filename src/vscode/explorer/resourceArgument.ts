// What a tree command is given: the explorer passes its node, which carries the resource. Shared by the tree's
// commands and Edit as Document, so that no command module imports another.
import { isKind, KINDS, type LiveResource, tagged } from '../../core/kinds';

/**
 * The resource a tree command was run on: the explorer passes its node, which is the live resource
 * (`{ kind, resource }`) with the node's own fields; a caller may pass a live resource. Only a resource with an ID is
 * one.
 */
export function asLiveResource(arg: unknown): LiveResource | undefined {
  const { kind, resource } = (typeof arg === 'object' && arg !== null ? arg : {}) as {
    kind?: unknown;
    resource?: unknown;
  };
  if (!isKind(kind) || KINDS[kind].idIn(resource) === undefined) return undefined;
  // The ID is there: the shape the explorer and the commands checked when they read it.
  return tagged(kind, resource as LiveResource['resource']);
}

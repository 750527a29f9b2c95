// What a tree command is given: the explorer passes its node, which carries the resource. Shared by the tree's
// commands and Edit as Document, so that no command module imports another.
import type { LiveResource } from '../../core/live/liveDocuments';

/** The resource a tree command was run on, or undefined when it was given anything else. */
export function asLiveResource(arg: unknown): LiveResource | undefined {
  const node = arg as
    { kind?: unknown; network?: { metadata?: { name?: unknown } }; group?: { id?: unknown } } | undefined;
  if (node?.kind === 'network' && typeof node.network?.metadata?.name === 'string') return node as LiveResource;
  if (node?.kind === 'addressGroup' && typeof node.group?.id === 'string') return node as LiveResource;
  return undefined;
}

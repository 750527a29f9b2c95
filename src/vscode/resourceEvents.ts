import * as vscode from 'vscode';
import type { Kind, LiveResource } from '../core/kinds';

export type { LiveResource } from '../core/kinds';
/** A live resource's ID and its name as people know it: the kinds' table reads them. */
export { idOf as resourceId, nameOf as resourceName } from '../core/kinds';

/**
 * What a command did to a resource (created, updated, being deleted, deleted), told to whoever shows or follows resources (the explorer, the provisioning
 * tracker), so that commands need not know them and neither is loaded for a command that does not need it.
 */
export type ResourceChange = {
  /** `connection.identity` of the connection the command used: the tracker follows the change through it only. */
  readonly connectionKey?: string | undefined;
} & (
  | {
      readonly type: 'created';
      readonly resource: LiveResource;
      readonly recovered?: boolean;
      readonly requestId?: string | undefined;
    }
  | { readonly type: 'updated'; readonly resource: LiveResource; readonly requestId?: string | undefined }
  | { readonly type: 'deleting'; readonly resource: LiveResource }
  | {
      readonly type: 'deleted';
      readonly kind: Kind;
      readonly id: string;
      readonly name?: string | undefined;
    }
);

export class ResourceEvents implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ResourceChange>();
  readonly onDidChange = this.emitter.event;

  fire(change: ResourceChange): void {
    this.emitter.fire(change);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

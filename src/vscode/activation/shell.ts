// What the entry (src/extension.ts) registered at activation and hands to the features when they load: the features
// take these over rather than registering their own, so that VS Code sees one view, one status bar item and one
// content provider from the first moment. Types only.
import type * as vscode from 'vscode';
import type { ExplorerNode } from '../../core/explorer/nodes';

/** The Resources view's tree, as the explorer (loaded later) provides it. */
export interface TreeSource {
  readonly tree: vscode.TreeDataProvider<ExplorerNode>;
}

export interface Shell {
  /** The Resources view, registered at activation with a provider that forwards to the explorer once loaded. */
  readonly view: vscode.TreeView<ExplorerNode>;
  /** Where the view's provider reads from from now on. */
  attachTree(source: TreeSource): void;
  /** Tells the view that these nodes (all: undefined) changed. */
  fireTreeChange(nodes: ExplorerNode[] | undefined): void;
  /** The one status bar item (`huaweicloud.status`), created the first time it is asked for. */
  statusBarItem(): vscode.StatusBarItem;
  /** Serves the read-only documents of live resources (Open as JSON) through the provider activation registered. */
  serveResourceDocuments(provider: vscode.TextDocumentContentProvider): void;
}

import * as vscode from 'vscode';
import { describe } from '../../core/explorer/describe';
import type { ExplorerNode } from '../../core/explorer/nodes';

const COLLAPSIBLE = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
} as const;

/** The TreeItem of a node: `describe` says everything; this only maps it to VS Code's types. */
export function treeItemFor(node: ExplorerNode): vscode.TreeItem {
  const look = describe(node);
  const item = new vscode.TreeItem(look.label, COLLAPSIBLE[look.collapsible]);
  // The id keeps expansion and selection across refreshes; it is built from keys, never from the label.
  item.id = node.id;
  if (look.description !== undefined) item.description = look.description;
  item.contextValue = look.contextValue;
  if (look.iconId) {
    item.iconPath = new vscode.ThemeIcon(
      look.iconId,
      look.iconColor ? new vscode.ThemeColor(look.iconColor) : undefined,
    );
  }
  // Untrusted Markdown (no command links, no HTML): every server value in it is escaped already.
  if (look.tooltip) item.tooltip = new vscode.MarkdownString(look.tooltip);
  if (look.accessibilityLabel) item.accessibilityInformation = { label: look.accessibilityLabel };
  if (look.commandId) {
    item.command = { command: look.commandId, title: look.label, arguments: [...(look.commandArgs ?? [])] };
  }
  return item;
}

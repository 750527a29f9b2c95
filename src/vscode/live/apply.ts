// Documents meet live resources: Compare with Live, Apply (create, or update after a preview and a confirmation),
// Edit as Document and Create as New. What Apply does is the core's plan (src/core/live/applyPlan.ts); this module
// asks what the plan says to ask, sends what it says to send (src/core/live/apply.ts), and shows what came of it.
import * as vscode from 'vscode';
import {
  dryRunGroupUpdate,
  findLive,
  getLive,
  readingAgain,
  type UpdateOutcome,
  updateLive,
} from '../../core/live/apply';
import {
  type ApplyPlan,
  type ApplyRefusal,
  changesBetween,
  describeRequest as what,
  immutableRefusal,
  planApply,
} from '../../core/live/applyPlan';
import type { Connection } from '../../core/api/connection';
import { shownValue } from '../../core/display';
import { documentIdentity, type DocumentRequest, prepareDocument } from '../../core/documents/documentRequest';
import { documentOf, type Kind, KINDS, tagged } from '../../core/kinds';
import { type Change, changeRange, documentForNewResource, type LiveResource } from '../../core/live/liveDocuments';
import { resourceId, resourceName } from '../../core/live/liveResource';
import { Command, DiagnosticCode } from '../commandIds';
import type { Services } from '../services';
import { Refusal } from '../errors';
import { abortSignalFor } from '../cancellation';
import { checkedRequest, targetDocument } from '../documents/targetDocument';
import { asLiveResource } from '../explorer/resourceArgument';
import { createDocumentResource } from './create';
import { reportDone } from './report';
import { liveSideUri } from './resourceDocuments';

/** What Compare with Live and Apply report back (tests and other extensions read it). */
export interface ComparisonResult {
  readonly live: LiveResource | undefined;
  /** Whether the document passed the checks, so that its changes could be counted (else only its text is compared). */
  readonly checked: boolean;
  /** The changes Apply would make, for people; empty when the document matches. */
  readonly changes: readonly string[];
  /** The changes no update can make. */
  readonly immutable: readonly string[];
}

export type ApplyResult =
  | { readonly outcome: 'created'; readonly resource: LiveResource }
  | {
      readonly outcome: 'updated';
      readonly resource: LiveResource;
      readonly changes: readonly string[];
      readonly settledAfterLostAnswer: boolean;
      readonly changedByDryRun?: true;
    }
  /** A dry run was asked, and the service made the change all the same (it ignores `dry_run`): read back, it holds it. */
  | { readonly outcome: 'changedAlthoughDryRun'; readonly resource: LiveResource }
  | { readonly outcome: 'unchanged' | 'declined' | 'changedSince' | 'notCreated' | 'documentEdited' | 'checkedOnly' }
  | { readonly outcome: 'refused'; readonly immutable: readonly string[] };

/** A document's kind and name, or a refusal saying what is missing. */
function identityOf(document: vscode.TextDocument): { kind: Kind; name: string } {
  const identity = documentIdentity(document.getText(), document.uri.path);
  if (!identity) {
    throw new Refusal(
      vscode.l10n.t('this is not a network or address-group document with a name: write one (or fix its JSON) first'),
    );
  }
  return identity;
}

const kindName = (kind: Kind) => KINDS[kind].noun;

/**
 * The live resource a document is, read now through the connection (one GET, or a network's lookup by name). A
 * link to a resource that no longer exists is removed, and said so.
 */
async function readLive(
  ctx: Services,
  connection: Connection,
  document: vscode.TextDocument,
  identity: { kind: LiveResource['kind']; name: string },
  signal: AbortSignal,
): Promise<LiveResource | undefined> {
  const link = ctx.links.linkIn(connection, document.uri);
  const { live, staleLink } = await findLive(connection, identity, link, { signal });
  if (staleLink && link) {
    await ctx.links.unlink(connection, document.uri);
    ctx.log.info(
      `${document.uri.toString(true)} was linked to ${kindName(link.kind)} ${link.name} (${link.id}), which no longer exists: the link is gone.`,
    );
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'This document was linked to {0} {1} ({2}), which no longer exists: it is unlinked now.',
        kindName(link.kind),
        shownValue(link.name),
        shownValue(link.id),
      ),
    );
  }
  // A network is the one of its name: linking records it, so the document shows as linked from now on.
  if (live && !link) {
    await ctx.links.link(connection, document.uri, { kind: live.kind, id: resourceId(live), name: resourceName(live) });
  }
  return live;
}

/** Opens (or refreshes) the diff editor: the live resource as a document, read-only, against the document. */
async function showComparison(ctx: Services, document: vscode.TextDocument, live: LiveResource): Promise<void> {
  const uri = liveSideUri(live, resourceId(live), document.uri);
  ctx.resourceDocuments.showLiveSide(uri, live, true);
  const fileName = document.uri.path.split('/').pop() ?? document.uri.path;
  await vscode.commands.executeCommand(
    'vscode.diff',
    uri,
    document.uri,
    `${shownValue(resourceName(live))} (live) ↔ ${shownValue(fileName)}`,
    { preview: true },
  );
}

/** Compare with Live: the diff editor, for saved and unsaved documents alike. */
export async function compareWithLive(ctx: Services, arg?: unknown): Promise<ComparisonResult> {
  const document = await targetDocument(arg);
  const identity = identityOf(document);
  const live = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t(
        'Huawei Cloud: reading the live {0} {1}',
        kindName(identity.kind),
        shownValue(identity.name),
      ),
      cancellable: true,
    },
    async (_progress, token) => {
      const signal = abortSignalFor(token);
      const connection = await ctx.connections.open({ signal });
      const found = await readLive(ctx, connection, document, identity, signal);
      if (!found) {
        // Names unique: the name says which resource it is; else only a link does.
        const { uniqueNames, titleNoun } = KINDS[identity.kind];
        void vscode.window.showInformationMessage(
          uniqueNames
            ? vscode.l10n.t(
                'No live {0} is named {1} in project {2} ({3}): Apply creates it.',
                kindName(identity.kind),
                shownValue(identity.name),
                connection.projectId,
                connection.region,
              )
            : vscode.l10n.t(
                'No live {0} is linked to this document in project {1} ({2}): Link to {3}… picks one of that name, or Apply creates a new one.',
                kindName(identity.kind),
                connection.projectId,
                connection.region,
                titleNoun,
              ),
        );
      }
      return found;
    },
  );
  if (!live) return { live, checked: true, changes: [], immutable: [] };
  await showComparison(ctx, document, live);
  // The changes are counted on a document that passes the checks: of another, only the text can be compared.
  const prepared = prepareDocument(document.getText(), document.uri.path, { linked: true });
  if (!prepared.ok || prepared.request.kind !== live.kind) {
    void vscode.window.setStatusBarMessage(
      `${shownValue(resourceName(live))}: the document has errors, so only its text is compared`,
      5000,
    );
    return { live, checked: false, changes: [], immutable: [] };
  }
  // The document is of the live resource's kind (just checked): its changes are counted.
  const { changes, immutable } = changesBetween(live, prepared.request) ?? { changes: [], immutable: [] };
  // What the read showed Apply would refuse is marked on its field at once, as Apply would mark it.
  markImmutable(ctx, document, immutable);
  if (changes.length === 0) {
    void vscode.window.setStatusBarMessage(
      `${shownValue(resourceName(live))}: the document matches the live ${kindName(live.kind)}`,
      5000,
    );
  }
  return {
    live,
    checked: true,
    changes: changes.map((change) => change.summary),
    immutable: immutable.map((change) => change.summary),
  };
}

// ---- refusals of immutable changes ----

/** A diagnostic on each field no update can change, saying why (until the document is edited); none to clear them. */
function markImmutable(ctx: Services, document: vscode.TextDocument, immutable: readonly Change[]): void {
  const text = document.getText();
  ctx.documentWork().markRefused(
    document.uri,
    immutable.map((change) => {
      const { offset, length } = changeRange(text, change);
      const diagnostic = new vscode.Diagnostic(
        new vscode.Range(document.positionAt(offset), document.positionAt(offset + length)),
        vscode.l10n.t('{0}: {1}', change.summary, change.why ?? vscode.l10n.t('no update can make this change')),
        vscode.DiagnosticSeverity.Error,
      );
      diagnostic.source = 'Huawei Cloud (Apply)';
      diagnostic.code = DiagnosticCode.immutableChange;
      return diagnostic;
    }),
  );
}

/**
 * Apply refused: a diagnostic on each field no update can change, saying why, and a notification offering a new
 * resource instead. Nothing was sent.
 */
function refuseImmutable(
  ctx: Services,
  document: vscode.TextDocument,
  live: LiveResource,
  immutable: readonly Change[],
): ApplyResult {
  markImmutable(ctx, document, immutable);
  const newOne = vscode.l10n.t('Create as New {0}', KINDS[live.kind].titleNoun);
  const compare = vscode.l10n.t('Compare with Live');
  const message = immutableRefusal(live, immutable);
  ctx.log.warn(message);
  void vscode.window.showErrorMessage(message, newOne, compare).then((choice) => {
    if (choice === newOne) {
      void vscode.commands.executeCommand(Command.createAsNewResource, document.uri, resourceName(live));
    }
    if (choice === compare) void vscode.commands.executeCommand(Command.compareWithLive, document.uri);
  });
  return { outcome: 'refused', immutable: immutable.map((change) => change.summary) };
}

/**
 * Create as New: an untitled copy of the document, unlinked, ready for Create — without what only an update carries,
 * and (a network whose name is the live one's) under a new name. Nothing is sent.
 */
export async function createAsNewResource(
  ctx: Services,
  arg?: unknown,
  liveName?: unknown,
): Promise<vscode.TextDocument> {
  const source = await targetDocument(arg);
  const identity = identityOf(source);
  const name = typeof liveName === 'string' ? liveName : (ctx.links.linkFor(source.uri)?.name ?? identity.name);
  const text = documentForNewResource(source.getText(), identity.kind, name);
  const document = await openUntitled(
    ctx,
    documentIdentity(text, source.uri.path)?.name ?? identity.name,
    identity.kind,
    text,
  );
  await vscode.window.showTextDocument(document);
  return document;
}

// ---- Apply ----

/**
 * Sends the update the plan confirmed, with its progress: a kind's update reads the resource again first (and stops
 * if it changed since the preview), then sends (src/core/live/apply.ts).
 */
async function send(
  connection: Connection,
  plan: Extract<ApplyPlan, { kind: 'update' }>,
  request: DocumentRequest,
  progress: vscode.Progress<{ message?: string }>,
  signal: AbortSignal,
): Promise<UpdateOutcome<LiveResource, unknown>> {
  progress.report({ message: readingAgain(plan.resource.kind) });
  const outcome = await updateLive(connection, plan.resource, request, {
    signal,
    onChecked: () => progress.report({ message: vscode.l10n.t('the dry run passed; sending…') }),
  });
  // The plan is an update only of a document of the resource's kind: nothing else reaches here.
  if (!outcome) {
    throw new Refusal(
      vscode.l10n.t(
        'this {0} document is linked to {1}: unlink it first',
        kindName(request.kind),
        KINDS[plan.resource.kind].aNoun,
      ),
    );
  }
  return outcome;
}

/**
 * Apply: makes the cloud match the document, as the core's plan says (src/core/live/applyPlan.ts). No live resource →
 * the create. A live one → the difference shown in the diff editor, a confirmation listing each change, then the
 * update (src/core/live/apply.ts). A document that already matches says so and sends nothing; a change no update can
 * make is refused before anything is sent.
 */
export async function applyDocument(ctx: Services, arg?: unknown): Promise<ApplyResult> {
  const document = await targetDocument(arg);
  return ctx.documentWork().exclusively(document, 'An Apply', async () => {
    const version = document.version;
    const prepared = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t(
          'Huawei Cloud: comparing {0} with what is live',
          shownValue(document.uri.path.split('/').pop() ?? ''),
        ),
        cancellable: true,
      },
      async (_progress, token) => {
        const signal = abortSignalFor(token);
        const connection = await ctx.connections.open({ signal });
        const request = checkedRequest(document, ctx.links.linkIn(connection, document.uri) !== undefined);
        const live = await readLive(ctx, connection, document, request, signal);
        return { connection, request, live };
      },
    );
    const { connection, request, live } = prepared;
    // What is confirmed and sent is the document as it was read: edited since, it is read again by a new Apply.
    const editedMeanwhile = (): ApplyResult | undefined => {
      if (document.version === version) return undefined;
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          '{0}: the document was edited while Apply compared it, so nothing was sent. Apply again to apply it as it is now.',
          what(request),
        ),
      );
      return { outcome: 'documentEdited' };
    };
    const plan = planApply(request, live, { where: connection });
    switch (plan.kind) {
      case 'create':
        // The lookup may have changed the document's link (a stale one is gone), and only a linked document may hold
        // an update-only field: it is checked again as it now stands.
        return (
          editedMeanwhile() ??
          createDocumentResource(
            ctx,
            document,
            checkedRequest(document, ctx.links.linkIn(connection, document.uri) !== undefined),
          ).then((created): ApplyResult =>
            created ? { outcome: 'created', resource: created } : { outcome: 'notCreated' },
          )
        );
      case 'refuse':
        return showRefusal(ctx, document, plan);
      case 'dryRun':
        markImmutable(ctx, document, []);
        await showComparison(ctx, document, plan.resource);
        return checkGroupUpdate(ctx, connection, document, request, plan);
      case 'update':
        markImmutable(ctx, document, []);
        await showComparison(ctx, document, plan.resource);
        return confirmAndUpdate(ctx, connection, document, request, plan, editedMeanwhile);
    }
  });
}

/** Apply sends nothing: a refusal for what cannot be applied, the immutable fields marked, a document that matches said so. */
function showRefusal(ctx: Services, document: vscode.TextDocument, plan: ApplyRefusal): ApplyResult {
  switch (plan.why) {
    case 'deleting':
    case 'otherKind':
      throw new Refusal(plan.message);
    case 'immutable':
      return refuseImmutable(ctx, document, plan.resource, plan.immutable);
    case 'unchanged':
      markImmutable(ctx, document, []);
      void vscode.window.showInformationMessage(plan.message);
      return { outcome: 'unchanged' };
  }
}

/** The update a person confirms: the plan's confirmation, then the update sent, and its outcome shown. */
async function confirmAndUpdate(
  ctx: Services,
  connection: Connection,
  document: vscode.TextDocument,
  request: DocumentRequest,
  plan: Extract<ApplyPlan, { kind: 'update' }>,
  editedMeanwhile: () => ApplyResult | undefined,
): Promise<ApplyResult> {
  const edited = editedMeanwhile();
  if (edited) return edited;
  const { message, detail } = plan.confirmation;
  if ((await vscode.window.showWarningMessage(message, { modal: true, detail }, 'Apply')) !== 'Apply') {
    return { outcome: 'declined' };
  }
  const outcome = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Huawei Cloud: updating {0}', what(request)),
      cancellable: true,
    },
    (progress, token) => send(connection, plan, request, progress, abortSignalFor(token)),
  );
  switch (outcome.kind) {
    case 'changedSince':
      await showComparison(ctx, document, outcome.live);
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          '{0} changed since the preview, so nothing was sent: the comparison now shows it as it is. Review it, then Apply again.',
          what(request),
        ),
      );
      return { outcome: 'changedSince' };
    case 'unchanged':
      void vscode.window.showInformationMessage(
        vscode.l10n.t('{0} already matches the document: nothing was sent.', what(request)),
      );
      return { outcome: 'unchanged' };
    case 'refused':
      return refuseImmutable(ctx, document, outcome.live, outcome.immutable);
    case 'applied': {
      const { resource, changes, settledAfterLostAnswer, changedByDryRun, requestId } = outcome;
      await showUpdated(ctx, connection, document, resource, requestId);
      reportDone(ctx, { kind: 'updated', resource, changes, settledAfterLostAnswer, changedByDryRun, requestId });
      return {
        outcome: 'updated',
        resource,
        changes: changes.map((change) => change.summary),
        settledAfterLostAnswer,
        ...(changedByDryRun ? { changedByDryRun: true } : {}),
      };
    }
  }
}

/** A resource an update changed: the link says its (new) name, the explorer and the live side show it as it is. */
async function showUpdated(
  ctx: Services,
  connection: Connection,
  document: vscode.TextDocument,
  resource: LiveResource,
  requestId: string | undefined,
): Promise<void> {
  // A group renamed by the update: the link says its new name.
  await ctx.links.link(connection, document.uri, {
    kind: resource.kind,
    id: resourceId(resource),
    name: resourceName(resource),
  });
  ctx.resources.fire({ type: 'updated', resource, requestId, connectionKey: connection.identity });
  ctx.resourceDocuments.showLiveSide(liveSideUri(resource, resourceId(resource), document.uri), resource, false);
}

/**
 * A linked group document holding `"dry_run": true`: its update is only checked by the service (the PUT with
 * `dry_run`, 202), as its create would be. Nothing changes — unless the service ignores `dry_run`, which is said,
 * with the group as read back.
 */
async function checkGroupUpdate(
  ctx: Services,
  connection: Connection,
  document: vscode.TextDocument,
  request: DocumentRequest,
  plan: Extract<ApplyPlan, { kind: 'dryRun' }>,
): Promise<ApplyResult> {
  const checked = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Huawei Cloud: checking the update of {0} (dry run)', what(request)),
      cancellable: true,
    },
    (_progress, token) =>
      dryRunGroupUpdate(connection.addressGroups, resourceId(plan.resource), plan.target.body, plan.target.document, {
        signal: abortSignalFor(token),
      }),
  );
  if (checked.kind === 'changedAlthoughDryRun') {
    const resource: LiveResource = tagged('addressGroup', checked.resource);
    await showUpdated(ctx, connection, document, resource, checked.requestId);
    ctx.log.warn(
      `The service changed address group ${resourceName(resource)} although a dry run was asked (it ignores "dry_run"): read back, it now holds the document's change. ${resourceId(resource)}${checked.requestId ? ` (request id ${checked.requestId})` : ''}`,
    );
    const message = vscode.l10n.t(
      'The service changed {0} although a dry run was asked (it ignores "dry_run"): read back, address group {1} now holds the document\'s change.',
      what(request),
      resourceName(resource),
    );
    const compare = vscode.l10n.t('Compare with Live');
    void vscode.window.showWarningMessage(message, compare).then((choice) => {
      if (choice === compare) void vscode.commands.executeCommand(Command.compareWithLive, document.uri);
    });
    return { outcome: 'changedAlthoughDryRun', resource };
  }
  ctx.log.info(
    `The update of address group ${request.name} passes the service's checks (dry run): nothing was changed.${checked.requestId ? ` Request id ${checked.requestId}.` : ''}`,
  );
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      'The update of {0} passes the service\'s checks (dry run): nothing was changed. Remove "dry_run" to apply it.',
      what(request),
    ),
  );
  return { outcome: 'checkedOnly' };
}

// ---- Edit as Document ----

/** A file name for a resource's document: its name, with what a file name cannot hold replaced. */
const baseNameOf = (name: string, kind: Kind) => name.replace(/[^A-Za-z0-9_.-]+/g, '_') || KINDS[kind].slug;

/** An untitled document named `<name>.network.json` (or `-2`, `-3`… when taken) holding `text`. */
async function openUntitled(ctx: Services, name: string, kind: Kind, text: string): Promise<vscode.TextDocument> {
  const base = baseNameOf(name, kind);
  const taken = new Set(vscode.workspace.textDocuments.map((document) => document.uri.toString()));
  let uri: vscode.Uri;
  for (let n = 1; ; n++) {
    uri = vscode.Uri.from({ scheme: 'untitled', path: `${base}${n === 1 ? '' : `-${n}`}${KINDS[kind].suffix}` });
    // A name a link still holds (an untitled document of an earlier session) would make the new one that resource.
    if (!taken.has(uri.toString()) && !ctx.links.isLinkedAnywhere(uri)) break;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), text);
  await vscode.workspace.applyEdit(edit);
  return document;
}

/**
 * The live resource's document as a file of the extension's own (`<global storage>/documents/<name>.network.json`),
 * linked to it before it opens: unmodified, so closing it untouched asks nothing (an untitled document with text is
 * always modified). The file of an earlier Edit as Document of the same resource is written over unless it is open;
 * a name open, or linked to another resource, takes `-2`, `-3`…
 */
async function openResourceFile(
  ctx: Services,
  connection: Connection,
  live: LiveResource,
  text: string,
): Promise<vscode.TextDocument> {
  const folder = ctx.links.scratchFolder;
  await vscode.workspace.fs.createDirectory(folder);
  const base = baseNameOf(resourceName(live), live.kind);
  const open = new Set(vscode.workspace.textDocuments.map((document) => document.uri.toString()));
  let uri: vscode.Uri;
  for (let n = 1; ; n++) {
    uri = vscode.Uri.joinPath(folder, `${base}${n === 1 ? '' : `-${n}`}${KINDS[live.kind].suffix}`);
    const ownLink = ctx.links.linkIn(connection, uri)?.id === resourceId(live);
    if (!open.has(uri.toString()) && (ownLink || !ctx.links.isLinkedAnywhere(uri))) break;
  }
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  // Linked before it opens, so that its first check already knows it is linked.
  await ctx.links.link(connection, uri, { kind: live.kind, id: resourceId(live), name: resourceName(live) });
  return vscode.workspace.openTextDocument(uri);
}

/**
 * Edit as Document (explorer): the live resource, read again, as a valid document linked to it — so that the
 * checks, Compare with Live and Apply work on it at once — and unmodified until the user changes it.
 */
export async function editResource(ctx: Services, arg?: unknown): Promise<vscode.TextDocument> {
  const node = asLiveResource(arg);
  if (!node) {
    throw new Refusal(
      vscode.l10n.t('Edit as Document runs on a network or an address group in the Huawei Cloud explorer'),
    );
  }
  const { connection, live } = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Huawei Cloud: reading {0}', shownValue(resourceName(node))),
      cancellable: true,
    },
    async (_progress, token) => {
      const signal = abortSignalFor(token);
      const opened = await ctx.connections.open({ signal });
      return { connection: opened, live: await getLive(opened, node.kind, resourceId(node), { signal }) };
    },
  );
  const written = documentOf(live);
  const document = await openResourceFile(ctx, connection, live, `${JSON.stringify(written, null, 2)}\n`);
  await vscode.window.showTextDocument(document);
  return document;
}

import * as vscode from 'vscode';
import { shownValue } from '../../core/display';
import { type Kind, KIND_LIST, kindFromFileName, kindFromText, KINDS, mayHoldDocument } from '../../core/kinds';
import type { ResourceLink } from '../../core/live/links';
import { Command, ContextKey, DiagnosticCode } from '../commandIds';
import type { Services } from '../services';
import { lazy } from '../../core/lazy';
import { RESOURCE_SCHEME } from '../live/resourceDocuments';

/** Documents the lenses go on: named as network or address-group documents, saved or not. */
const SELECTOR: vscode.DocumentSelector = KIND_LIST.map((kind) => ({
  language: 'json',
  pattern: `**/*${KINDS[kind].suffix}`,
}));

/** Lenses are asked for again this long after the last change that may alter them (pages load in bursts). */
const REFRESH_DELAY_MS = 300;

/** A network by its name (its ID is name + project); a group by the start of its UUID, as names repeat; shown escaped. */
/** The linked resource by its name, as people know it (the tooltip has the ID); a cut ID only for a link without one. */
const linkLabel = (link: ResourceLink) => shownValue(link.name !== '' ? link.name : `${link.id.slice(0, 8)}…`);

/**
 * What the explorer has already fetched of the document's resource, on the connection in use (as the live checks
 * read it): the IDs of the resources of its name (of a kind whose names are unique, the one there is). Nothing is
 * fetched, and nothing known before the explorer has loaded; the document is parsed only then.
 */
async function knownLive(ctx: Services, document: vscode.TextDocument, kind: Kind): Promise<string[]> {
  const known = ctx.loadedExplorer()?.known();
  if (!known) return [];
  const { documentIdentity, knownNamed } = await import('./checking');
  const identity = documentIdentity(document.getText(), document.uri.path);
  return identity?.kind === kind ? knownNamed(kind, identity.name, known) : [];
}

/**
 * Lenses above a network or address-group document. Linked to a live resource: the link (reveals it), Unlink,
 * Compare with Live, Apply (and Dry run). Not linked: Create (and Dry run); Compare and Apply instead when the
 * explorer already shows a network of that name; for a group, Link to Address Group…, and the one group of its
 * name when the explorer shows exactly one. Costs no request, and no parse until the explorer has loaded.
 */
export function registerDocumentCodeLenses(ctx: Services): void {
  const changed = ctx.own(new vscode.EventEmitter<void>());
  let pending: ReturnType<typeof setTimeout> | undefined;
  const refresh = () => {
    clearTimeout(pending);
    pending = setTimeout(() => changed.fire(), REFRESH_DELAY_MS);
  };
  ctx.own({ dispose: () => clearTimeout(pending) });
  ctx.own(ctx.links.onDidChange(refresh));
  ctx.own(ctx.resources.onDidChange(refresh));
  ctx.own(
    ctx.onDidLoadExplorer((explorer) => {
      ctx.own(explorer.onDidChangeKnown(refresh));
      refresh();
    }),
  );

  // The editor's title offers the same choice as the lenses, one action at a time: Create, or Compare and Apply.
  let targetsLive: boolean | undefined;
  const updateTitleActions = async () => {
    const document = vscode.window.activeTextEditor?.document;
    const kind = document && document.uri.scheme !== RESOURCE_SCHEME ? kindFromFileName(document.uri.path) : undefined;
    const now =
      !!document &&
      !!kind &&
      (!!ctx.links.linkFor(document.uri) ||
        // A document of a kind whose names are unique is the resource of its name, when there is one.
        (KINDS[kind].uniqueNames && (await knownLive(ctx, document, kind)).length > 0));
    if (now === targetsLive) return;
    targetsLive = now;
    await vscode.commands.executeCommand('setContext', ContextKey.activeDocumentTargetsLive, now);
  };
  ctx.own(changed.event(() => void updateTitleActions()));
  ctx.own(vscode.window.onDidChangeActiveTextEditor(() => void updateTitleActions()));
  // The features load after the window opened: an editor already active (a linked document restored) gets its title.
  void updateTitleActions();
  // A network's name typed in (names unique: the name says which network): the title follows once the edits pause,
  // with the lenses.
  ctx.own(
    vscode.workspace.onDidChangeTextDocument((event) => {
      const kind = kindFromFileName(event.document.uri.path);
      if (event.document === vscode.window.activeTextEditor?.document && kind && KINDS[kind].uniqueNames) refresh();
    }),
  );

  ctx.own(
    vscode.languages.registerCodeLensProvider(SELECTOR, {
      onDidChangeCodeLenses: changed.event,
      async provideCodeLenses(document) {
        const kind = kindFromFileName(document.uri.path);
        // Compare's live side is named like the document, but is a read-only view of the resource.
        if (!kind || document.uri.scheme === RESOURCE_SCHEME) return [];
        const top = new vscode.Range(0, 0, 0, 0);
        const lens = (title: string, command: string, args: unknown[], tooltip: string) =>
          new vscode.CodeLens(top, { title, command, arguments: args, tooltip });
        const uri = document.uri;
        const { uniqueNames, noun, plural, titleNoun } = KINDS[kind];
        const dryRun =
          KINDS[kind].dryRun !== undefined
            ? [
                lens(
                  vscode.l10n.t('Dry run'),
                  Command.dryRunDocument,
                  [uri],
                  vscode.l10n.t('Let the service check this document without creating anything'),
                ),
              ]
            : [];
        const compareAndApply = [
          lens(
            `$(diff) ${vscode.l10n.t('Compare with Live')}`,
            Command.compareWithLive,
            [uri],
            vscode.l10n.t('Show how the live resource differs from this document'),
          ),
          lens(
            `$(repo-push) ${vscode.l10n.t('Apply')}`,
            Command.applyDocument,
            [uri],
            vscode.l10n.t('Update the live resource to match this document, after a preview'),
          ),
        ];
        const link = ctx.links.linkFor(uri);
        if (link) {
          return [
            lens(
              `$(link) ${vscode.l10n.t('Linked to {0}', linkLabel(link))}`,
              Command.revealResource,
              [{ resourceKind: link.kind, resourceId: link.id }],
              vscode.l10n.t(
                'This document is {0} {1} ({2}): Apply updates it. Click to reveal it in the explorer.',
                KINDS[link.kind].noun,
                shownValue(link.name),
                shownValue(link.id),
              ),
            ),
            lens(
              vscode.l10n.t('Unlink'),
              Command.unlinkDocument,
              [uri],
              vscode.l10n.t('This document is no longer this resource: Apply would create a new one'),
            ),
            ...compareAndApply,
            ...dryRun,
          ];
        }
        const known = await knownLive(ctx, document, kind);
        if (uniqueNames && known.length > 0) return compareAndApply;
        const lenses = [
          lens(
            `$(cloud-upload) ${vscode.l10n.t('Create')}`,
            Command.createFromDocument,
            [uri],
            vscode.l10n.t('Create this resource on Huawei Cloud'),
          ),
          ...dryRun,
        ];
        // Names that repeat: which resource a document is must be chosen, among those of its name.
        if (!uniqueNames) {
          lenses.push(
            lens(
              `$(link) ${vscode.l10n.t('Link to {0}…', titleNoun)}`,
              Command.linkDocument,
              [uri],
              vscode.l10n.t('This document is one {0} that exists: pick it among the {1} of its name', noun, plural),
            ),
          );
          const [only, ...others] = known;
          if (only !== undefined && others.length === 0) {
            lenses.push(
              lens(
                vscode.l10n.t('Link to {0}…', shownValue(only.slice(0, 8))),
                Command.linkDocument,
                [uri, only],
                vscode.l10n.t(
                  'The explorer shows one {0} of this name ({1}): link this document to it',
                  noun,
                  shownValue(only),
                ),
              ),
            );
          }
        }
        return lenses;
      },
    }),
  );
}

/**
 * Quick fixes (and Fix all) on network and address-group documents, of any name. The fixes and the checks they
 * re-read load with the first request for code actions on such a document. On a change Apply refused, the
 * lightbulb offers Create as New.
 */
export function registerDocumentQuickFixes(ctx: Services): void {
  const provider = lazy((): Promise<vscode.CodeActionProvider> =>
    import('./checking').then(
      ({ DocumentQuickFixes, knownNow, takenNetworkBlocks }) =>
        // A block a fix writes overlaps nothing known on the connection but the document's own network.
        new DocumentQuickFixes((target) =>
          takenNetworkBlocks(target.getText(), knownNow(ctx), ctx.links.linkFor(target.uri)?.id),
        ),
    ),
  );
  ctx.own(
    vscode.languages.registerCodeActionsProvider(
      [{ language: 'json' }, { language: 'jsonc' }],
      {
        async provideCodeActions(document, range, context, token) {
          if (context.diagnostics.length === 0 && !context.only) return [];
          if (!kindFromFileName(document.uri.path) && !mayHoldDocument(document.getText())) return [];
          const createAsNew = context.diagnostics
            .filter((diagnostic) => diagnostic.code === DiagnosticCode.immutableChange)
            .slice(0, 1)
            .map((diagnostic) => {
              const kind = kindFromFileName(document.uri.path) ?? kindFromText(document.getText());
              const action = new vscode.CodeAction(
                kind
                  ? vscode.l10n.t('Create as New {0}', KINDS[kind].titleNoun)
                  : vscode.l10n.t('Create as New Resource'),
                vscode.CodeActionKind.QuickFix,
              );
              action.diagnostics = [diagnostic];
              action.command = { title: action.title, command: Command.createAsNewResource, arguments: [document.uri] };
              return action;
            });
          const fixes = (await (await provider()).provideCodeActions(document, range, context, token)) ?? [];
          return [...createAsNew, ...fixes];
        },
      },
      {
        providedCodeActionKinds: [
          vscode.CodeActionKind.QuickFix,
          vscode.CodeActionKind.SourceFixAll.append('huaweicloud'),
        ],
      },
    ),
  );
}

// The project's own ESLint rule `hwc/translated-messages`: a message a user reads is never a string literal, a
// template literal or a concatenation of them, but an `l10n.t(...)` / `vscode.l10n.t(...)` call (or a value made by
// one), so that every such message is in l10n/bundle.l10n.json and translated (issue 20). And the text given to
// `l10n.t` is itself one plain string literal: `@vscode/l10n-dev export` reads only those, and a template or a
// concatenation would be a key no bundle holds.

const NOTIFICATIONS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage']);
/** The texts of a quick pick's or an input box's options (`placeholder` is the QuickPick object's spelling). */
const PICK_TEXTS = new Set(['title', 'placeHolder', 'placeholder', 'prompt']);
/** Properties assigned on a tree item, a quick pick, an input box or the status bar item that a user reads. */
const ASSIGNED_TEXTS = new Set(['label', 'tooltip', 'title', 'placeholder', 'prompt', 'text']);
/** The project's errors, and which argument is the message a user reads. */
const ERROR_MESSAGE_ARGUMENT = { HuaweiCloudError: 0, Refusal: 0 };

const nameOf = (node) =>
  node?.type === 'Identifier'
    ? node.name
    : node?.type === 'MemberExpression' && !node.computed
      ? node.property.name
      : undefined;

/** Whether `node` is prose written in the source: a string literal, a template literal, or one joined with `+`. */
function isLiteralText(node) {
  if (!node) return false;
  if (node.type === 'Literal') return typeof node.value === 'string';
  if (node.type === 'TemplateLiteral') return true;
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    return isLiteralText(node.left) || isLiteralText(node.right);
  }
  if (node.type === 'ConditionalExpression') return isLiteralText(node.consequent) || isLiteralText(node.alternate);
  if (node.type === 'LogicalExpression') return isLiteralText(node.left) || isLiteralText(node.right);
  if (node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression') return isLiteralText(node.expression);
  return false;
}

/** Whether `callee` is `l10n.t` or `vscode.l10n.t`. */
function isL10nT(callee) {
  return callee.type === 'MemberExpression' && nameOf(callee) === 't' && nameOf(callee.object) === 'l10n';
}

const property = (objectNode, names) =>
  objectNode?.type === 'ObjectExpression'
    ? objectNode.properties.filter(
        (p) => p.type === 'Property' && !p.computed && names.has(nameOf(p.key) ?? p.key.value),
      )
    : [];

/** @type {import('eslint').Rule.RuleModule} */
export const translatedMessages = {
  meta: {
    type: 'problem',
    docs: { description: 'a message a user reads goes through l10n.t, never a literal' },
    schema: [
      {
        type: 'object',
        properties: { diagnostics: { type: 'boolean' } },
        additionalProperties: false,
      },
    ],
    messages: {
      literal:
        "{{where}} is read by a user: pass it through l10n.t('…') (vscode.l10n.t in src/vscode), not as a literal, so that it is translated (l10n/bundle.l10n.json).",
      notPlain:
        'l10n.t takes one plain string literal (placeholders {0} or {name} for values): `@vscode/l10n-dev export` reads no template or concatenation.',
    },
  },
  create(context) {
    const diagnostics = context.options[0]?.diagnostics === true;
    const check = (node, where) => {
      if (isLiteralText(node)) context.report({ node, messageId: 'literal', data: { where } });
    };
    const checkOptions = (objectNode, what) => {
      for (const p of property(objectNode, PICK_TEXTS)) check(p.value, `the ${nameOf(p.key)} of ${what}`);
    };
    const visitNew = (node) => {
      const name = nameOf(node.callee);
      if (name === 'TreeItem') check(node.arguments[0], 'a tree item label');
      if (name === 'Diagnostic') check(node.arguments[1], 'a diagnostic message');
      if (name !== undefined && Object.hasOwn(ERROR_MESSAGE_ARGUMENT, name)) {
        check(node.arguments[ERROR_MESSAGE_ARGUMENT[name]], `the message of a ${name}`);
      }
    };
    return {
      NewExpression: visitNew,
      CallExpression(node) {
        const name = nameOf(node.callee);
        if (isL10nT(node.callee)) {
          const first = node.arguments[0];
          if (!(first?.type === 'Literal' && typeof first.value === 'string')) {
            context.report({ node: first ?? node, messageId: 'notPlain' });
          }
          return;
        }
        if (name === undefined) return;
        if (NOTIFICATIONS.has(name)) check(node.arguments[0], `the message of ${name}`);
        if (name === 'withProgress') checkOptions(node.arguments[0], 'a progress');
        if (name === 'showQuickPick') checkOptions(node.arguments[1], 'a quick pick');
        if (name === 'showInputBox') checkOptions(node.arguments[0], 'an input box');
        if (name === 'withChangeOutcome') check(node.arguments[1], 'the message of a HuaweiCloudError');
      },
      AssignmentExpression(node) {
        if (node.operator !== '=' || node.left.type !== 'MemberExpression') return;
        const name = nameOf(node.left);
        if (name !== undefined && ASSIGNED_TEXTS.has(name)) check(node.right, `a ${name}`);
      },
      Property(node) {
        // The diagnostics made in src/core (documents, live checks): their `message` is what the editor underlines.
        if (diagnostics && !node.computed && nameOf(node.key) === 'message') check(node.value, 'a diagnostic message');
      },
    };
  },
};

export const plugin = { meta: { name: 'hwc' }, rules: { 'translated-messages': translatedMessages } };

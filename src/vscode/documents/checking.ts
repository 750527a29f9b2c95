// What checks documents — the rules and the schema validators, the live checks, hovers and quick fixes — in one
// module, loaded the first time one of these is needed for a network or address-group document: one chunk rather
// than one per use, as they share nearly everything they import (the JSON tree, the validators, the kinds).
export { diagnosticsFor } from './findings';
export { knownNow, LiveDiagnostics } from './liveFindings';
export { DocumentQuickFixes } from './quickFixes';
export { hoverTextFor } from '../../core/documents/hovers';
export { documentIdentity } from '../../core/documents/documentRequest';
export { knownNamed, networkBlocks, takenNetworkBlocks } from '../../core/live/liveChecks';
export { snippetWithFreeBlock } from '../../core/documents/quickFixes';

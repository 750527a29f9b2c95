// For UI tests: what a person does in the workbench page, shared by every UI suite (and by `npm run screenshots`).
export { notification, runCommand } from '../../scripts/lib/workbench.mjs';

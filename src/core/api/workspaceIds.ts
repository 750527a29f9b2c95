// The one rule for a ModelArts workspace ID, shared by the workspace client (what a list answer may hold) and the
// explorer (what may be typed): `0` for the default workspace, else a 32-digit hexadecimal ID without hyphens (the
// reference pages). Anything of letters, digits, `-` and `_` is accepted: a Huawei-stack cloud may mint others, and
// the ID only ever travels in a query string (`workspaceId=`), encoded.

/** The workspace ModelArts lists when none is named. */
export const DEFAULT_WORKSPACE = '0';

const WORKSPACE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Whether a text can be a workspace ID. */
export function isWorkspaceId(value: string): boolean {
  return WORKSPACE_ID.test(value);
}

/** What is wrong with a ModelArts workspace ID, if anything: `0` (the default) or an ID such as 32 hex digits. */
export function workspaceIdProblem(id: string): string | undefined {
  if (id === '') return `Enter a workspace ID; ${DEFAULT_WORKSPACE} is the default workspace.`;
  if (!isWorkspaceId(id)) {
    return `A workspace ID has 1-64 letters, digits, "-" and "_" only (${DEFAULT_WORKSPACE}, or 32 hexadecimal digits).`;
  }
  return undefined;
}

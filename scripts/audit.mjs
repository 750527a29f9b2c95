// `npm run audit [-- npm audit options]`: `npm audit --omit=dev`, the runtime dependencies against the registry's
// advisories. Not part of `npm test`: an advisory published tomorrow must not fail an unrelated change.
//
// npm exits 1 both when it finds vulnerabilities and when it cannot get advisories at all (a registry without the
// audit endpoint answers 405, a network without the registry fails to connect), and in the second case prints
// only "audit endpoint returned an error". That must not pass for a clean result. So the audit is first asked for
// as JSON: when it is a report, npm runs again as the user asked and its output and exit status are passed
// through unchanged; when it is not, this says plainly that nothing was checked, and exits 2 — neither 0 (which
// every CI reads as "no vulnerabilities") nor 1 (npm's "vulnerabilities found"). A pipeline that knows its
// registry has no advisories can accept that on purpose: `npm run audit || [ $? -eq 2 ]`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Exit status when no advisory source answered: the dependencies were not checked. */
export const NOT_CHECKED = 2;

/** Runs npm (the one running this script when started by `npm run`) with `args`. */
function npm(args, options = {}) {
  const execPath = process.env.npm_execpath;
  const [command, prefix] = execPath && /\.c?js$/.test(execPath) ? [process.execPath, [execPath]] : ['npm', []];
  return spawnSync(command, [...prefix, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
}

/**
 * What `npm audit --json` printed: an audit report (`{auditReportVersion, vulnerabilities, metadata}`), or why
 * there is none — the advisory request's status and URL, or the connection error.
 * @returns {{ report: true } | { report: false, reason: string }}
 */
export function readAuditJson(stdout, stderr) {
  let parsed;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    parsed = undefined;
  }
  if (
    parsed &&
    typeof parsed === 'object' &&
    typeof parsed.auditReportVersion === 'number' &&
    parsed.metadata &&
    typeof parsed.metadata === 'object'
  ) {
    return { report: true };
  }
  const message = typeof parsed?.message === 'string' && parsed.message !== '' ? parsed.message : undefined;
  const code = typeof parsed?.error?.code === 'string' ? parsed.error.code : undefined;
  const lastError = stderr
    .split('\n')
    .map((line) => line.replace(/^npm (error|warn) /, '').trim())
    .filter((line) => line && !/complete log of this run/.test(line))
    .at(-1);
  const reason = parsed?.statusCode
    ? `HTTP ${message ?? parsed.statusCode}`
    : (message ?? code ?? lastError ?? 'npm gave no reason');
  return { report: false, reason };
}

function main() {
  const extra = process.argv.slice(2);
  const args = ['audit', '--omit=dev', ...extra];
  const probe = npm([...args.filter((arg) => arg !== '--json'), '--json']);
  if (probe.error) {
    console.error(`npm audit could not be run: ${probe.error.message}`);
    return NOT_CHECKED;
  }
  const read = readAuditJson(probe.stdout, probe.stderr);
  if (!read.report) {
    const registry =
      npm(['config', 'get', 'registry', ...extra.filter((arg) => arg !== '--json')]).stdout.trim() ||
      'the configured registry';
    console.error(
      [
        `npm audit: no advisory source could be reached: the audit request to ${registry} failed (${read.reason}).`,
        'The runtime dependencies were NOT checked for known vulnerabilities: this is no clean result.',
        'Run it where a registry with the audit endpoint is reachable (registry.npmjs.org, or --registry <url>).',
      ].join('\n'),
    );
    return NOT_CHECKED;
  }
  if (extra.includes('--json')) {
    process.stdout.write(probe.stdout);
    return probe.status ?? 1;
  }
  const audit = npm(args, { stdio: 'inherit' });
  return audit.status ?? 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(main());

// What each benchmark does when it is run on its own (`npm run bench:…`): its rows of the table, printed.
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { markdownTable } from './table.mjs';

/** Whether the module of `moduleUrl` is the script node was started with. */
export function isMain(moduleUrl) {
  return process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === moduleUrl;
}

/** Runs `rowsFunction` and prints its rows as a Markdown table; progress and details went to stderr. */
export async function printRows(rowsFunction) {
  const started = Date.now();
  const rows = await rowsFunction();
  console.log(markdownTable(rows));
  console.log(
    `\n${process.release.name} ${process.version}, load average ${loadavg()[0].toFixed(1)}, ${Math.round((Date.now() - started) / 1000)} s`,
  );
}

/** Progress and details: on stderr, so that stdout holds the table alone. */
export const note = (line) => console.error(line);

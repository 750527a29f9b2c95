// What `npm start` keeps between starts, in one folder (.vscode-test/start, or HWC_START_HOME): the emulator's state,
// the VS Code profile, the port, and the links of sample/valid's documents. Node built-ins only: `npm start` imports
// this before it has installed anything.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { assertPortFree, freePort, projectRoot } from './codeServer.mjs';

/** @param {Record<string, string | undefined>} env */
export function startHome(env = process.env) {
  return resolve(env.HWC_START_HOME || join(projectRoot, '.vscode-test', 'start'));
}

/** @param {string} home */
export function startFiles(home) {
  return {
    /** The emulator's --state. */
    state: join(home, 'emulator-state.json'),
    /** The emulator's --scenario-out: which resource each document of sample/valid is. */
    scenario: join(home, 'scenario.json'),
    /** Those links as the extension takes them in (HUAWEICLOUD_LINKS_FILE). */
    links: join(home, 'links.json'),
    /** The port of the last start. */
    port: join(home, 'port'),
    /** code-server's user data, extensions and XDG folders. */
    profile: join(home, 'profile'),
  };
}

/**
 * The port a file names, or undefined when there is none, or none that is a port.
 * @param {string} file
 * @returns {number | undefined}
 */
export function rememberedPort(file) {
  if (!existsSync(file)) return undefined;
  const port = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
}

/**
 * The port to serve VS Code on, and a note when it is not the one of the last start. The browser keeps a workbench's
 * state (the extension's links, the walkthrough's progress, the layout) per address: the same port finds it again.
 * `requested` (HWC_PORT) wins; else the `remembered` one when it is free; else a free one other than `avoid` (the
 * last start's, after --fresh: a new address starts with no state in the browser).
 * @param {{ requested?: number, remembered?: number, avoid?: number }} choice
 * @returns {Promise<{ port: number, note?: string }>}
 */
export async function choosePort({ requested, remembered, avoid }) {
  if (requested !== undefined) return { port: requested };
  if (remembered !== undefined) {
    try {
      await assertPortFree(remembered);
      return { port: remembered };
    } catch {
      return {
        port: await freePort(),
        note: `port ${remembered}, used last time, is in use: this start takes another, where the browser has none of that workbench's state (links, walkthrough progress, layout)`,
      };
    }
  }
  let port = await freePort();
  while (port === avoid) port = await freePort();
  return { port };
}

/**
 * The links file of the documents the emulator made live (its --scenario-out). The extension host runs beside the
 * files, where a workspace file is a `file:` Uri. It connects to the emulator as the emulator (HUAWEICLOUD_EMULATOR_URL),
 * so the links are in an emulator's scope: its region and project, not its port.
 * @param {{ region: string, projectId: string, documents: { path: string, kind: string, id: string, name: string }[] }} scenario
 */
export function linksFile(scenario) {
  return {
    version: 1,
    scope: { source: 'emulator', region: scenario.region, projectId: scenario.projectId },
    links: scenario.documents.map(({ path, kind, id, name }) => ({
      document: pathToFileURL(path).href,
      kind,
      id,
      name,
    })),
  };
}

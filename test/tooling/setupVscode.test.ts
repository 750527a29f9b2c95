// scripts/setup-vscode.sh run from inside npm (as `npm test` and `npm start` run it): the nested `npm install` of
// code-server must not inherit the outer npm's variables, or code-server's postinstall.sh reads the outer Node's
// version from npm_config_user_agent and refuses to install. Driven with a recording `npm` in place of the real one.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectRoot } from '../../scripts/lib/codeServer.mjs';

/** Versions of the copy's package.json: "installed" under .vscode-test by `scriptCopy`, not downloaded. */
const VERSIONS = { node: '24.0.0-test', codeServer: '0.0.0-test' };

/**
 * A folder holding a copy of setup-vscode.sh, a package.json naming VERSIONS, and Node 24 "installed" (the real node
 * stands in); code-server too with `codeServerInstalled`. Returns the folder; the caller removes it.
 */
function scriptCopy(prefix: string, { codeServerInstalled }: { codeServerInstalled: boolean }): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(root, 'scripts'));
  copyFileSync(join(projectRoot, 'scripts', 'setup-vscode.sh'), join(root, 'scripts', 'setup-vscode.sh'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ config: { vscodeTest: VERSIONS } }));
  mkdirSync(join(root, '.vscode-test', `node-${VERSIONS.node}`, 'bin'), { recursive: true });
  symlinkSync(process.execPath, join(root, '.vscode-test', `node-${VERSIONS.node}`, 'bin', 'node'));
  if (codeServerInstalled) {
    mkdirSync(join(root, '.vscode-test', `code-server-${VERSIONS.codeServer}`), { recursive: true });
    writeFileSync(join(root, '.vscode-test', `code-server-${VERSIONS.codeServer}`, '.installed'), '');
  }
  return root;
}

test("the nested install of code-server starts with none of the outer npm's variables", () => {
  // code-server not installed: the script goes to the nested install.
  const root = scriptCopy('hwc-setup-', { codeServerInstalled: false });
  try {
    // The recording npm: writes its environment, then leaves what a successful install leaves.
    const bin = join(root, 'bin');
    mkdirSync(bin);
    const recorded = join(root, 'npm-environment.txt');
    writeFileSync(
      join(bin, 'npm'),
      [
        '#!/usr/bin/env bash',
        `env > '${recorded}'`,
        'mkdir -p node_modules/code-server/lib/vscode/node_modules/kerberos/build/Release',
        'touch node_modules/code-server/lib/vscode/node_modules/kerberos/build/Release/kerberos.node',
      ].join('\n'),
    );
    chmodSync(join(bin, 'npm'), 0o755);
    const outerNpm = {
      npm_config_user_agent: 'npm/11.6.2 node/v20.19.5 linux x64 workspaces/false',
      npm_lifecycle_event: 'test',
      npm_package_name: 'huaweicloud-networks',
      npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
      npm_node_execpath: '/usr/bin/node',
      NPM_CONFIG_CACHE: '/tmp/npm-cache',
    };
    const run = spawnSync('bash', [join(root, 'scripts', 'setup-vscode.sh')], {
      env: { ...process.env, ...outerNpm, PATH: `${bin}:${process.env.PATH}` },
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, `setup-vscode.sh failed:\n${run.stdout}\n${run.stderr}`);
    const seen = readFileSync(recorded, 'utf8')
      .split('\n')
      .map((line) => line.split('=')[0]!)
      .filter(Boolean);
    // The one npm variable it sets itself: the Node 24 headers that the native modules build against.
    assert.deepEqual(
      seen.filter((name) => /^npm_/i.test(name)),
      ['npm_config_nodedir'],
    );
    assert.ok(seen.includes('PATH') && seen.includes('HOME'), 'the rest of the environment is kept');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

/**
 * Runs a copy of setup-vscode.sh with Node 24 and code-server already in place and `fc-list` answering
 * `fontFamilies`, and returns the arguments each `apt-get` call received (recorded, nothing installed).
 */
function aptCallsWithFonts(fontFamilies: string): string[] {
  const root = scriptCopy('hwc-setup-fonts-', { codeServerInstalled: true });
  try {
    const bin = join(root, 'bin');
    mkdirSync(bin);
    const recorded = join(root, 'apt-get-calls.txt');
    const script = (name: string, lines: string[]) => {
      writeFileSync(join(bin, name), ['#!/usr/bin/env bash', ...lines].join('\n'));
      chmodSync(join(bin, name), 0o755);
    };
    script('apt-get', [`echo "$*" >> '${recorded}'`]);
    script('sudo', ['exec "$@"']);
    // chromium, libkrb5-dev and unzip present: only the font can be missing.
    script('chromium', ['echo Chromium test']);
    script('unzip', ['true']);
    script('dpkg', ['true']);
    script('fc-list', [`printf '%s' '${fontFamilies}'`]);
    const run = spawnSync('bash', [join(root, 'scripts', 'setup-vscode.sh')], {
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, `setup-vscode.sh failed:\n${run.stdout}\n${run.stderr}`);
    try {
      return readFileSync(recorded, 'utf8').split('\n').filter(Boolean);
    } catch {
      return [];
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('installs a CJK font (fonts-wqy-zenhei) when fontconfig knows no Chinese font, so the zh-cn UI shows characters', () => {
  const calls = aptCallsWithFonts('');
  assert.ok(
    calls.some((call) => /^install .*\bfonts-wqy-zenhei\b/.test(call)),
    `apt-get was called with: ${calls.join(' | ')}`,
  );
});

test('installs no font when a Chinese font is there already', () => {
  assert.deepEqual(aptCallsWithFonts('WenQuanYi Zen Hei,文泉驿正黑\n'), []);
});

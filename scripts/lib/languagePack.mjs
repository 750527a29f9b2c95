// A display language for the VS Code of the tests and screenshots. VS Code resolves a display language only when a
// language pack for it is installed, and none can be downloaded here; so a minimal pack of our own
// (test/fixtures/<locale>-language-pack: `contributes.localizations` with one `vscode` translation file) is packaged,
// installed with `--install-extension`, and named in the user data directory's languagepacks.json, which code-server
// reads but does not write. With `--locale=<locale>` (and argv.json's `locale`), the workbench then runs in that
// language: `vscode.env.language` is it, the extension's package.nls.<locale>.json titles and its l10n bundle apply.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Not imported from codeServer.mjs, which imports this module.
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The locales a fixture pack exists for. */
export const LANGUAGE_PACKS = { 'zh-cn': join(projectRoot, 'test', 'fixtures', 'zh-cn-language-pack') };

/**
 * The fixture pack of `locale`: its folder, extension id, version, label and translation file (relative).
 * @param {string} locale
 */
export function languagePack(locale) {
  const dir = LANGUAGE_PACKS[locale];
  if (!dir) {
    throw new Error(
      `no language pack for the locale "${locale}": test/fixtures has one for ${Object.keys(LANGUAGE_PACKS).join(', ')}`,
    );
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const localization = manifest.contributes.localizations.find((l) => l.languageId === locale);
  const translation = localization?.translations.find((t) => t.id === 'vscode');
  if (!translation) throw new Error(`${dir}/package.json contributes no "vscode" translation for ${locale}`);
  return {
    dir,
    id: `${manifest.publisher}.${manifest.name}`.toLowerCase(),
    version: manifest.version,
    label: localization.localizedLanguageName ?? localization.languageName ?? locale,
    translationPath: translation.path,
  };
}

/**
 * Packages the fixture pack of `locale` into `outDir` with vsce (as the extension itself is packaged), returning the
 * .vsix's path.
 * @param {string} locale
 * @param {string} outDir
 */
export function packLanguagePack(locale, outDir) {
  const { dir, id, version } = languagePack(locale);
  const vsix = join(outDir, `${id}-${version}.vsix`);
  const vsce = join(projectRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix],
    { cwd: dir, encoding: 'utf8', timeout: 60_000 },
  );
  if (result.status !== 0 || !existsSync(vsix)) {
    throw new Error(`vsce could not package ${dir} (${result.status ?? result.signal}):\n${result.stderr}`);
  }
  return vsix;
}

/**
 * After the pack of `locale` is installed in `extensionsDir`: writes `languagepacks.json` into `userDataDir` naming
 * it (the shape VS Code's language pack cache writes), and `User/argv.json` with the locale.
 * @param {{ locale: string, userDataDir: string, extensionsDir: string }} options
 */
export function configureLanguagePack({ locale, userDataDir, extensionsDir }) {
  const { id, version, label, translationPath } = languagePack(locale);
  const installed = readdirSync(extensionsDir).find((name) => name.toLowerCase() === `${id}-${version}`);
  if (!installed) throw new Error(`the language pack ${id}@${version} is not installed in ${extensionsDir}`);
  const translations = join(extensionsDir, installed, translationPath);
  if (!existsSync(translations)) throw new Error(`the installed language pack has no ${translationPath}`);
  // VS Code caches the translated messages under clp/<hash>.<locale>: a new hash for new translations.
  const hash = createHash('sha256')
    .update(`${id}@${version}\n`)
    .update(readFileSync(translations))
    .digest('hex')
    .slice(0, 32);
  const packs = {
    [locale]: {
      hash,
      label,
      extensions: [{ extensionIdentifier: { id }, version }],
      translations: { vscode: translations },
    },
  };
  writeFileSync(join(userDataDir, 'languagepacks.json'), `${JSON.stringify(packs, null, 2)}\n`);
  writeFileSync(join(userDataDir, 'User', 'argv.json'), `${JSON.stringify({ locale }, null, 2)}\n`);
}

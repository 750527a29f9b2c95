// package.json as VS Code shows it: its user-visible strings are `%key%` placeholders, resolved through
// package.nls.json (English) or package.nls.<locale>.json, as the workbench does. The tests and scripts that read a
// title from the manifest read it through here, so that they see the text a person sees.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A string value that is wholly one placeholder, `%key%`, as VS Code's manifest localisation recognises it. */
export const NLS_PLACEHOLDER = /^%([^%\s]+)%$/;

/**
 * The messages of `locale` (`undefined`: English, package.nls.json). A locale without its own file falls back to
 * English key by key, as VS Code does.
 * @param {string | undefined} locale
 * @param {string} [dir]
 * @returns {Record<string, string>}
 */
export function nlsMessages(locale, dir = root) {
  const english = JSON.parse(readFileSync(join(dir, 'package.nls.json'), 'utf8'));
  if (locale === undefined) return english;
  const file = join(dir, `package.nls.${locale}.json`);
  return existsSync(file) ? { ...english, ...JSON.parse(readFileSync(file, 'utf8')) } : english;
}

/**
 * Every string of `value` with its JSON path (`contributes.commands[3].title`; a key that is no identifier quoted:
 * `properties["huaweicloud.region"]`), depth first, in document order.
 * @param {unknown} value
 * @param {string} [path]
 * @returns {{ path: string, text: string }[]}
 */
export function stringsOf(value, path = '') {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringsOf(item, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => {
      const step = /^[A-Za-z_$][\w$]*$/.test(key) ? (path ? `.${key}` : key) : `[${JSON.stringify(key)}]`;
      return stringsOf(item, `${path}${step}`);
    });
  }
  return [];
}

/**
 * `manifest` with every `%key%` replaced by its message; a key without a message throws (VS Code would show the
 * placeholder itself).
 * @template T
 * @param {T} manifest
 * @param {Record<string, string>} messages
 * @returns {T}
 */
export function localize(manifest, messages) {
  const walk = (value, path) => {
    if (typeof value === 'string') {
      const key = NLS_PLACEHOLDER.exec(value)?.[1];
      if (key === undefined) return value;
      if (typeof messages[key] !== 'string') throw new Error(`${path}: no message for %${key}% in package.nls.json`);
      return messages[key];
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, `${path}[${i}]`));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, `${path}.${key}`)]));
    }
    return value;
  };
  return walk(manifest, 'package.json');
}

/**
 * package.json with its placeholders resolved for `locale` (default: English).
 * @param {{ locale?: string, dir?: string }} [options]
 */
export function readManifest({ locale, dir = root } = {}) {
  return localize(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')), nlsMessages(locale, dir));
}

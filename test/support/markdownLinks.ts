// The links of Markdown pages and the anchors GitHub gives their headings, for the test that keeps the README, the
// docs and CONTRIBUTING.md from pointing at files or headings that do not exist.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface MarkdownLink {
  readonly target: string;
  readonly line: number;
  readonly image: boolean;
}

/** The lines of a page outside fenced code blocks, with inline code blanked out (a link in code is not a link). */
function proseLines(markdown: string): { text: string; line: number }[] {
  const lines: { text: string; line: number }[] = [];
  let fence: string | undefined;
  markdown.split('\n').forEach((text, i) => {
    const opening = /^ {0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (fence) {
      if (opening && opening[0] === fence[0] && opening.length >= fence.length && text.trim() === opening) {
        fence = undefined;
      }
      return;
    }
    if (opening) {
      fence = opening;
      return;
    }
    lines.push({ text: text.replace(/(`+)(?:(?!\1)[\s\S])+?\1/g, (code) => ' '.repeat(code.length)), line: i + 1 });
  });
  return lines;
}

/**
 * The anchor GitHub gives a heading (github-slugger): its text as shown (links by their text, no HTML), lower case,
 * without anything but letters, marks, digits, `_`, `-` and spaces, spaces made hyphens.
 */
export function githubSlug(heading: string): string {
  const shown = heading.replace(/!?\[((?:[^[\]]|\[[^\]]*\])*)\]\([^)]*\)/g, '$1').replace(/<[^>]+>/g, '');
  return shown
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a page has: its ATX headings' (a repeated one gets `-1`, `-2`…), and HTML `id` / `name` attributes. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  // Headings keep their inline code: GitHub's anchor is made from the text inside it.
  const lines = markdown.split('\n');
  for (const { line } of proseLines(markdown)) {
    const text = lines[line - 1] ?? '';
    const heading = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(text)?.[1];
    if (heading !== undefined) {
      const slug = githubSlug(heading);
      const count = seen.get(slug) ?? 0;
      seen.set(slug, count + 1);
      anchors.add(count === 0 ? slug : `${slug}-${count}`);
    }
    for (const match of text.matchAll(/<[a-z][^>]*\s(?:id|name)=["']([^"']+)["']/gi)) anchors.add(match[1] ?? '');
  }
  return anchors;
}

/** Every link and image of a page (inline, reference definitions, HTML `href` / `src`), with its line. */
export function markdownLinks(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  for (const { text, line } of proseLines(markdown)) {
    // The text of a link may hold brackets one level deep: an image inside a link, found in that text.
    const inline = /(!?)\[((?:[^[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*)?\)/g;
    const scan = (part: string) => {
      for (const match of part.matchAll(inline)) {
        links.push({ target: match[3] ?? '', line, image: match[1] === '!' });
        scan(match[2] ?? '');
      }
    };
    scan(text);
    const definition = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(text);
    if (definition) links.push({ target: definition[1] ?? '', line, image: false });
    for (const match of text.matchAll(/<(a|img)\s[^>]*\b(?:href|src)=["']([^"']+)["']/gi)) {
      links.push({ target: match[2] ?? '', line, image: match[1]?.toLowerCase() === 'img' });
    }
  }
  return links;
}

/**
 * What is wrong with the local links of the page `file`: a file or folder that does not exist, or an anchor that
 * the page it points into (Markdown) does not have. Links with a scheme (https:, mailto:…) are not followed.
 */
export function brokenLinks(file: string): string[] {
  const markdown = readFileSync(file, 'utf8');
  const problems: string[] = [];
  const anchorsOf = new Map<string, Set<string>>();
  const anchors = (page: string) => {
    if (!anchorsOf.has(page)) anchorsOf.set(page, headingAnchors(readFileSync(page, 'utf8')));
    return anchorsOf.get(page) ?? new Set<string>();
  };
  for (const { target, line } of markdownLinks(markdown)) {
    if (/^[a-z][a-z\d+.-]*:/i.test(target)) continue;
    const [path = '', anchor] = target.split('#', 2);
    const resolved = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
    if (!existsSync(resolved)) {
      problems.push(`${file}:${line}: ${target} — there is no ${path}`);
      continue;
    }
    if (anchor !== undefined && /\.md$/i.test(resolved) && !anchors(resolved).has(decodeURIComponent(anchor))) {
      problems.push(`${file}:${line}: ${target} — ${path || 'this page'} has no heading with the anchor #${anchor}`);
    }
  }
  return problems;
}

/**
 * The manual stays a manual: README.md is short, every relative link in it and in docs/ leads to
 * a file (and heading) that exists, and the set-up commands it shows are the ones package.json
 * and CI really run.
 */
import fs from 'node:fs';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../..');
const README = path.join(REPO_ROOT, 'README.md');
const DOCS = path.join(REPO_ROOT, 'docs');
const README_LIMIT_BYTES = 16 * 1024;

function markdownFiles(): string[] {
  const docs = fs
    .readdirSync(DOCS)
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.join(DOCS, name));
  return [README, ...docs];
}

/** The text outside fenced code blocks and inline code spans, where a link is a link. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

function links(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, -1/-2 for repeats. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
  for (const [, heading] of withoutCode.matchAll(/^#{1,6} +(.+?) *#* *$/gm)) {
    const slug = heading!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return result;
}

function readText(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

describe('README.md and docs/', () => {
  it('README.md is at most 16 KB', () => {
    expect(fs.statSync(README).size).toBeLessThanOrEqual(README_LIMIT_BYTES);
  });

  it('has a docs/README.md index that links every page in docs/', () => {
    const index = readText(path.join(DOCS, 'README.md'));
    const linked = new Set(links(index).map((target) => target.split('#')[0]));
    const pages = fs
      .readdirSync(DOCS)
      .filter((name) => name.endsWith('.md') && name !== 'README.md');
    expect(pages.filter((page) => !linked.has(page))).toEqual([]);
  });

  it('every relative link resolves to an existing file, and every anchor to a heading', () => {
    const broken: string[] = [];
    for (const file of markdownFiles()) {
      for (const target of links(readText(file))) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:: not ours to check
        const [filePart, anchor] = target.split('#', 2) as [string, string | undefined];
        const resolved = filePart ? path.resolve(path.dirname(file), filePart) : file;
        const where = `${path.relative(REPO_ROOT, file)} -> ${target}`;
        if (!fs.existsSync(resolved)) {
          broken.push(`${where}: no such file`);
        } else if (anchor !== undefined && resolved.endsWith('.md')) {
          if (!anchors(readText(resolved)).has(anchor)) broken.push(`${where}: no such heading`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('shows the two set-up commands, and they are scripts package.json defines', () => {
    const readme = readText(README);
    expect(readme).toContain('npm install && npm run demo');
    expect(readme).toMatch(/^npm test\b/m);
    const scripts = JSON.parse(readText(path.join(REPO_ROOT, 'package.json'))).scripts as Record<
      string,
      string
    >;
    const mentioned = [...readme.matchAll(/\bnpm run ([\w:-]+)/g)].map((match) => match[1]!);
    expect(mentioned).toContain('demo');
    expect(mentioned.filter((name) => !(name in scripts))).toEqual([]);
    expect(scripts).toHaveProperty('test');
  });

  it("CI runs the README's test command", () => {
    expect(readText(path.join(REPO_ROOT, '.ci', 'run'))).toMatch(/^[^#\n]*\bnpm test\b/m);
  });
});

describe('the anchor rule used above', () => {
  it('follows GitHub: punctuation dropped, spaces to hyphens, repeats numbered', () => {
    const found = anchors(
      '# Scanning pushes too: `install --pre-push`\n## Plain git hooks (`.git/hooks`)\n## Plain git hooks (`.git/hooks`)\n```\n# not a heading\n```\n',
    );
    expect([...found]).toEqual([
      'scanning-pushes-too-install---pre-push',
      'plain-git-hooks-githooks',
      'plain-git-hooks-githooks-1',
    ]);
  });
});

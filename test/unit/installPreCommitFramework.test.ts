/** The pre-commit framework manifest: repositories add seg-hook to .pre-commit-config.yaml by URL. */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(fs.readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Array<
    Record<string, unknown>
  >;

  it('declares one node hook, id seg-hook, running the staged scan on the files pre-commit passes', () => {
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({
      id: 'seg-hook',
      language: 'node',
      entry: 'seg-hook --staged',
      pass_filenames: true,
    });
  });

  it('names no stage: `commit` is deprecated from pre-commit 3.2, `pre-commit` unknown before it', () => {
    expect(hooks[0]).not.toHaveProperty('stages');
    expect(hooks[0]).not.toHaveProperty('minimum_pre_commit_version');
  });

  it("uses the id that SKIP=seg-hook (pre-commit's convention) refers to", () => {
    expect(hooks[0].id).toBe('seg-hook');
  });

  it('is shipped in the package, with the hook template', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      files: string[];
      bin: Record<string, string>;
    };
    expect(manifest.files).toEqual(expect.arrayContaining(['hooks/', '.pre-commit-hooks.yaml']));
    expect(Object.keys(manifest.bin)).toContain(String(hooks[0].entry).split(' ')[0]);
  });
});

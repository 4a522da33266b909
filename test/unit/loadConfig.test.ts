import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_CONFIG } from '../../src/config/config';
import { CONFIG_FILE, loadConfig } from '../../src/config/loadConfig';
import { ScanError } from '../../src/errors';

let parent: string;
let root: string;

beforeEach(() => {
  // realpath: the repository root from git is always resolved.
  parent = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'seg-hook-config-')));
  root = path.join(parent, 'repo');
  fs.mkdirSync(root);
});

afterEach(() => {
  fs.rmSync(parent, { recursive: true, force: true });
});

function write(relative: string, content: unknown, base = root): string {
  const file = path.join(base, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

async function badConfig(promise: Promise<unknown>): Promise<ScanError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a bad-config ScanError, the configuration loaded');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ScanError);
  expect((error as ScanError).kind).toBe('bad-config');
  expect((error as ScanError).message).not.toContain('\n');
  return error as ScanError;
}

describe('loadConfig: where the configuration comes from', () => {
  test('no configuration: the defaults', async () => {
    expect(await loadConfig(root)).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG).toMatchObject({
      ignorePaths: [],
      sourcegraphTokens: 'block',
      source: null,
    });
  });

  test('.seg-hookrc.json at the root', async () => {
    const file = write(CONFIG_FILE, { ignorePaths: ['docs/**'], sourcegraphTokens: 'warn' });
    expect(await loadConfig(root)).toEqual({
      ...DEFAULT_CONFIG,
      ignorePaths: ['docs/**'],
      sourcegraphTokens: 'warn',
      source: file,
    });
  });

  test('an empty object is valid and gives the defaults with its source', async () => {
    const file = write(CONFIG_FILE, {});
    expect(await loadConfig(root)).toEqual({ ...DEFAULT_CONFIG, source: file });
  });

  test('package.json#seg-hook', async () => {
    const file = write('package.json', { name: 'x', 'seg-hook': { ignorePaths: ['fixtures/**'] } });
    expect(await loadConfig(root)).toEqual({
      ...DEFAULT_CONFIG,
      ignorePaths: ['fixtures/**'],
      source: file,
    });
  });

  test('a package.json without the seg-hook key: the defaults', async () => {
    write('package.json', { name: 'x', version: '1.0.0' });
    expect(await loadConfig(root)).toEqual(DEFAULT_CONFIG);
  });

  test('.seg-hookrc.json wins over package.json', async () => {
    write('package.json', { 'seg-hook': { ignorePaths: ['from-package/**'] } });
    const file = write(CONFIG_FILE, { ignorePaths: ['from-rc/**'] });
    expect(await loadConfig(root)).toMatchObject({ ignorePaths: ['from-rc/**'], source: file });
  });

  test('a configuration in a parent directory of the root is not used', async () => {
    write(CONFIG_FILE, { ignorePaths: ['**'] }, parent);
    write('package.json', { 'seg-hook': { ignorePaths: ['**'] } }, parent);
    expect(await loadConfig(root)).toEqual(DEFAULT_CONFIG);
  });

  test('a configuration in a subdirectory of the root is not used', async () => {
    write(`sub/${CONFIG_FILE}`, { ignorePaths: ['**'] });
    expect(await loadConfig(root)).toEqual(DEFAULT_CONFIG);
  });

  test('the root may be given with a trailing separator or as a relative path', async () => {
    const file = write(CONFIG_FILE, { ignorePaths: ['a/**'] });
    expect(await loadConfig(`${root}${path.sep}`)).toMatchObject({ source: file });
    expect(await loadConfig(path.relative(process.cwd(), root))).toMatchObject({ source: file });
  });

  test('an explicit path is used instead of the root configuration', async () => {
    write(CONFIG_FILE, { ignorePaths: ['root/**'] });
    const explicit = write('elsewhere/custom.json', { ignorePaths: ['custom/**'] }, parent);
    expect(await loadConfig(root, explicit)).toMatchObject({
      ignorePaths: ['custom/**'],
      source: explicit,
    });
  });

  test('an explicit package.json uses its seg-hook key', async () => {
    const explicit = write(
      'other/package.json',
      { 'seg-hook': { sourcegraphTokens: 'off' } },
      parent,
    );
    expect(await loadConfig(root, explicit)).toMatchObject({ sourcegraphTokens: 'off' });
  });
});

describe('loadConfig: a bad configuration is an error naming the file and the problem', () => {
  test('malformed JSON', async () => {
    const file = write(CONFIG_FILE, '{ "ignorePaths": [ }');
    const error = await badConfig(loadConfig(root));
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/invalid JSON/);
  });

  test('malformed JSON in package.json', async () => {
    const file = write('package.json', '{ "name": ');
    const error = await badConfig(loadConfig(root));
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/invalid JSON/);
  });

  test('an empty .seg-hookrc.json is not silently ignored', async () => {
    const file = write(CONFIG_FILE, '  \n');
    write('package.json', { 'seg-hook': { ignorePaths: ['**'] } });
    const error = await badConfig(loadConfig(root));
    expect(error.message).toBe(`${file}: no seg-hook configuration in it`);
  });

  test('an unknown key: named, with the nearest known key and the list of keys', async () => {
    const file = write(CONFIG_FILE, { ignorePaths: [], ignorePath: ['docs/**'] });
    const error = await badConfig(loadConfig(root));
    expect(error.message).toBe(
      `${file}: unknown key "ignorePath" (did you mean "ignorePaths"?); the keys are ignorePaths, sourcegraphTokens, credentialAssignments, riskyFileWarnings, enabled, policyChanges, decode`,
    );
  });

  test.each([
    [
      'ignorePaths is not an array',
      { ignorePaths: 'docs/**' },
      'ignorePaths: expected a list of non-empty glob strings, e.g. ["docs/**", "*.md"]',
    ],
    [
      'an ignorePaths entry is not a string',
      { ignorePaths: ['ok', 3] },
      'ignorePaths.1: expected a list of non-empty glob strings',
    ],
    [
      'an ignorePaths entry is empty',
      { ignorePaths: [''] },
      'ignorePaths.0: expected a list of non-empty glob strings',
    ],
    [
      'sourcegraphTokens has a bad value',
      { sourcegraphTokens: 'maybe' },
      'sourcegraphTokens: expected one of "block", "warn", "off"',
    ],
    [
      'sourcegraphTokens has the wrong type',
      { sourcegraphTokens: true },
      'sourcegraphTokens: expected one of "block", "warn", "off"',
    ],
    [
      'riskyFileWarnings is not a boolean',
      { riskyFileWarnings: 'no' },
      'riskyFileWarnings: expected true or false',
    ],
    [
      'the top level is an array',
      [],
      'top level: expected a JSON object such as {"ignorePaths": ["docs/**"]}',
    ],
    ['the top level is null', null, 'top level: expected a JSON object'],
  ])('%s: the expected type or values are named', async (_label, content, message) => {
    const file = write(CONFIG_FILE, content);
    const error = await badConfig(loadConfig(root));
    expect(error.message.startsWith(`${file}: ${message}`)).toBe(true);
  });

  test('a bad value or unknown key in package.json#seg-hook names that location', async () => {
    const file = write('package.json', { 'seg-hook': { sourcegraphTokens: 'loud' } });
    const error = await badConfig(loadConfig(root));
    expect(error.message).toBe(
      `${file}#seg-hook: sourcegraphTokens: expected one of "block", "warn", "off"`,
    );
    write('package.json', { 'seg-hook': { ignorepaths: [] } });
    const unknown = await badConfig(loadConfig(root));
    expect(unknown.message).toMatch(
      /package\.json#seg-hook: unknown key "ignorepaths" \(did you mean "ignorePaths"\?\)/,
    );
  });

  test('an explicit path that does not exist', async () => {
    const missing = path.join(parent, 'nope.json');
    const error = await badConfig(loadConfig(root, missing));
    expect(error.message).toBe(`${missing}: file not found`);
  });

  test('an explicit file without a seg-hook configuration', async () => {
    const explicit = write('package.json', { name: 'x' }, parent);
    const error = await badConfig(loadConfig(root, explicit));
    expect(error.message).toContain(explicit);
  });

  test('an explicit file in a format we do not read', async () => {
    const explicit = write('config.yaml', 'ignorePaths: []', parent);
    const error = await badConfig(loadConfig(root, explicit));
    expect(error.message).toContain(explicit);
  });
});

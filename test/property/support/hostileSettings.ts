/**
 * The hostile git settings of design.md ("Reading the staged diff correctly"), as switches a
 * scenario can combine freely. Each one would change what a naive `git diff --cached` prints
 * (colour, prefixes, context, renames, drivers, attributes, quoting) or what `git add` stages
 * (line-ending conversion), or what git grep prints for the new files of a large commit (colour,
 * columns, names, the pattern syntax). Attributes go to .git/info/attributes so they are not staged
 * content themselves.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface HostileTools {
  /** A diff driver / external diff that prints nothing. */
  emptyDiff: string;
  /** A textconv that upper-cases (would turn `sgp_` into `SGP_`). */
  upperCase: string;
}

interface HostileSetting {
  config?: (tools: HostileTools, gitDir: string) => Record<string, string>;
  attributes?: string[];
  env?: (tools: HostileTools) => NodeJS.ProcessEnv;
}

const SETTINGS = {
  'color.ui=always': { config: () => ({ 'color.ui': 'always' }) },
  'color.diff=always': { config: () => ({ 'color.diff': 'always' }) },
  'diff.external': { config: (t) => ({ 'diff.external': t.emptyDiff }) },
  'textconv upper-case (* diff=upper)': {
    attributes: ['* diff=upper'],
    config: (t) => ({ 'diff.upper.textconv': t.upperCase }),
  },
  'diff driver command (* diff=silent)': {
    attributes: ['* diff=silent'],
    config: (t) => ({ 'diff.silent.command': t.emptyDiff }),
  },
  '* binary': { attributes: ['* binary'] },
  '* -diff': { attributes: ['* -diff'] },
  '* text eol=crlf': { attributes: ['* text eol=crlf'] },
  'diff.noprefix=true': { config: () => ({ 'diff.noprefix': 'true' }) },
  'diff.mnemonicPrefix=true': { config: () => ({ 'diff.mnemonicPrefix': 'true' }) },
  'diff.relative=true': { config: () => ({ 'diff.relative': 'true' }) },
  'diff.renames=false': { config: () => ({ 'diff.renames': 'false' }) },
  'diff.renames=copies': { config: () => ({ 'diff.renames': 'copies' }) },
  'diff.context=7': { config: () => ({ 'diff.context': '7' }) },
  'diff.interHunkContext=9': { config: () => ({ 'diff.interHunkContext': '9' }) },
  'core.quotePath=false': { config: () => ({ 'core.quotePath': 'false' }) },
  'diff.algorithm=patience': { config: () => ({ 'diff.algorithm': 'patience' }) },
  'diff.algorithm=histogram': { config: () => ({ 'diff.algorithm': 'histogram' }) },
  'diff.suppressBlankEmpty=true': { config: () => ({ 'diff.suppressBlankEmpty': 'true' }) },
  'diff.orderFile': {
    config: (_t, gitDir) => {
      fs.writeFileSync(path.join(gitDir, 'order-file'), 'z*\n*/*\n*\n');
      return { 'diff.orderFile': path.join(gitDir, 'order-file') };
    },
  },
  'diff.colorMoved=zebra': { config: () => ({ 'diff.colorMoved': 'zebra', 'color.ui': 'always' }) },
  'diff.wsErrorHighlight=all': { config: () => ({ 'diff.wsErrorHighlight': 'all' }) },
  'core.autocrlf=true': { config: () => ({ 'core.autocrlf': 'true', 'core.safecrlf': 'false' }) },
  'core.fileMode=false': { config: () => ({ 'core.fileMode': 'false' }) },
  GIT_EXTERNAL_DIFF: { env: (t) => ({ GIT_EXTERNAL_DIFF: t.emptyDiff }) },
  'GIT_DIFF_OPTS=--unified=9': { env: () => ({ GIT_DIFF_OPTS: '--unified=9' }) },
  GIT_CONFIG_PARAMETERS: {
    env: () => ({
      GIT_CONFIG_PARAMETERS: "'diff.mnemonicprefix'='true' 'color.ui'='always' 'diff.context'='4'",
    }),
  },
  'GIT_CONFIG_COUNT/KEY/VALUE': {
    env: () => ({
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'diff.noprefix',
      GIT_CONFIG_VALUE_0: 'true',
      GIT_CONFIG_KEY_1: 'diff.renames',
      GIT_CONFIG_VALUE_1: 'copies',
    }),
  },
  // git grep reads the new files of a large commit (src/git/stagedDiff.ts newFileGrepArgs).
  'color.grep=always': { config: () => ({ 'color.grep': 'always' }) },
  'grep.column=true': { config: () => ({ 'grep.column': 'true' }) },
  'grep.patternType=fixed': { config: () => ({ 'grep.patternType': 'fixed' }) },
  'grep.patternType=basic': { config: () => ({ 'grep.patternType': 'basic' }) },
  'grep.patternType=perl': { config: () => ({ 'grep.patternType': 'perl' }) },
  'grep.threads=3': { config: () => ({ 'grep.threads': '3' }) },
  'submodule.recurse=true': { config: () => ({ 'submodule.recurse': 'true' }) },
  'GIT_CONFIG_COUNT (grep)': {
    env: () => ({
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'grep.patternType',
      GIT_CONFIG_VALUE_0: 'fixed',
      GIT_CONFIG_KEY_1: 'color.grep',
      GIT_CONFIG_VALUE_1: 'always',
    }),
  },
  'pager, editor, askpass': {
    env: () => ({ PAGER: 'less', GIT_PAGER: 'less', EDITOR: 'vi', SSH_ASKPASS: '/bin/false' }),
  },
} satisfies Record<string, HostileSetting>;

export type HostileSettingId = keyof typeof SETTINGS;
export const HOSTILE_SETTING_IDS = Object.keys(SETTINGS) as HostileSettingId[];

/** Writes the settings into the repository; returns the environment variables to run with. */
export function applyHostileSettings(
  ids: HostileSettingId[],
  gitDir: string,
  tools: HostileTools,
  setConfig: (key: string, value: string) => void,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  const attributes: string[] = [];
  for (const id of ids) {
    const setting: HostileSetting = SETTINGS[id];
    for (const [key, value] of Object.entries(setting.config?.(tools, gitDir) ?? {}))
      setConfig(key, value);
    attributes.push(...(setting.attributes ?? []));
    Object.assign(env, setting.env?.(tools) ?? {});
  }
  if (attributes.length) {
    fs.mkdirSync(path.join(gitDir, 'info'), { recursive: true });
    fs.writeFileSync(path.join(gitDir, 'info', 'attributes'), `${attributes.join('\n')}\n`);
  }
  return env;
}

/** The helper scripts the settings point at, in `dir`. */
export function writeHostileTools(dir: string): HostileTools {
  const script = (name: string, body: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return file;
  };
  return {
    emptyDiff: script('empty-diff.sh', 'exit 0'),
    upperCase: script('upper.sh', 'tr a-z A-Z < "$1"'),
  };
}

/** Whether any of `ids` changes how git grep runs (so a run that greps meets it). */
export function hasGrepSetting(ids: HostileSettingId[]): boolean {
  return ids.some((id) => /grep|submodule/.test(id));
}

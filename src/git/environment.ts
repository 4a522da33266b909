/**
 * The environment git runs with. Inside a hook, git describes the commit being made through
 * variables such as GIT_INDEX_FILE (`git commit -a` and `git commit <path>` use a temporary
 * index): those must reach our git calls. Everything else git-related (GIT_EXTERNAL_DIFF,
 * GIT_DIFF_OPTS, GIT_PAGER, tracing …) is dropped so it cannot change what we read.
 */
const REPOSITORY_VARIABLES = new Set([
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_CEILING_DIRECTORIES',
  'GIT_DISCOVERY_ACROSS_FILESYSTEM',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'GIT_CONFIG_NOSYSTEM',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
]);

function isKeptGitVariable(name: string): boolean {
  return REPOSITORY_VARIABLES.has(name) || /^GIT_CONFIG_(KEY|VALUE)_\d+$/.test(name);
}

export function gitEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.toUpperCase().startsWith('GIT_') || isKeptGitVariable(name)) result[name] = value;
  }
  return result;
}

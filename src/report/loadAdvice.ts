/**
 * How to load a token at run time instead, in the words of the file that held it: a Python
 * file gets os.environ, a workflow a secrets reference, JSON the news that it cannot read the
 * environment. A kind not listed gets the general advice. Pure: file names in, lines out.
 */

interface FileKind {
  name: string;
  /** How that kind of file (or the program reading it) takes the token from the environment. */
  advice: string;
  extensions?: string[];
  names?: string[];
}

const KINDS: FileKind[] = [
  {
    name: 'JavaScript/TypeScript',
    advice: 'process.env.SEGMENT_API_TOKEN',
    extensions: ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx', '.vue', '.svelte'],
  },
  {
    name: 'Python',
    advice: 'os.environ["SEGMENT_API_TOKEN"]',
    extensions: ['.py', '.pyw', '.ipynb'],
  },
  {
    name: 'shell',
    advice: '"$SEGMENT_API_TOKEN", exported outside the repository',
    extensions: ['.sh', '.bash', '.zsh', '.ksh', '.fish'],
    names: ['.bashrc', '.zshrc', '.profile', '.bash_profile'],
  },
  {
    name: 'YAML',
    advice:
      'a reference your tool resolves, e.g. ${{ secrets.SEGMENT_API_TOKEN }} (GitHub Actions) or ${SEGMENT_API_TOKEN} (Docker Compose)',
    extensions: ['.yml', '.yaml'],
  },
  {
    name: 'JSON',
    advice:
      'JSON cannot read the environment: leave the value out and have the program that reads the file take SEGMENT_API_TOKEN from the environment',
    extensions: ['.json', '.jsonc', '.json5'],
  },
  { name: 'Go', advice: 'os.Getenv("SEGMENT_API_TOKEN")', extensions: ['.go'] },
  {
    name: 'Java/Kotlin',
    advice: 'System.getenv("SEGMENT_API_TOKEN")',
    extensions: ['.java', '.kt', '.kts', '.scala', '.groovy'],
  },
  {
    name: 'properties',
    advice: '${SEGMENT_API_TOKEN} (Spring resolves it from the environment)',
    extensions: ['.properties'],
  },
  {
    name: 'Ruby',
    advice: 'ENV.fetch("SEGMENT_API_TOKEN")',
    extensions: ['.rb', '.rake', '.erb'],
    names: ['Gemfile', 'Rakefile'],
  },
  { name: 'PHP', advice: "getenv('SEGMENT_API_TOKEN')", extensions: ['.php'] },
  {
    name: 'C#',
    advice: 'Environment.GetEnvironmentVariable("SEGMENT_API_TOKEN")',
    extensions: ['.cs'],
  },
  { name: 'Rust', advice: 'std::env::var("SEGMENT_API_TOKEN")', extensions: ['.rs'] },
  {
    name: 'Terraform',
    advice: 'a sensitive variable set through TF_VAR_segment_api_token',
    extensions: ['.tf', '.tfvars'],
  },
  {
    name: 'Dockerfile',
    advice: 'a build secret (RUN --mount=type=secret) or a run-time variable, never ENV or ARG',
    names: ['Dockerfile', 'Containerfile'],
  },
];

/** At most this many kinds are named; more would bury step 2. */
const MOST_KINDS = 3;

function kindOf(file: string): FileKind | null {
  const base = file.slice(file.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 ? base.slice(dot).toLowerCase() : '';
  return (
    KINDS.find(
      (kind) =>
        kind.names?.some((name) => base === name || base.startsWith(`${name}.`)) ||
        (extension !== '' && kind.extensions?.includes(extension)),
    ) ?? null
  );
}

/**
 * Step 1 of the fix, for the files that hold the tokens: one line per kind of file (with the
 * first such file), or the general advice when no kind is known.
 */
export function loadAdvice(files: string[], show = (file: string) => file): string[] {
  const seen = new Map<FileKind, string>();
  for (const file of files) {
    const kind = kindOf(file);
    if (kind && !seen.has(kind)) seen.set(kind, file);
  }
  const head =
    '  1. Remove the token from each line above and load it at run time instead, from the';
  if (seen.size === 0) {
    return [
      head,
      '     environment (e.g. a SEGMENT_API_TOKEN variable the program reads) or a secrets manager.',
    ];
  }
  return [
    head,
    '     environment or a secrets manager:',
    ...[...seen]
      .slice(0, MOST_KINDS)
      .map(([kind, file]) => `       ${kind.name} (${show(file)}): ${kind.advice}`),
  ];
}

/** Which staged files earn a "this usually belongs in .gitignore" warning. */
import { isRiskyFile } from '../../src/detect/riskyFiles';

describe('isRiskyFile', () => {
  test.each([
    '.env',
    '.env.local',
    '.env.production',
    '.env.development.local',
    '.env.prod.bak',
    'config/.env',
    'apps/web/.env.staging',
    'credentials.js',
    'src/config/credentials.js',
  ])('%s is risky', (file) => {
    expect(isRiskyFile(file)).toBe(true);
  });

  test.each([
    '.env.example',
    '.env.sample',
    '.env.template',
    'config/.env.example',
    '.env.local.example',
    '.envrc',
    'env',
    '.environment',
    'my.env',
    'env.js',
    '.env-example',
    'src/env/index.ts',
    '.env/README.md',
    'credentials.json',
    'credentials.js.map',
    'credentials.jsx',
    'my-credentials.js',
    'docs/credentials.md',
    'README.md',
  ])('%s is not risky', (file) => {
    expect(isRiskyFile(file)).toBe(false);
  });
});

/**
 * The bundles carry the needles' renderings computed at build time (src/detect/builtNeedles.ts):
 * each must hold exactly what the sources compute, or the hook would search for stale needles.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { BUILT_NEEDLE_SOURCES } from '../../src/detect/builtNeedles';
import { computeNeedleSources, needlePattern, needlePcre } from '../../src/detect/findingNeedles';

const DIST_CLI = join(__dirname, '../../dist/cli');
/** esbuild's output for the define: the JSON as one string literal, in either quote. */
const BUILT_LITERAL =
  /BUILT_NEEDLE_SOURCES=false\?void 0:JSON\.parse\(('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\)/;

describe('needles built into the bundles', () => {
  it.each(['hook.js', 'program.js'])('%s carries the needles the sources compute', (bundle) => {
    const source = readFileSync(join(DIST_CLI, bundle), 'utf8');
    const literal = BUILT_LITERAL.exec(source);
    expect(literal).not.toBeNull();
    const built: unknown = JSON.parse(runInNewContext(literal![1]) as string);
    expect(built).toEqual(computeNeedleSources());
  });

  it('outside the bundles they are computed at run time, to the same needles', () => {
    expect(BUILT_NEEDLE_SOURCES).toBeUndefined();
    const computed = computeNeedleSources();
    expect(needlePcre()).toBe(computed.pcre);
    expect(needlePattern().source).toBe(new RegExp(computed.js).source);
  });
});

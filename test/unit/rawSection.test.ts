import { RawSectionSplitter } from '../../src/diff/rawSection';

const RAW =
  ':100644 100644 1111111111111111111111111111111111111111 2222222222222222222222222222222222222222 M\0a.txt\0' +
  ':000000 100644 0000000000000000000000000000000000000000 3333333333333333333333333333333333333333 A\0dir/b c\0' +
  ':100644 100644 4444444444444444444444444444444444444444 5555555555555555555555555555555555555555 R090\0old\0new\0';
const PATCH = 'diff --git a/a.txt b/a.txt\n@@ -1 +1 @@\n-x\n+y\0\0binary\0\n';

/** Feeds `output` in pieces of the given sizes; returns the raw part and everything after. */
function split(output: Buffer, sizes: number[]): { raw: Buffer; rest: Buffer } {
  const splitter = new RawSectionSplitter();
  let found: { raw: Buffer; rest: Buffer[] } | null = null;
  let at = 0;
  for (let i = 0; at < output.length; i++) {
    const chunk = output.subarray(at, at + sizes[i % sizes.length]);
    at += chunk.length;
    if (found) found.rest.push(chunk);
    else {
      const result = splitter.push(chunk);
      if (result) found = { raw: result.raw, rest: [result.rest] };
    }
  }
  if (!found) return { raw: splitter.end(), rest: Buffer.alloc(0) };
  return { raw: found.raw, rest: Buffer.concat(found.rest) };
}

describe('RawSectionSplitter', () => {
  const output = Buffer.from(`${RAW}\0${PATCH}`, 'latin1');

  test('the raw records and the patch, wherever the chunks are cut', () => {
    for (const sizes of [[output.length], [1], [2], [3, 7], [RAW.length], [RAW.length - 1, 5]]) {
      const { raw, rest } = split(output, sizes);
      expect(raw.toString('latin1')).toBe(RAW);
      expect(rest.toString('latin1')).toBe(PATCH);
    }
    for (let cut = 1; cut < output.length; cut++) {
      const { raw, rest } = split(output, [cut, output.length]);
      expect([raw.toString('latin1'), rest.toString('latin1')]).toEqual([RAW, PATCH]);
    }
  });

  test('no changes: empty output, nothing raw; records without a separator are all raw', () => {
    expect(split(Buffer.alloc(0), [1]).raw).toHaveLength(0);
    const onlyRaw = Buffer.from(RAW, 'latin1');
    expect(split(onlyRaw, [5]).raw.toString('latin1')).toBe(RAW);
  });
});

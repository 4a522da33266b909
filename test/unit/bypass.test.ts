import { bypassVariable } from '../../src/cli/bypass';

describe('bypassVariable', () => {
  test('nothing set: no bypass', () => {
    expect(bypassVariable({})).toBeNull();
  });

  test.each([['1'], ['true'], ['yes'], ['TRUE'], [' 1 ']])('SEG_HOOK_SKIP=%j bypasses', (value) => {
    expect(bypassVariable({ SEG_HOOK_SKIP: value })).toBe('SEG_HOOK_SKIP');
  });

  test.each([[''], ['  '], ['0'], ['false'], [' FALSE ']])(
    'SEG_HOOK_SKIP=%j does not bypass',
    (value) => {
      expect(bypassVariable({ SEG_HOOK_SKIP: value })).toBeNull();
    },
  );

  test.each([['seg-hook'], ['eslint,seg-hook'], ['eslint, seg-hook ,prettier'], ['seg-hook,']])(
    'SKIP=%j bypasses (the pre-commit framework convention)',
    (value) => {
      expect(bypassVariable({ SKIP: value })).toBe('SKIP=seg-hook');
    },
  );

  test.each([[''], ['seg'], ['seg-hook-other'], ['eslint'], ['SEG-HOOK'], ['seg-hook;x']])(
    'SKIP=%j does not bypass',
    (value) => {
      expect(bypassVariable({ SKIP: value })).toBeNull();
    },
  );

  test('SEG_HOOK_SKIP is named first when both are set', () => {
    expect(bypassVariable({ SEG_HOOK_SKIP: '1', SKIP: 'seg-hook' })).toBe('SEG_HOOK_SKIP');
    expect(bypassVariable({ SEG_HOOK_SKIP: '0', SKIP: 'seg-hook' })).toBe('SKIP=seg-hook');
  });
});

import { isCiValue } from '../helpers/ci';

describe('isCiValue: any true value of CI means CI', () => {
  test.each(['true', '1', 'yes', 'TRUE', 'True', ' on ', 'woodpecker'])('%j is CI', (value) => {
    expect(isCiValue(value)).toBe(true);
  });

  test.each([undefined, '', ' ', '0', 'false', 'FALSE', 'no', 'off'])('%j is not CI', (value) => {
    expect(isCiValue(value)).toBe(false);
  });
});

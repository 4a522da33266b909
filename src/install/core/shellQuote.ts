/** POSIX sh quoting for the values install writes into hook scripts. */

/** Single-quotes `value` so that sh reads it back byte for byte, whatever it holds. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The inverse of shellQuote (a run of '…' and \' pieces); null for anything else. */
export function shellUnquote(quoted: string): string | null {
  let result = '';
  let rest = quoted;
  while (rest !== '') {
    if (rest.startsWith("\\'")) {
      result += "'";
      rest = rest.slice(2);
      continue;
    }
    if (!rest.startsWith("'")) return null;
    const end = rest.indexOf("'", 1);
    if (end === -1) return null;
    result += rest.slice(1, end);
    rest = rest.slice(end + 1);
  }
  return quoted === '' ? null : result;
}

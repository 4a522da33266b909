/**
 * Forms as regular expressions, in the three dialects seg-hook hands them to: JavaScript (the
 * stage and the scanner), POSIX ERE (git diff -G, git grep -E, matched per line in the C
 * locale) and PCRE (git grep -P).
 */
import { Form } from './codec';

export type Dialect = 'ere' | 'pcre' | 'js';

/** A letter in either case, as a class; anything else as it is. */
function anyCase(ch: string): string {
  return `[${ch.toUpperCase()}${ch.toLowerCase()}]`;
}

export function escapeChar(ch: string, dialect: Dialect, hexAnyCase: boolean): string {
  // NUL cannot be passed to git in an argument: in POSIX ERE, any byte outside printable ASCII
  // stands for it (PCRE has an escape, and is faster with it: non-ASCII text no longer starts
  // a candidate match).
  if (ch === '\0') return dialect === 'ere' ? '[^ -~]' : '\\x00';
  if (hexAnyCase && /[a-fA-F]/.test(ch)) return anyCase(ch);
  return /[.*+?^${}()|[\]\\]/.test(ch) ? `\\${ch}` : ch;
}

/** A literal as a regex source; hex digits in either case if asked. */
export function literalSource(text: string, dialect: Dialect, hexAnyCase = false): string {
  return [...text].map((ch) => escapeChar(ch, dialect, hexAnyCase)).join('');
}

/** A form: each unit one literal, or a group of its alternatives. */
export function formSource(form: Pick<Form, 'units' | 'hexAnyCase'>, dialect: Dialect): string {
  return form.units
    .map((alternatives) => {
      const rendered = alternatives.map((text) => literalSource(text, dialect, form.hexAnyCase));
      if (rendered.length === 1) return rendered[0];
      return dialect === 'js' ? `(?:${rendered.join('|')})` : `(${rendered.join('|')})`;
    })
    .join('');
}

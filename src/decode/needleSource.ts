/**
 * Forms as regular expressions, written so that both engines seg-hook hands them to read them
 * alike: JavaScript (the stage and the scanner) and PCRE (git grep -P, per line, C locale).
 */
import { Form } from './codec';

export type Dialect = 'pcre' | 'js';

/** A letter in either case, as a class; anything else as it is. */
function anyCase(ch: string): string {
  return `[${ch.toUpperCase()}${ch.toLowerCase()}]`;
}

/** Characters with a meaning in a regex. (A string lookup: this runs for every character of
 * every form, in the process that first meets an encoded needle.) */
const SPECIAL = '.*+?^${}()|[]\\';

export function escapeChar(ch: string, hexAnyCase: boolean): string {
  // NUL cannot be passed to git in an argument: both dialects have an escape for it.
  if (ch === '\0') return '\\x00';
  if (hexAnyCase) {
    const lower = ch.charCodeAt(0) | 0x20;
    if (lower >= 0x61 && lower <= 0x66) return anyCase(ch);
  }
  return SPECIAL.includes(ch) ? `\\${ch}` : ch;
}

/** A literal as a regex source; hex digits in either case if asked. */
export function literalSource(text: string, hexAnyCase = false): string {
  let source = '';
  for (let i = 0; i < text.length; i++) source += escapeChar(text[i], hexAnyCase);
  return source;
}

/** A form: each unit one literal, or a group of its alternatives. */
export function formSource(form: Pick<Form, 'units' | 'hexAnyCase'>): string {
  return form.units
    .map((alternatives) => {
      const rendered = alternatives.map((text) => literalSource(text, form.hexAnyCase));
      if (rendered.length === 1) return rendered[0];
      return `(?:${rendered.join('|')})`;
    })
    .join('');
}

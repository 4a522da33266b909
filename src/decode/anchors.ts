/**
 * The search patterns of the stage: for each encoding, one pattern that finds where the
 * encoded forms of a string (`sgp_`) begin, and which form each hit is. Rendered with the
 * same function as the needles git is given (needleSource.ts), so what the gate lets through
 * and what the stage decodes are the same forms.
 */
import { Encoding, Form } from './codec';
import { formsOf, MAX_DEPTH } from './codecs';
import { formSource } from './needleSource';

export interface AnchorSearch {
  encoding: Encoding;
  /** A character every hit holds (its encoding's escape character), or null. */
  requires: string | null;
  /** Global, sticky-free; group i + 1 holds a hit of forms[i]. */
  pattern: RegExp;
  forms: Form[];
}

const cache = new Map<string, AnchorSearch[]>();

/** The searches for forms of `plain` whose chains are at most `depth` long, by outer encoding. */
export function anchorSearches(plain: string, depth: number): AnchorSearch[] {
  const key = `${depth}\0${plain}`;
  let searches = cache.get(key);
  if (searches === undefined) {
    searches = buildSearches(plain, depth);
    cache.set(key, searches);
  }
  return searches;
}

/**
 * Base64 and hex of an encoded prefix (chains of two or more under them) are not searched as
 * forms: they are runs of letters and digits (runs.ts), decoded whole.
 */
export function isAnchor(form: Form): boolean {
  return form.chain.length === 1 || (form.encoding !== 'base64' && form.encoding !== 'hex');
}

/**
 * What every form of an escaping encoding holds: a form is one only where something was
 * escaped (a partial form read with nothing escaped is the plain prefix, no hit). A text
 * without it needs no search (a native look for one character, on every decoded piece).
 */
const REQUIRED: Partial<Record<Encoding, string>> = {
  percent: '%',
  escape: '\\',
  quotedPrintable: '=',
  utf16: '\0',
};

function buildSearches(plain: string, depth: number): AnchorSearch[] {
  const byEncoding = new Map<Encoding, Form[]>();
  for (const form of formsOf(plain, MAX_DEPTH)) {
    if (form.chain.length > depth || !isAnchor(form)) continue;
    byEncoding.set(form.encoding, [...(byEncoding.get(form.encoding) ?? []), form]);
  }
  return [...byEncoding].map(([encoding, forms]) => ({
    encoding,
    requires: REQUIRED[encoding] ?? null,
    forms,
    pattern: new RegExp(forms.map((form) => `(${formSource(form)})`).join('|'), 'g'),
  }));
}

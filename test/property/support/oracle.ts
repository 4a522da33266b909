/**
 * The oracle, independent of any diff algorithm. From the index's bytes and HEAD's bytes:
 *   (a) a planted token that occurs in the index but nowhere in HEAD must be reported at every
 *       (file, line) where it occurs in the index;
 *   (b) a token absent from the index is never reported;
 *   (c) every reported (file, line, column) really holds a planted token in the index.
 * (b) follows from (c): the reported text is read back from the index itself.
 */
import { JsonReport } from '../../helpers/gitRepo';
import { PREFIX } from '../../helpers/tokens';
import { Blob } from './gitState';
import { EncodedPlanting } from './plantedTokens';

/** An escape right before a token (`\n`, `%20`, `\u0022`) is a boundary, though it ends in a letter. */
const ENDS_WITH_ESCAPE = /(\\[nrt]|\\u[0-9A-Fa-f]{4}|\\x[0-9A-Fa-f]{2}|%[0-9A-Fa-f]{2})$/;

export interface Occurrence {
  file: string;
  line: number;
  /** 1-based, UTF-16 code units of the line decoded as UTF-8 (the CLI contract). */
  column: number;
  endColumn: number;
  token: number;
}

const isTokenByte = (byte: number | undefined) =>
  byte !== undefined && /[A-Za-z0-9_]/.test(String.fromCharCode(byte));
const isAlphanumericByte = (byte: number | undefined) =>
  byte !== undefined && /[A-Za-z0-9]/.test(String.fromCharCode(byte));

/** The line's bytes (1-based), without its '\n'. */
export function lineBytes(content: Buffer, line: number): Buffer | undefined {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const newline = content.indexOf(0x0a, start);
    if (newline === -1) return undefined;
    start = newline + 1;
  }
  if (start > content.length) return undefined;
  const end = content.indexOf(0x0a, start);
  return content.subarray(start, end === -1 ? content.length : end);
}

/** Every place a planted token occurs in `blobs`. */
export function occurrences(blobs: Blob[], tokens: string[]): Occurrence[] {
  const found: Occurrence[] = [];
  for (const blob of blobs) {
    tokens.forEach((token, index) => {
      const needle = Buffer.from(token);
      for (
        let at = blob.content.indexOf(needle);
        at !== -1;
        at = blob.content.indexOf(needle, at + 1)
      ) {
        const lineStart = at === 0 ? 0 : blob.content.lastIndexOf(0x0a, at - 1) + 1;
        // The generator always plants tokens with boundaries; anything else is a test bug.
        const escaped = ENDS_WITH_ESCAPE.test(
          blob.content.subarray(Math.max(lineStart, at - 6), at).toString('latin1'),
        );
        if (
          (isTokenByte(at > lineStart ? blob.content[at - 1] : undefined) && !escaped) ||
          isAlphanumericByte(blob.content[at + needle.length])
        ) {
          throw new Error(`generator bug: token #${index} planted without a boundary`);
        }
        const line = countNewlines(blob.content, at) + 1;
        const column = blob.content.subarray(lineStart, at).toString('utf8').length + 1;
        found.push({
          file: blob.path,
          line,
          column,
          endColumn: column + token.length,
          token: index,
        });
      }
    });
  }
  return found;
}

function countNewlines(content: Buffer, end: number): number {
  let count = 0;
  for (let at = content.indexOf(0x0a); at !== -1 && at < end; at = content.indexOf(0x0a, at + 1))
    count++;
  return count;
}

/** What the contract allows to be shown of a token: the prefix, two first and two last characters. */
export function redactedForm(token: string): string {
  const body = token.slice(PREFIX.length);
  return `${PREFIX}${body.slice(0, 2)}…${body.slice(-2)}`;
}

/** (a): occurrences in the index (within the scope) of tokens found nowhere in HEAD. */
export function requiredOccurrences(input: OracleInput): Occurrence[] {
  const inScope = (file: string) => !input.scope || input.scope.has(file);
  const inHead = (token: string) => input.head.some((blob) => blob.content.includes(token));
  return occurrences(input.index, input.tokens).filter(
    (occurrence) => inScope(occurrence.file) && !inHead(input.tokens[occurrence.token]),
  );
}

const where = (file: string, line: number, column: number) =>
  `${JSON.stringify(file)}:${line}:${column}`;

export interface OracleInput {
  index: Blob[];
  head: Blob[];
  tokens: string[];
  /** Only these files were asked for (lint-staged style); all when absent. */
  scope?: Set<string>;
  /** Tokens planted under encodings (their decoded tokens are in `tokens` too). */
  encoded?: EncodedPlanting[];
}

export interface EncodedOccurrence {
  file: string;
  line: number;
  /** Columns of the encoded text on its line (1-based, end exclusive). */
  column: number;
  endColumn: number;
  planting: EncodedPlanting;
}

/** Every place an encoded planting's text occurs in `blobs`. */
export function encodedOccurrences(
  blobs: Blob[],
  plantings: EncodedPlanting[],
): EncodedOccurrence[] {
  const found: EncodedOccurrence[] = [];
  for (const blob of blobs) {
    for (const planting of plantings) {
      const needle = Buffer.from(planting.text, 'latin1');
      for (
        let at = blob.content.indexOf(needle);
        at !== -1;
        at = blob.content.indexOf(needle, at + 1)
      ) {
        const lineStart = at === 0 ? 0 : blob.content.lastIndexOf(0x0a, at - 1) + 1;
        const column = blob.content.subarray(lineStart, at).toString('utf8').length + 1;
        found.push({
          file: blob.path,
          line: countNewlines(blob.content, at) + 1,
          column,
          endColumn: column + planting.text.length,
          planting,
        });
      }
    }
  }
  return found;
}

/** Encoded plantings new in the index (within the scope): each must be reported. */
export function requiredEncoded(input: OracleInput): EncodedOccurrence[] {
  const inScope = (file: string) => !input.scope || input.scope.has(file);
  const inHead = (text: string) =>
    input.head.some((blob) => blob.content.includes(Buffer.from(text, 'latin1')));
  return encodedOccurrences(input.index, input.encoded ?? []).filter(
    (occurrence) => inScope(occurrence.file) && !inHead(occurrence.planting.text),
  );
}

/** The finding reports this encoded occurrence: its line, inside its text, its token and chain. */
function reportsEncoded(finding: JsonReport['findings'][number], occurrence: EncodedOccurrence) {
  return (
    finding.file === occurrence.file &&
    finding.line === occurrence.line &&
    finding.column >= occurrence.column &&
    finding.endColumn <= occurrence.endColumn &&
    finding.secret === redactedForm(occurrence.planting.token) &&
    JSON.stringify(finding.encoding) === JSON.stringify(occurrence.planting.chain)
  );
}

/** Violations of (a), (b), (c) and of the exit-code contract; empty when the report is right. */
export function checkReport(
  input: OracleInput,
  status: number | null,
  report: JsonReport,
): string[] {
  const problems: string[] = [];
  const inScope = (file: string) => !input.scope || input.scope.has(file);
  const indexByPath = new Map(input.index.map((blob) => [blob.path, blob]));

  const reported = new Set<string>();
  const encoded = encodedOccurrences(input.index, input.encoded ?? []);
  for (const finding of report.findings) {
    const at = where(finding.file, finding.line, finding.column);
    if (reported.has(at)) problems.push(`reported twice: ${at}`);
    reported.add(at);
    if (!inScope(finding.file)) problems.push(`reported outside the paths asked for: ${at}`);
    if (finding.encoding) {
      if (!encoded.some((occurrence) => reportsEncoded(finding, occurrence)))
        problems.push(`(c) no planted ${finding.encoding.join('>')} token at ${at} in the index`);
      continue;
    }
    const blob = indexByPath.get(finding.file);
    const bytes = blob && lineBytes(blob.content, finding.line);
    if (!bytes) {
      problems.push(`(c) reported where the index has no such file or line: ${at}`);
      continue;
    }
    const text = bytes.toString('utf8').slice(finding.column - 1, finding.endColumn - 1);
    const token = input.tokens.indexOf(text);
    if (token === -1) {
      problems.push(`(c) no planted token at ${at}-${finding.endColumn} in the index`);
      continue;
    }
    if (finding.secret !== redactedForm(text))
      problems.push(`secret at ${at} is not the redacted form of token #${token}`);
    if (finding.ruleId !== 'segment-public-api-token' || finding.blocking !== true)
      problems.push(
        `token #${token} at ${at} reported as ${finding.ruleId}, blocking ${finding.blocking}`,
      );
  }

  for (const occurrence of requiredOccurrences(input)) {
    const at = where(occurrence.file, occurrence.line, occurrence.column);
    const hit = report.findings.find(
      (f) => where(f.file, f.line, f.column) === at && f.endColumn === occurrence.endColumn,
    );
    if (!hit) problems.push(`(a) missed token #${occurrence.token} at ${at} (new in the index)`);
  }

  for (const occurrence of requiredEncoded(input)) {
    if (!report.findings.some((finding) => reportsEncoded(finding, occurrence))) {
      const at = where(occurrence.file, occurrence.line, occurrence.column);
      problems.push(`(a) missed a ${occurrence.planting.chain.join('>')} token at ${at}`);
    }
  }

  const wantStatus = report.findings.length > 0 ? 1 : 0;
  if (status !== wantStatus) problems.push(`exit code ${status}, expected ${wantStatus}`);
  return problems;
}

/**
 * Validation against the official SARIF 2.1.0 JSON schema (the copy shipped in
 * @microsoft/jest-sarif; nothing is fetched). The file is written for JSON Schema draft-04;
 * its keywords are all draft-07 compatible except the top-level `id`, which becomes `$id`.
 */
import fs from 'node:fs';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

let validator: ValidateFunction | undefined;

function compile(): ValidateFunction {
  const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  // Drop the draft-04 `$schema` (ajv 8 does not know that meta-schema) and rename `id`.
  const { id, ...rest } = schema;
  delete rest.$schema;
  // The schema's `language` pattern has a stray `]` that only non-unicode regexps accept.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ $id: String(id), ...rest });
}

/** The schema errors of `log` (empty when it is valid SARIF 2.1.0). */
export function sarifSchemaErrors(log: unknown): ErrorObject[] {
  validator ??= compile();
  return validator(log) ? [] : [...(validator.errors ?? [])];
}

// The JSON schema that vega-lite ships (vega-lite/vega-lite-schema.json, draft-07), compiled once with
// ajv for tests that check our specs are valid Vega-Lite. Its three string formats get small checks here.
import { Ajv, type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

let validator: ValidateFunction | undefined;

export function vegaLiteValidator(): ValidateFunction {
  if (validator !== undefined) return validator;
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(readFileSync(require.resolve('vega-lite/vega-lite-schema.json'), 'utf8')) as object;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i);
  ajv.addFormat('uri-reference', /^\S*$/);
  ajv.addFormat('color-hex', /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i);
  validator = ajv.compile(schema);
  return validator;
}

/** The schema errors of `spec`, as short lines (empty when it is valid). */
export function schemaErrors(spec: unknown): string[] {
  const validate = vegaLiteValidator();
  if (validate(spec)) return [];
  return (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

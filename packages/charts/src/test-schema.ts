/** Test helper: a validator for the Vega-Lite JSON schema shipped by vega-lite, compiled once per test file. */
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';

let validator: ValidateFunction | undefined;

/** Returns ajv's validator of `vega-lite/build/vega-lite-schema.json` (formats the schema names are accepted). */
export function vegaLiteValidator(): ValidateFunction {
  if (validator !== undefined) return validator;
  const require = createRequire(import.meta.url);
  const schema = require('vega-lite/vega-lite-schema.json') as object;
  const ajv = new Ajv({ allowUnionTypes: true, strict: false, allErrors: false });
  ajv
    .addFormat('uri', true)
    .addFormat('uri-reference', true)
    .addFormat('color-hex', /^#[0-9a-fA-F]{3,8}$/);
  validator = ajv.compile(schema);
  return validator;
}

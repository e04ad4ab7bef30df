import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { AppError } from '../../errors/index.js';
import { packageRoot } from '../../util/package-root.js';

/**
 * The OASIS STIX 2.1 JSON schemas (cti-stix2-json-schemas), loaded from a folder at run time:
 * Warden never ships a copy. They are draft 2020-12 with relative `$ref`s, so every file is
 * registered under its `$id`; their regexes use escapes invalid in Unicode mode, hence
 * `unicodeRegExp: false`.
 */
export interface StixSchemaSet {
  /** The folder the schemas were read from. */
  readonly dir: string;
  /** A compiled validator for a STIX type, or the generic core one for custom types. */
  validatorFor(type: string, isObservable: boolean): ValidateFunction;
}

const ID_BASE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';

/** Where the schemas are looked for when no path is configured: ../shared/data beside the repo. */
export function defaultStixSchemaDir(): string {
  return join(packageRoot(), '..', 'shared', 'data', 'stix2.1-json-schemas');
}

function resolveSchemaRoot(dir: string): string {
  const candidates = [join(dir, 'schemas'), dir];
  for (const c of candidates) if (existsSync(join(c, 'common', 'core.json'))) return c;
  throw new AppError(
    'STIX_SCHEMAS_MISSING',
    `OASIS STIX 2.1 JSON schemas not found in ${dir} (expected schemas/common/core.json). ` +
      'Check out oasis-open/cti-stix2-json-schemas there, or pass its folder (CLI: --stix-schemas DIR).',
    { details: { dir } },
  );
}

const cache = new Map<string, StixSchemaSet>();

/**
 * Loads and compiles the schema folder once per path. Throws STIX_SCHEMAS_MISSING with the path
 * when the folder is absent, so a misconfiguration is never mistaken for an invalid bundle.
 */
export function loadStixSchemas(dir: string = defaultStixSchemaDir()): StixSchemaSet {
  const hit = cache.get(dir);
  if (hit) return hit;
  const root = resolveSchemaRoot(dir);
  const ajv = new Ajv2020({ strict: false, allErrors: false, unicodeRegExp: false, validateFormats: true });
  addFormats.default(ajv);
  const known = new Map<string, string>();
  for (const group of ['common', 'observables', 'sdos', 'sros']) {
    const folder = join(root, group);
    if (!existsSync(folder) || !statSync(folder).isDirectory()) continue;
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.json'))) {
      const schema = JSON.parse(readFileSync(join(folder, file), 'utf8')) as { $id?: string };
      const id = schema.$id ?? `${ID_BASE}${group}/${file}`;
      ajv.addSchema(schema, id);
      if (group !== 'common') known.set(file.replace(/\.json$/, ''), id);
    }
  }
  for (const t of ['marking-definition', 'extension-definition', 'language-content']) known.set(t, `${ID_BASE}common/${t}.json`);
  const compiled = new Map<string, ValidateFunction>();
  const get = (id: string): ValidateFunction => {
    let v = compiled.get(id);
    if (!v) {
      v = ajv.getSchema(id);
      if (!v) throw new AppError('STIX_SCHEMAS_MISSING', `Schema ${id} missing from ${root}`, { details: { dir: root, id } });
      compiled.set(id, v);
    }
    return v;
  };
  const set: StixSchemaSet = {
    dir: root,
    validatorFor(type, isObservable) {
      const id = known.get(type) ?? `${ID_BASE}common/${isObservable ? 'cyber-observable-core' : 'core'}.json`;
      return get(id);
    },
  };
  cache.set(dir, set);
  return set;
}

/** The most specific ajv errors: combinator noise (oneOf/anyOf/allOf/if) dropped when others exist. */
export function pickSpecificErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const specific = errors.filter((e) => !['oneOf', 'anyOf', 'allOf', 'if', 'not'].includes(e.keyword));
  return specific.length > 0 ? specific : [...errors];
}

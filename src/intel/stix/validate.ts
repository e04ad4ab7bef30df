import type { ErrorObject } from 'ajv';
import { parsePattern } from '../pattern/parser.js';
import { pickSpecificErrors, type StixSchemaSet } from './schemas.js';
import { META_TYPES, OBSERVABLE_TYPES, type StixIssue } from './types.js';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}';
const ID_RE = new RegExp(`^([a-z][a-z0-9-]+[a-z0-9])--${UUID}$`);

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function ajvIssue(e: ErrorObject, objectId: string, index: number | null): StixIssue {
  const extra =
    e.keyword === 'required'
      ? `/${String((e.params as { missingProperty?: string }).missingProperty)}`
      : e.keyword === 'additionalProperties'
        ? `/${String((e.params as { additionalProperty?: string }).additionalProperty)}`
        : '';
  const field = `${e.instancePath}${extra}`.replace(/^\//, '').replace(/\//g, '.') || '(object)';
  return { objectId, index, field, rule: `${e.keyword}: ${e.message ?? 'invalid'} (OASIS schema)` };
}

/**
 * Validates one STIX 2.1 object: the identity rules first (type, id of that type, spec_version
 * 2.1; STIX 2.1 §2.9, §3.2) so the commonest mistakes get plain messages, then the OASIS JSON
 * schema of its type, then rules the schemas do not express: `modified` ≥ `created` (§3.2),
 * an indicator's `valid_until` later than `valid_from` (§4.7) and a STIX pattern that parses (§9).
 */
export function validateStixObject(
  obj: unknown,
  index: number | null,
  schemas: StixSchemaSet,
  options: { strict?: boolean } = {},
): StixIssue[] {
  if (!isRecord(obj)) return [{ objectId: null, index, field: '(object)', rule: 'must be a JSON object' }];
  const id = typeof obj.id === 'string' ? obj.id : null;
  const issue = (field: string, rule: string): StixIssue => ({ objectId: id, index, field, rule });
  if (typeof obj.type !== 'string' || obj.type === '') return [issue('type', 'required: every STIX object has a type (§3.2)')];
  const type = obj.type;
  if (obj.id === undefined) return [issue('id', `required: a ${type} has an id "${type}--<uuid>" (§2.9)`)];
  if (id === null || !ID_RE.test(id)) return [issue('id', `must be "${type}--" followed by a UUID (§2.9), got ${JSON.stringify(obj.id)}`)];
  if (!id.startsWith(`${type}--`)) return [issue('id', `id of type "${id.slice(0, id.indexOf('--'))}" on an object of type "${type}" (§2.9: the id starts with the object's type)`)];
  const isObservable = OBSERVABLE_TYPES.has(type) || (!('created' in obj) && !META_TYPES.has(type) && type.startsWith('x-'));
  if (obj.spec_version !== undefined && obj.spec_version !== '2.1') {
    return [issue('spec_version', `must be "2.1", got ${JSON.stringify(obj.spec_version)} (Warden reads STIX 2.1 only)`)];
  }
  if (obj.spec_version === undefined && !isObservable) return [issue('spec_version', 'required: must be "2.1" on SDOs, SROs and meta objects (§3.2)')];

  const validator = schemas.validatorFor(type, isObservable);
  const issues: StixIssue[] = [];
  if (!validator(obj)) {
    const seen = new Set<string>();
    for (const e of pickSpecificErrors(validator.errors ?? [])) {
      const i = ajvIssue(e, id, index);
      const key = `${i.field}|${i.rule}`;
      if (seen.has(key)) continue;
      seen.add(key);
      issues.push(i);
      if (seen.size >= 5) break;
    }
  }

  if (typeof obj.created === 'string' && typeof obj.modified === 'string' && Date.parse(obj.modified) < Date.parse(obj.created)) {
    // A MUST of §3.2 that published feeds break (MITRE ATLAS 5.6 has two such objects): a
    // warning by default so the feed still imports, an error under `strict`.
    const broken = issue('modified', `must be later than or equal to created (§3.2): ${obj.modified} < ${obj.created}`);
    issues.push(options.strict ? broken : { ...broken, severity: 'warning' });
  }
  if (type === 'indicator') {
    if (typeof obj.valid_from === 'string' && typeof obj.valid_until === 'string' && !(Date.parse(obj.valid_until) > Date.parse(obj.valid_from))) {
      issues.push(issue('valid_until', `must be later than valid_from (§4.7): valid_until ${obj.valid_until} is not after valid_from ${obj.valid_from}`));
    }
    if (obj.pattern_type === 'stix' && typeof obj.pattern === 'string') {
      const parsed = parsePattern(obj.pattern);
      if (!parsed.ok) issues.push(issue('pattern', `INDICATOR_PATTERN_INVALID: ${parsed.error.message} at character ${parsed.error.position} (§9)`));
    }
  }
  return issues;
}

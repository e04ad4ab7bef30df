import { readFileSync, statSync } from 'node:fs';
import sjson from 'secure-json-parse';
import type { z } from 'zod';
import { AppError } from '../../errors/index.js';
import { gatewayPolicySchema, type GatewayPolicy } from './policy.schema.js';

/** A policy is a page of thresholds; anything far larger is a mistake or an attack on the parser. */
export const MAX_POLICY_FILE_BYTES = 1024 * 1024;

/** One problem with a policy document: where (`content.ttps.x[0].minScore`) and what to change. */
export interface PolicyIssue {
  path: string;
  message: string;
}

function pathOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out || '(root)';
}

function issuesOf(error: z.ZodError): PolicyIssue[] {
  return error.issues.map((i) => {
    let message = i.message;
    if (i.code === 'unrecognized_keys') message = `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}; remove or correct the spelling (docs/gateway-policy.md lists every field)`;
    return { path: pathOf(i.path), message };
  });
}

function invalid(source: string, issues: PolicyIssue[]): AppError {
  return new AppError('CONFIG_INVALID', `gateway policy ${source} is invalid:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`, {
    details: { source, issues },
    expose: true,
  });
}

/**
 * Validates a policy object (already parsed) over the shipped defaults. Throws CONFIG_INVALID
 * listing every issue with its path, so an operator fixes all of them in one go.
 */
export function parseGatewayPolicy(input: unknown, source = 'document'): GatewayPolicy {
  const r = gatewayPolicySchema.safeParse(input);
  if (!r.success) throw invalid(source, issuesOf(r.error));
  return r.data;
}

/**
 * The first key that appears twice in one object of (valid) JSON text, with the path of the
 * object it is in. A linear scan: strings are skipped with their escapes, objects and arrays
 * tracked on a stack.
 */
export function duplicateKey(text: string): { key: string; path: string } | undefined {
  type Frame = { keys: Set<string> | null; name: string | number; index: number };
  const stack: Frame[] = [];
  let lastString: string | null = null;
  let pendingKey: string | number = '';
  const pathOf = () => {
    let out = '';
    for (const f of stack.slice(1)) out += typeof f.name === 'number' ? `[${f.name}]` : out === '' ? f.name : `.${f.name}`;
    return out || '(root)';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      lastString = JSON.parse(text.slice(i, j + 1)) as string;
      i = j;
    } else if (ch === ':') {
      const top = stack[stack.length - 1];
      if (top?.keys && lastString !== null) {
        if (top.keys.has(lastString)) return { key: lastString, path: pathOf() };
        top.keys.add(lastString);
        pendingKey = lastString;
      }
    } else if (ch === '{' || ch === '[') {
      const top = stack[stack.length - 1];
      const name = top ? (top.keys ? pendingKey : top.index) : '';
      stack.push({ keys: ch === '{' ? new Set() : null, name, index: 0 });
    } else if (ch === '}' || ch === ']') stack.pop();
    else if (ch === ',') {
      const top = stack[stack.length - 1];
      if (top && !top.keys) top.index++;
    }
  }
  return undefined;
}

/** Parses policy JSON text: refuses oversized text, malformed JSON and `__proto__` keys by name. */
export function parseGatewayPolicyText(text: string, source = 'document'): GatewayPolicy {
  if (Buffer.byteLength(text, 'utf8') > MAX_POLICY_FILE_BYTES)
    throw invalid(source, [{ path: '(file)', message: `larger than ${MAX_POLICY_FILE_BYTES} bytes; a policy is a page of thresholds — check you passed the right file` }]);
  let input: unknown;
  try {
    input = sjson.parse(text, null, { protoAction: 'error', constructorAction: 'error' });
  } catch (err) {
    const msg = (err as Error).message;
    throw invalid(source, [
      /prototype/i.test(msg)
        ? { path: '(file)', message: 'has a "__proto__" or "constructor.prototype" key, which a policy never needs; remove it' }
        : { path: '(file)', message: `not valid JSON (${msg}); fix the syntax` },
    ]);
  }
  const dup = duplicateKey(text);
  if (dup) throw invalid(source, [{ path: dup.path, message: `the key "${dup.key}" appears twice in one object; keep one (JSON parsers silently take the last)` }]);
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw invalid(source, [{ path: '(root)', message: 'must be a JSON object such as {"failMode": "closed"}' }]);
  return parseGatewayPolicy(input, source);
}

/** The shipped policy: every default, nothing from a file. */
export const DEFAULT_GATEWAY_POLICY: GatewayPolicy = parseGatewayPolicy({}, 'defaults');

/**
 * Reads the policy file named by `WARDEN_GATEWAY_POLICY_FILE` (or the defaults when unset). The
 * size is checked before reading so a wrong path to a huge file fails fast.
 */
export function loadGatewayPolicy(file: string | undefined): GatewayPolicy {
  if (!file) return DEFAULT_GATEWAY_POLICY;
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_POLICY_FILE_BYTES)
      throw invalid(file, [{ path: '(file)', message: `${size} bytes, larger than ${MAX_POLICY_FILE_BYTES}; a policy is a page of thresholds — check WARDEN_GATEWAY_POLICY_FILE` }]);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('CONFIG_INVALID', `gateway policy ${file} could not be read (${(err as Error).message}); check WARDEN_GATEWAY_POLICY_FILE`, {
      details: { source: file },
      expose: true,
      cause: err,
    });
  }
  return parseGatewayPolicyText(text, file);
}

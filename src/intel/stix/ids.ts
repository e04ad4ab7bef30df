import { createHash, randomUUID } from 'node:crypto';

/** STIX 2.1 §2.9: the namespace for deterministic Cyber-observable ids. */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
/** Warden's own namespace for deterministic SDO/SRO ids (a fixed random UUID, never change it). */
export const WARDEN_NAMESPACE = '7f6a3c1e-5d2b-4f0e-9a8c-2b1d4e6f8a90';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

/** RFC 9562 §5.5 UUIDv5 (SHA-1, name-based). */
export function uuidV5(namespace: string, name: string): string {
  const hash = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * RFC 8785 JSON canonicalisation for the values STIX id contributions hold (strings, integers,
 * booleans, arrays, objects): keys sorted by UTF-16 code units, no whitespace.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** STIX 2.1 §6: the ID Contributing Properties of each SCO type (plus Warden's, §7.3 extensions). */
export const ID_CONTRIBUTING_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  artifact: ['hashes', 'payload_bin'],
  'autonomous-system': ['number'],
  directory: ['path'],
  'domain-name': ['value'],
  'email-addr': ['value'],
  'email-message': ['from_ref', 'subject', 'body'],
  file: ['hashes', 'name', 'extensions', 'parent_directory_ref'],
  'ipv4-addr': ['value'],
  'ipv6-addr': ['value'],
  'mac-addr': ['value'],
  mutex: ['name'],
  'network-traffic': ['start', 'end', 'src_ref', 'dst_ref', 'src_port', 'dst_port', 'protocols', 'extensions'],
  software: ['name', 'cpe', 'swid', 'vendor', 'version'],
  url: ['value'],
  'user-account': ['account_type', 'user_id', 'account_login'],
  'windows-registry-key': ['key', 'values'],
  'x509-certificate': ['hashes', 'serial_number'],
  'x-warden-device': ['fingerprint'],
  'x-warden-payment': ['fingerprint'],
};

/** §2.9: of several hashes only one contributes, in this order of preference. */
const HASH_PREFERENCE = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'];

function chooseOneHash(hashes: Record<string, unknown>): Record<string, unknown> {
  for (const k of HASH_PREFERENCE) if (hashes[k] !== undefined) return { [k]: hashes[k] };
  const first = Object.keys(hashes).sort()[0];
  return first === undefined ? {} : { [first]: hashes[first] };
}

/**
 * The deterministic id of a Cyber-observable (STIX 2.1 §2.9): UUIDv5 in the SCO namespace over
 * the canonical JSON of its ID Contributing Properties. Types without any (e.g. `process`), or
 * objects with none of them set, get a UUIDv4 as the specification requires.
 */
export function scoId(type: string, properties: Record<string, unknown>): string {
  const keys = ID_CONTRIBUTING_PROPERTIES[type];
  if (!keys) return `${type}--${randomUUID()}`;
  const contrib: Record<string, unknown> = {};
  for (const k of keys) {
    const v = properties[k];
    if (v === undefined) continue;
    contrib[k] = k === 'hashes' && v && typeof v === 'object' ? chooseOneHash(v as Record<string, unknown>) : v;
  }
  if (Object.keys(contrib).length === 0) return `${type}--${randomUUID()}`;
  return `${type}--${uuidV5(STIX_SCO_NAMESPACE, canonicalJson(contrib))}`;
}

/** A stable id for a Warden-made SDO/SRO: the same Warden object always exports with the same id. */
export function wardenObjectId(type: string, key: string): string {
  return `${type}--${uuidV5(WARDEN_NAMESPACE, `${type}:${key}`)}`;
}

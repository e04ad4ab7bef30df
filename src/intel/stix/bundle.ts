import type { StixBundle, StixIssue, StixObject } from './types.js';

/** Default largest bundle Warden parses whole: above it, it refuses clearly rather than risk OOM. */
export const DEFAULT_MAX_BUNDLE_BYTES = 128 * 1024 * 1024;

export type BundleParseResult = { ok: true; bundle: StixBundle } | { ok: false; issues: StixIssue[] };

const bundleIssue = (rule: string, field = '(bundle)'): BundleParseResult => ({ ok: false, issues: [{ objectId: null, index: null, field, rule }] });

/**
 * Checks a bundle's size before anything reads it, so a 200 MB file is refused with a message
 * instead of exhausting memory. The limit is configurable (`--max-bundle-bytes`).
 */
export function checkBundleSize(bytes: number, maxBytes: number = DEFAULT_MAX_BUNDLE_BYTES): BundleParseResult | null {
  if (bytes <= maxBytes) return null;
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return bundleIssue(
    `bundle is ${mb(bytes)}, over the ${mb(maxBytes)} limit; split it into smaller bundles or raise the limit (--max-bundle-bytes)`,
  );
}

/**
 * Parses a STIX 2.1 bundle (§8) from JSON text. Only the envelope is checked here; each object
 * is validated by `validateStixObject` during import.
 */
export function parseStixBundle(input: string | Buffer, maxBytes: number = DEFAULT_MAX_BUNDLE_BYTES): BundleParseResult {
  const tooBig = checkBundleSize(typeof input === 'string' ? Buffer.byteLength(input) : input.length, maxBytes);
  if (tooBig) return tooBig;
  let root: unknown;
  try {
    root = JSON.parse(typeof input === 'string' ? input : input.toString('utf8'));
  } catch (err) {
    return bundleIssue(`not JSON: ${(err as Error).message}`);
  }
  if (root === null || typeof root !== 'object' || Array.isArray(root)) return bundleIssue('must be a JSON object of type "bundle" (§8)');
  const b = root as Record<string, unknown>;
  if (b.type !== 'bundle') return bundleIssue(`must have type "bundle" (§8), got ${JSON.stringify(b.type)}`, 'type');
  if (typeof b.id !== 'string' || !/^bundle--[0-9a-fA-F-]{36}$/.test(b.id)) return bundleIssue('must have an id "bundle--<uuid>" (§8)', 'id');
  // A STIX 2.0 bundle carries spec_version "2.0" on the bundle; 2.1 bundles have none.
  if (b.spec_version !== undefined && b.spec_version !== '2.1') {
    return bundleIssue(`spec_version ${JSON.stringify(b.spec_version)}: Warden reads STIX 2.1 bundles only`, 'spec_version');
  }
  if (b.objects === undefined) return { ok: true, bundle: { type: 'bundle', id: b.id, objects: [] } };
  if (!Array.isArray(b.objects)) return bundleIssue('objects must be an array (§8)', 'objects');
  return { ok: true, bundle: { type: 'bundle', id: b.id, objects: b.objects as StixObject[] } };
}

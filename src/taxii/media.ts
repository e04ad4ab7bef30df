/** TAXII 2.1 §1.6.8: the media types of TAXII and STIX content. */
export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

/**
 * Whether an Accept header allows TAXII 2.1 content (TAXII 2.1 §1.6.8.1): the versioned type,
 * the unversioned one (meaning the latest), or a wildcard. A missing header is accepted.
 */
export function acceptsTaxii(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((part) => {
    const [type, ...params] = part.split(';').map((s) => s.trim().toLowerCase().replace(/\s*=\s*/, '=').replace(/"/g, ''));
    if (type === '*/*' || type === 'application/*') return true;
    if (type !== 'application/taxii+json') return false;
    const version = params.find((p) => p.startsWith('version='));
    return version === undefined || version === 'version=2.1';
  });
}

/** Whether a Content-Type is TAXII 2.1 JSON (for POST, TAXII 2.1 §5.4); parameters may be quoted (RFC 9110 §5.6.6). */
export function isTaxiiContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type, ...params] = contentType.split(';').map((s) => s.trim().toLowerCase().replace(/\s*=\s*/, '=').replace(/"/g, ''));
  if (type !== 'application/taxii+json') return false;
  const version = params.find((p) => p.startsWith('version='));
  return version === undefined || version === 'version=2.1';
}

/** TAXII timestamps (§3.1): RFC 3339, UTC, millisecond precision here. */
export function taxiiTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}

const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** Parses a TAXII timestamp filter value; null when malformed. */
export function parseTaxiiTimestamp(s: string): number | null {
  if (!TS.test(s)) return null;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? null : ms;
}

/** The TAXII 2.1 §3.6.1 error message resource. */
export interface TaxiiError {
  title: string;
  description?: string;
  error_id?: string;
  error_code?: string;
  http_status?: string;
  details?: Record<string, unknown>;
}

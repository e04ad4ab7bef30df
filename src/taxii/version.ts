/**
 * The version of a STIX object for TAXII (TAXII 2.1 §3.4.2): its `modified`, else `created`,
 * else (SCOs, which carry neither) the time it was added. Normalised to millisecond ISO so
 * versions compare as strings.
 */
export function stixVersion(o: Record<string, unknown>, dateAdded: number): string {
  const v = typeof o.modified === 'string' ? o.modified : typeof o.created === 'string' ? o.created : null;
  const ms = v === null ? NaN : Date.parse(v);
  return new Date(Number.isNaN(ms) ? dateAdded : ms).toISOString();
}

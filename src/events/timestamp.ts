/** RFC 3339 with `T` and a zone, as ../shared/spec/event.schema.json's pattern requires. */
const pattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|([+-])(\d{2}):(\d{2}))$/;

const daysIn = (y: number, m: number) =>
  m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

/**
 * Validates the pattern and the calendar (RFC 3339 §5.6 and §5.7): real days, hours < 24, and a
 * leap second only at 23:59:60 UTC — the same rules as JSON Schema's `date-time` format.
 */
export function isValidTimestamp(s: string): boolean {
  const m = pattern.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return false;
  if (h > 23 || mi > 59) return false;
  const offH = m[10] ? Number(m[10]) : 0;
  const offM = m[11] ? Number(m[11]) : 0;
  if (offH > 23 || offM > 59) return false;
  if (se <= 59) return true;
  if (se !== 60) return false;
  const sign = m[9] === '-' ? 1 : -1;
  const utcMinutes = (((h * 60 + mi + sign * (offH * 60 + offM)) % 1440) + 1440) % 1440;
  return utcMinutes === 23 * 60 + 59;
}

/** Milliseconds since the epoch; only for timestamps that passed `isValidTimestamp`. */
export function timestampMs(s: string): number {
  const ms = Date.parse(s);
  // Date.parse refuses a leap second; it is the last second of its minute.
  return Number.isNaN(ms) ? Date.parse(s.replace(/:60(?=[.Z+-])/, ':59')) + 1000 : ms;
}

import type { TlpLevel } from '../intel/index.js';

/**
 * Traffic Light Protocol 2.0 as FIRST's "Standards Definitions and Usage Guidance — Version 2.0"
 * (August 2022) writes it: four labels plus AMBER+STRICT, written without spaces in capitals
 * (§1b), shown in the header and footer of every page, right-justified, in 12-point type or
 * larger (§3), in the standard's colours on a black background.
 */
export const TLP_LEVELS: readonly TlpLevel[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

/** The label exactly as the standard writes it: `TLP:AMBER+STRICT`. */
export function tlpLabel(level: TlpLevel): string {
  return `TLP:${level.toUpperCase()}`;
}

/** FIRST TLP 2.0 colour coding (RGB on black): RED 255,43,43; AMBER 255,192,0; GREEN 51,255,0; CLEAR 255,255,255. */
export const TLP_COLOURS: Readonly<Record<TlpLevel, string>> = {
  clear: '#FFFFFF',
  green: '#33FF00',
  amber: '#FFC000',
  'amber+strict': '#FFC000',
  red: '#FF2B2B',
};

/** What a recipient may do with it (FIRST TLP 2.0 §2), printed under the label. */
export const TLP_MEANING: Readonly<Record<TlpLevel, string>> = {
  clear: 'Disclosure is not limited.',
  green: 'Limited disclosure, restricted to the community.',
  amber: "Limited disclosure, restricted to the recipients' organisations and their clients on a need-to-know basis.",
  'amber+strict': "Limited disclosure, restricted to the recipients' organisation only.",
  red: 'For the eyes and ears of individual recipients only, no further disclosure.',
};

/**
 * Reads a TLP level as people write it (`amber`, `AMBER+STRICT`, `TLP:RED`, `amber strict`);
 * null when it is not one of the five. TLP 1.0's WHITE is not accepted: a new report is marked
 * in TLP 2.0, where it is CLEAR.
 */
export function parseTlp(s: string): TlpLevel | null {
  const v = s
    .trim()
    .toLowerCase()
    .replace(/^tlp:/, '')
    .replace(/[\s_-]+strict$/, '+strict');
  return (TLP_LEVELS as readonly string[]).includes(v) ? (v as TlpLevel) : null;
}

/**
 * Email habits that survive a new address: the local-part stem (`k.tanaka87` and `ktanaka.2` →
 * `ktanaka`) and the look-alike skeleton of a domain (`examp1e-mail.com` ~ `example-mail.com`).
 */

/** Stems shorter than this are too common to mean anything (`john`, `info`). */
const minStemLength = 5;

/** Local-part stem: letters only, digits and separators dropped; undefined when too short. */
export function localPartStem(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  const local = (at >= 0 ? email.slice(0, at) : email).toLowerCase();
  const stem = local.replace(/[^\p{L}]/gu, '');
  return stem.length >= minStemLength ? stem : undefined;
}

/** Characters and pairs that phishers and evaders substitute for each other. */
const confusables: [RegExp, string][] = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
  [/0/g, 'o'],
  [/[1|!]/g, 'l'],
  [/i/g, 'l'],
  [/3/g, 'e'],
  [/5/g, 's'],
  [/\$/g, 's'],
  [/4/g, 'a'],
  [/@/g, 'a'],
  [/7/g, 't'],
  [/-|_/g, ''],
];

/**
 * Look-alike skeleton of a domain: the name without its last label (TLD swaps are common),
 * with confusable characters folded. Two domains with one skeleton read alike to a person.
 */
export function domainSkeleton(domain: string): string {
  const labels = domain.toLowerCase().split('.');
  const name = labels.length > 1 ? labels.slice(0, -1).join('.') : domain.toLowerCase();
  let s = name;
  for (const [re, to] of confusables) s = s.replace(re, to);
  return s;
}

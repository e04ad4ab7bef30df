/**
 * Masks personal data and secrets in prompt text before the API shows it. Every pattern is
 * linear: quantifiers are bounded, alternatives cannot overlap in ways that backtrack, and a
 * lookbehind stops a match from starting in the middle of a run of the same characters, so a
 * hostile megabyte of `a@a.a.a…` or digits costs a bounded amount of work per position.
 */

export type MaskKind = 'email' | 'phone' | 'card' | 'secret';
export type MaskCounts = Record<MaskKind, number>;

interface Rule {
  kind: MaskKind;
  pattern: RegExp;
  /** Returns the replacement, or undefined to leave the match as it was (a failed check). */
  replace: (match: string, ...groups: string[]) => string | undefined;
}

/** Luhn (ISO/IEC 7812-1 Annex B): real card numbers pass it, most random digit runs do not. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

const secretTag = '[secret]';

/** Order matters: secrets first (a key may contain digits that look like a phone), then cards before phones. */
const rules: Rule[] = [
  // PEM private keys: header, base64 body (no '-' in the class, so no backtracking into it), optional footer.
  {
    kind: 'secret',
    pattern: /-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----[A-Za-z0-9+/=\s]{0,20000}(?:-----END [A-Z ]{0,40}PRIVATE KEY-----)?/g,
    replace: () => secretTag,
  },
  // JSON Web Tokens (RFC 7519 §3): three base64url parts, the first two JSON objects ("eyJ").
  { kind: 'secret', pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,4096}\.eyJ[A-Za-z0-9_-]{5,8192}\.[A-Za-z0-9_-]{0,1024}/g, replace: () => secretTag },
  // Provider key formats with a fixed prefix: OpenAI/Anthropic `sk-`, AWS `AKIA`, GitHub `ghp_`…, Slack `xox?-`, Google `AIza`, Warden `wdn_`.
  {
    kind: 'secret',
    pattern:
      /(?<![A-Za-z0-9_-])(?:sk-[A-Za-z0-9_-]{16,256}|(?:AKIA|ASIA)[0-9A-Z]{16}|gh[oprsu]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{30,255}|xox[abeoprs]-[A-Za-z0-9-]{10,255}|AIza[0-9A-Za-z_-]{35}|wdn_[A-Za-z0-9_-]{20,64}|glpat-[A-Za-z0-9_-]{20,64})/g,
    replace: () => secretTag,
  },
  // `password=…`, `api_key: …`, `token "…"`: keep the name, hide the value.
  {
    kind: 'secret',
    pattern: /\b(pass(?:word|wd)?|secret|token|api[_-]?key|access[_-]?key|client[_-]?secret|auth)(["']?\s{0,3}[:=]\s{0,3}["']?)([^\s"'`,;]{6,256})/gi,
    replace: (_m, name, sep) => `${name}${sep}${secretTag}`,
  },
  // Emails (RFC 5322's common subset): the lookbehind stops retries from inside a local part.
  {
    kind: 'email',
    pattern: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g,
    replace: (m) => (/\.[A-Za-z]{2,}$/.test(m) ? '[email]' : undefined),
  },
  // Payment card numbers: 13–19 digits, spaces or dashes between, Luhn-valid.
  {
    kind: 'card',
    pattern: /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d])/g,
    replace: (m) => (luhnValid(m.replace(/[ -]/g, '')) ? '[card]' : undefined),
  },
  // Phone numbers (E.164 up to 15 digits; national forms with spaces, dots, dashes, brackets): 8+ digits.
  {
    kind: 'phone',
    pattern: /(?<![\w+])\+?\(?\d[\d ().-]{6,20}\d(?![\w])/g,
    replace: (m) => {
      const digits = m.replace(/\D/g, '').length;
      return digits >= 8 && digits <= 15 ? '[phone]' : undefined;
    },
  },
];

export function emptyCounts(): MaskCounts {
  return { email: 0, phone: 0, card: 0, secret: 0 };
}

/** Masks one text; `counts` (when given) is incremented per kind masked. */
export function maskText(text: string, counts: MaskCounts = emptyCounts()): string {
  let out = text;
  for (const rule of rules) {
    out = out.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
      const groups = rest.filter((g): g is string => typeof g === 'string');
      const r = rule.replace(match, ...groups);
      if (r === undefined) return match;
      counts[rule.kind]++;
      return r;
    });
  }
  return out;
}

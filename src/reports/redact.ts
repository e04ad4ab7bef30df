import type { Pseudonymiser } from './pseudonymise.js';

/**
 * Kinds of value a case report may print in clear. IPs, prefixes, domains, URLs, mail domains,
 * user agents and topics describe the actor's infrastructure and interests — what a partner needs
 * to find the same actor. Mailboxes, devices, payment instruments, phones, keys, orgs and end
 * users identify the provider's own customers (and, on a shared one, bystanders), so they are
 * pseudonymised unless the caller shares them explicitly.
 */
export const SHARE_KINDS = [
  'ip',
  'ip-prefix',
  'domain',
  'url',
  'email-domain',
  'user-agent',
  'topic',
  'email',
  'email-pattern',
  'device',
  'payment',
  'phone',
  'api-key',
  'org',
  'end-user',
  'prompt',
] as const;
export type ShareKind = (typeof SHARE_KINDS)[number];

/** What `--share` means when not given. */
export const DEFAULT_SHARE: readonly ShareKind[] = ['ip', 'ip-prefix', 'domain', 'url', 'email-domain', 'user-agent', 'topic'];

export function isShareKind(s: string): s is ShareKind {
  return (SHARE_KINDS as readonly string[]).includes(s);
}

const IPV4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;
const IPV6 = /^[0-9a-f:]+:[0-9a-f:.]*$/i;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/** The kind of a bare value (an indicator match names no kind): IP, prefix, email, URL, domain, or other. */
export function kindOfValue(v: string): ShareKind | 'other' {
  if (IPV4.test(v) || (IPV6.test(v) && v.includes(':'))) return 'ip';
  if (/^[0-9a-f:.]+\/\d{1,3}$/i.test(v)) return 'ip-prefix';
  if (v.includes('@')) return 'email';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return 'url';
  if (DOMAIN.test(v)) return 'domain';
  return 'other';
}

/**
 * One place that decides how every identifier appears in a case report: account ids are always
 * pseudonymised (unless identifiers are included), values by kind per the share policy. Free
 * text from evidence and actions names accounts and values inline ("linked to acct_81 via device
 * d-77f1"), so `text()` replaces every identifier the report knows of, longest first and only
 * on token boundaries, and any mailbox left over when mailboxes are not shared.
 */
export class Redactor {
  private readonly known = new Map<string, string>();
  private pattern: RegExp | null = null;

  constructor(
    private readonly pseudonymise: Pseudonymiser,
    private readonly share: ReadonlySet<ShareKind>,
    readonly includeIdentifiers: boolean,
  ) {}

  /** An account id as the report prints it. */
  account(id: string): string {
    return this.remember(id, this.includeIdentifiers ? id : this.pseudonymise('account', id));
  }

  /** A network id: pseudonymised like the transparency report's, so a partner can correlate the two. */
  network(id: string): string {
    return this.includeIdentifiers ? id : this.remember(id, this.pseudonymise('network', id));
  }

  /** Whether a value of this kind is printed in clear. */
  shares(kind: string): boolean {
    return this.includeIdentifiers || (isShareKind(kind) && this.share.has(kind));
  }

  /** A value of a kind (a link's `via`, or `kindOfValue` of a bare value). */
  value(kind: string, v: string): string {
    return this.remember(v, this.shares(kind) ? v : this.pseudonymise(kind, v));
  }

  /** Free text with every known identifier replaced. */
  text(s: string): string {
    if (this.pattern === null) {
      const keys = [...this.known].filter(([k, v]) => k !== v && k.length > 0).map(([k]) => k);
      keys.sort((a, b) => b.length - a.length);
      this.pattern = keys.length > 0 ? new RegExp(`(?<![A-Za-z0-9_])(?:${keys.map(escapeRegExp).join('|')})(?![A-Za-z0-9_])`, 'g') : null;
      if (this.pattern === null) this.pattern = /(?!)/g;
    }
    let out = s.replace(this.pattern, (m) => this.known.get(m) ?? m);
    if (!this.shares('email')) out = out.replace(EMAIL_IN_TEXT, (m) => (this.known.get(m) === m ? m : this.pseudonymise('email', m)));
    return out;
  }

  private remember(raw: string, shown: string): string {
    if (!this.known.has(raw)) {
      this.known.set(raw, shown);
      this.pattern = null;
    }
    return shown;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

import type { WardenEvent } from './event.schema.js';
import { ipAndPrefix } from './ip.js';

/** The kinds of value an account can share with another; the entity→accounts index keys on them. */
export const entityTypes = [
  'account',
  'org',
  'end_user',
  'ip',
  'ip_prefix',
  'device',
  'email',
  'email_domain',
  'phone',
  'payment',
  'api_key',
  'user_agent',
] as const;
export type EntityType = (typeof entityTypes)[number];

export interface EntityRef {
  type: EntityType;
  value: string;
}

/** Providers known to ignore dots in the local part, so `j.doe` and `jdoe` are one mailbox. */
const dotInsensitiveDomains = new Set(['gmail.com', 'googlemail.com']);
const domainAliases: Record<string, string> = { 'googlemail.com': 'gmail.com' };

/**
 * Normalises an address to the mailbox that receives it: lower case, `+tag` removed, dots
 * removed where the provider ignores them. Returns undefined for text that is not an address.
 */
export function normaliseEmail(raw: string): { email: string; domain: string } | undefined {
  const s = raw.trim().toLowerCase();
  const at = s.lastIndexOf('@');
  if (at <= 0 || at === s.length - 1) return undefined;
  let local = s.slice(0, at);
  let domain = s.slice(at + 1).replace(/\.$/, '');
  if (!domain.includes('.') || /\s/.test(s)) return undefined;
  domain = domainAliases[domain] ?? domain;
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (dotInsensitiveDomains.has(domain)) local = local.replace(/\./g, '');
  if (!local) return undefined;
  return { email: `${local}@${domain}`, domain };
}

/** Digits with a leading `+` kept, so `+1 (555) 010-9999` and `+15550109999` are one phone. */
export function normalisePhone(raw: string): string | undefined {
  const digits = raw.replace(/[^\d]/g, '');
  if (digits.length < 5) return undefined;
  return raw.trim().startsWith('+') ? `+${digits}` : digits;
}

/**
 * The entities an event exposes, normalised and de-duplicated. Pure: the store indexes what this
 * returns, and linkage reads the same values, so both agree on what "the same device" means.
 */
export function extractEntities(e: WardenEvent): EntityRef[] {
  const out: EntityRef[] = [{ type: 'account', value: e.account }];
  const add = (type: EntityType, value: string | undefined) => {
    if (value === undefined) return;
    const v = value.trim();
    if (v) out.push({ type, value: v });
  };
  add('org', e.org);
  add('end_user', e.end_user);
  if (e.ip !== undefined) {
    const { ip, prefix } = ipAndPrefix(e.ip);
    add('ip', ip);
    add('ip_prefix', prefix);
  }
  add('device', e.device);
  add('user_agent', e.user_agent);
  const email = e.profile?.email !== undefined ? normaliseEmail(e.profile.email) : undefined;
  if (email) {
    add('email', email.email);
    add('email_domain', email.domain);
  }
  if (e.profile?.phone !== undefined) add('phone', normalisePhone(e.profile.phone));
  add('payment', e.payment?.fingerprint);
  add('api_key', e.api_key?.id);
  add('api_key', e.request?.api_key);
  if (out.length <= 2) return out;
  const seen = new Set<string>();
  return out.filter((r) => {
    const k = `${r.type}\u0000${r.value}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

import type { EntityRef } from '../events/index.js';
import { domainSkeleton, localPartStem } from './email-pattern.js';
import type { LinkKind } from './kinds.js';

/** A value an event exposes that may link its account to others. */
export interface LinkValue {
  kind: LinkKind;
  value: string;
}

const direct: Partial<Record<EntityRef['type'], LinkKind>> = {
  device: 'device',
  payment: 'payment',
  email: 'email',
  phone: 'phone',
  api_key: 'api-key',
  org: 'org',
  end_user: 'end-user',
  ip: 'ip',
  ip_prefix: 'ip-prefix',
  user_agent: 'user-agent',
};

/**
 * The linkable values of an event's normalised entities (from `extractEntities`): the entities
 * themselves plus email habits (local-part stem, look-alike domain skeleton), so `k.tanaka87@
 * examp1e.org` and `ktanaka@example.org` share both.
 */
export function linkValuesOf(entities: readonly EntityRef[]): LinkValue[] {
  const out: LinkValue[] = [];
  forEachLinkValue(entities, (kind, value) => out.push({ kind, value }));
  return out;
}

/** As {@link linkValuesOf} without allocating a list: the hot path of folding events in. */
export function forEachLinkValue(
  entities: readonly EntityRef[],
  fn: (kind: LinkKind, value: string) => void,
): void {
  for (const e of entities) {
    const kind = direct[e.type];
    if (kind) fn(kind, e.value);
    if (e.type === 'email') {
      const stem = localPartStem(e.value);
      if (stem) fn('email-pattern', `stem:${stem}`);
    } else if (e.type === 'email_domain') {
      // Exact domain (warninglists know webmail by name) and its look-alike skeleton.
      fn('email-domain', e.value);
      fn('email-pattern', `look:${domainSkeleton(e.value)}`);
    }
  }
}

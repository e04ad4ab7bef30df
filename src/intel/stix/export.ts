import type { CatalogueActor } from '../catalogue/catalogue.schema.js';
import { scoId, uuidV5, WARDEN_NAMESPACE, wardenObjectId } from './ids.js';
import { tlpMarking, type TlpLevel } from './markings.js';
import type { StixBundle, StixObject } from './types.js';
import { WARDEN_DEVICE_EXTENSION, WARDEN_EXTENSIONS_IDENTITY_OBJECT, WARDEN_PAYMENT_EXTENSION } from './warden-extensions.js';

/** A value Warden holds as an indicator (a ban, a blocklist entry, an analyst's finding). */
export interface ExportIndicator {
  kind: 'ipv4' | 'ipv6' | 'cidr' | 'domain' | 'url' | 'email' | 'account' | 'device' | 'payment';
  value: string;
  validFrom: string;
  validUntil?: string;
  /** 0–100. */
  confidence?: number;
  /** Catalogue id of the actor it indicates. */
  actorId?: string;
  description?: string;
}

/** An observed network of linked accounts. */
export interface ExportNetwork {
  id: string;
  accounts: readonly string[];
  firstSeen: string;
  lastSeen: string;
  actorId?: string;
  /** 0–100 */
  confidence?: number;
}

/** An account seen matching an indicator (the indicator's STIX id). */
export interface ExportSighting {
  indicatorId: string;
  account: string;
  firstSeen: string;
  lastSeen: string;
  count: number;
}

export interface ExportInput {
  /** The producer named in `created_by_ref` (default "Warden"). */
  producer?: string;
  /** Marking on every exported object (default TLP:AMBER, TLP 2.0). */
  marking?: TlpLevel;
  tlpVersion?: 1 | 2;
  /** Timestamp for objects with no time of their own (catalogue entries); fixed so ids and bytes are stable. */
  catalogueTime?: string;
  actors?: readonly CatalogueActor[];
  indicators?: readonly ExportIndicator[];
  networks?: readonly ExportNetwork[];
  sightings?: readonly ExportSighting[];
}

const MOTIVATION: Record<CatalogueActor['motivation'], string> = {
  espionage: 'organizational-gain',
  financial: 'personal-gain',
  destruction: 'dominance',
  influence: 'ideology',
  hacktivism: 'ideology',
  surveillance: 'organizational-gain',
  'surveillance-for-hire': 'personal-gain',
};

function quote(v: string): string {
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The STIX pattern (§9) for a Warden value. */
export function patternFor(i: Pick<ExportIndicator, 'kind' | 'value'>): string {
  switch (i.kind) {
    case 'ipv4':
      return `[ipv4-addr:value = ${quote(i.value)}]`;
    case 'ipv6':
      return `[ipv6-addr:value = ${quote(i.value)}]`;
    case 'cidr':
      return `[${i.value.includes(':') ? 'ipv6' : 'ipv4'}-addr:value ISSUBSET ${quote(i.value)}]`;
    case 'domain':
      return `[domain-name:value = ${quote(i.value)}]`;
    case 'url':
      return `[url:value = ${quote(i.value)}]`;
    case 'email':
      return `[email-addr:value = ${quote(i.value)}]`;
    case 'account':
      return `[user-account:user_id = ${quote(i.value)}]`;
    case 'device':
      return `[x-warden-device:fingerprint = ${quote(i.value)}]`;
    case 'payment':
      return `[x-warden-payment:fingerprint = ${quote(i.value)}]`;
  }
}

/** The stable STIX id of a catalogue actor's intrusion set. */
export function actorStixId(actorId: string): string {
  return wardenObjectId('intrusion-set', actorId);
}

/**
 * Exports Warden's own knowledge as a STIX 2.1 bundle: catalogue actors as intrusion sets,
 * indicators with `indicates` relationships, observed networks as `grouping` (plus a
 * `campaign` attributed to the actor when one is named), and account observations as
 * `sighting` + `observed-data` over `user-account` SCOs. Every object carries
 * `created_by_ref` (§3.5) and the chosen marking (§7.2.2); ids are UUIDv5 over what the object
 * is, so the same Warden object always exports with the same id, and SCO ids follow §2.9.
 */
export function exportBundle(input: ExportInput): StixBundle {
  const producer = input.producer ?? 'Warden';
  const t0 = input.catalogueTime ?? '2024-01-01T00:00:00.000Z';
  const marking = tlpMarking(input.marking ?? 'amber', input.tlpVersion ?? 2);
  const identityId = wardenObjectId('identity', producer);
  const common = { spec_version: '2.1', created_by_ref: identityId, object_marking_refs: [marking.id] };
  const objects: StixObject[] = [
    marking,
    { type: 'identity', spec_version: '2.1', id: identityId, created: t0, modified: t0, name: producer, identity_class: 'system' },
  ];
  const rel = (type: string, source: string, target: string, time: string): StixObject => ({
    type: 'relationship',
    id: wardenObjectId('relationship', `${type}|${source}|${target}`),
    ...common,
    created: time,
    modified: time,
    relationship_type: type,
    source_ref: source,
    target_ref: target,
  });

  for (const a of input.actors ?? []) {
    const refs = [
      ...(a.mitre_id ? [{ source_name: 'mitre-attack', external_id: a.mitre_id, url: `https://attack.mitre.org/groups/${a.mitre_id}/` }] : []),
      ...a.sources.filter((u) => !u.includes('attack.mitre.org')).map((url) => ({ source_name: 'public-reporting', url })),
    ];
    objects.push({
      type: 'intrusion-set',
      id: actorStixId(a.id),
      ...common,
      created: t0,
      modified: t0,
      name: a.name,
      ...(a.aliases.length > 0 ? { aliases: [...a.aliases] } : {}),
      primary_motivation: MOTIVATION[a.motivation],
      ...(a.country ? { x_warden_country: a.country } : {}),
      ...(a.sponsor ? { x_warden_sponsor: a.sponsor } : {}),
      external_references: refs,
    });
  }

  if ((input.indicators ?? []).some((i) => i.kind === 'device' || i.kind === 'payment')) {
    objects.push(WARDEN_EXTENSIONS_IDENTITY_OBJECT, WARDEN_DEVICE_EXTENSION, WARDEN_PAYMENT_EXTENSION);
  }
  for (const i of input.indicators ?? []) {
    const pattern = patternFor(i);
    const id = wardenObjectId('indicator', pattern);
    objects.push({
      type: 'indicator',
      id,
      ...common,
      created: i.validFrom,
      modified: i.validFrom,
      name: `${i.kind} ${i.value}`,
      ...(i.description ? { description: i.description } : {}),
      indicator_types: ['malicious-activity'],
      pattern,
      pattern_type: 'stix',
      valid_from: i.validFrom,
      ...(i.validUntil ? { valid_until: i.validUntil } : {}),
      ...(i.confidence !== undefined ? { confidence: Math.round(i.confidence) } : {}),
    });
    if (i.actorId) objects.push(rel('indicates', id, actorStixId(i.actorId), i.validFrom));
  }

  const accountIds = new Map<string, string>();
  const account = (user_id: string): string => {
    let id = accountIds.get(user_id);
    if (!id) {
      id = scoId('user-account', { user_id, account_type: 'warden' });
      accountIds.set(user_id, id);
      objects.push({ type: 'user-account', spec_version: '2.1', id, user_id, account_type: 'warden', object_marking_refs: [marking.id] });
    }
    return id;
  };

  for (const n of input.networks ?? []) {
    const refs = n.accounts.map(account);
    if (n.actorId) {
      const campaignId = wardenObjectId('campaign', n.id);
      objects.push({
        type: 'campaign',
        id: campaignId,
        ...common,
        created: n.firstSeen,
        modified: n.lastSeen,
        name: `Warden network ${n.id}`,
        first_seen: n.firstSeen,
        last_seen: n.lastSeen,
        ...(n.confidence !== undefined ? { confidence: Math.round(n.confidence) } : {}),
      });
      objects.push(rel('attributed-to', campaignId, actorStixId(n.actorId), n.lastSeen));
      refs.push(campaignId);
    }
    objects.push({
      type: 'grouping',
      id: wardenObjectId('grouping', n.id),
      ...common,
      created: n.firstSeen,
      modified: n.lastSeen,
      name: `Warden network ${n.id}`,
      context: 'suspicious-activity',
      object_refs: refs,
    });
  }

  for (const s of input.sightings ?? []) {
    const key = `${s.indicatorId}|${s.account}`;
    const observedId = wardenObjectId('observed-data', key);
    objects.push({
      type: 'observed-data',
      id: observedId,
      ...common,
      created: s.firstSeen,
      modified: s.lastSeen,
      first_observed: s.firstSeen,
      last_observed: s.lastSeen,
      number_observed: Math.max(1, s.count),
      object_refs: [account(s.account)],
    });
    objects.push({
      type: 'sighting',
      id: wardenObjectId('sighting', key),
      ...common,
      created: s.firstSeen,
      modified: s.lastSeen,
      sighting_of_ref: s.indicatorId,
      observed_data_refs: [observedId],
      where_sighted_refs: [identityId],
      first_seen: s.firstSeen,
      last_seen: s.lastSeen,
      count: Math.max(1, s.count),
    });
  }

  const contentKey = objects.map((o) => `${o.id}@${String(o.modified ?? '')}`).join(',');
  return { type: 'bundle', id: `bundle--${uuidV5(WARDEN_NAMESPACE, contentKey)}`, objects };
}

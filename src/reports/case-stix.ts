import {
  actorStixId,
  exportBundle,
  resolveActorName,
  uuidV5,
  wardenObjectId,
  type ActorCatalogue,
  type ExportIndicator,
  type StixBundle,
  type StixObject,
} from '../intel/index.js';
import type { CaseReport } from './case-report.js';

const WARDEN_BUNDLE_NAMESPACE = 'c0a8e1d2-4b6f-5a3e-9d7c-1e2f3a4b5c6d';

/** Which shared-infrastructure kinds become STIX indicators, as `exportBundle` names them. */
function exportKind(kind: string, value: string): ExportIndicator['kind'] | null {
  if (kind === 'ip') return value.includes(':') ? 'ipv6' : 'ipv4';
  if (kind === 'ip-prefix') return 'cidr';
  if (kind === 'domain' || kind === 'email-domain') return 'domain';
  if (kind === 'url') return 'url';
  if (kind === 'email') return 'email';
  return null;
}

/**
 * The STIX 2.1 bundle that goes with a case report: the actor's intrusion set, the network as a
 * campaign (attributed to it) and a grouping of its pseudonymised accounts, indicators for the
 * infrastructure values printed in clear, one attack-pattern per LLM-themed TTP with its ATT&CK
 * techniques as external references (`uses` from the campaign), and a `report` (STIX 2.1 §4.14)
 * that names them all. Every object but the marking definition itself carries the report's TLP
 * marking in `object_marking_refs` (§7.2.2); the marking is the OASIS TLP 2.0 definition
 * (extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d), copied as published.
 */
export function caseReportBundle(r: CaseReport, catalogue: ActorCatalogue): StixBundle {
  const resolved = r.attribution.actor ? resolveActorName(catalogue, r.attribution.actor.name) : null;
  const actor = resolved?.kind === 'match' ? resolved.actor : undefined;
  const time = r.summary.firstSeen ?? r.case.openedAt;
  const last = r.summary.lastSeen ?? r.generatedAt;
  const indicators: ExportIndicator[] = [];
  for (const k of r.infrastructure)
    for (const v of k.values) {
      const kind = v.pseudonymised ? null : exportKind(k.kind, v.value);
      if (kind)
        indicators.push({
          kind,
          value: v.value,
          validFrom: time,
          description: `${k.kind} shared by ${v.members} accounts of the network in case ${r.case.id}`,
          ...(actor ? { actorId: actor.id } : {}),
          ...(r.attribution.actor ? { confidence: r.attribution.actor.confidence * 100 } : {}),
        });
    }
  const networkRef = r.case.network ?? `case-${r.case.id}`;
  const bundle = exportBundle({
    producer: r.publisher,
    marking: r.tlp.level,
    tlpVersion: 2,
    actors: actor ? [actor] : [],
    indicators,
    // A grouping needs at least one member (STIX 2.1 §4.7): a case with no account evidence and no actor has none.
    networks:
      r.accounts.length === 0 && !actor
        ? []
        : [
            {
              id: networkRef,
              accounts: r.accounts.map((a) => a.ref),
              firstSeen: time,
              lastSeen: last < time ? time : last,
              ...(actor ? { actorId: actor.id } : {}),
              ...(r.attribution.actor ? { confidence: r.attribution.actor.confidence * 100 } : {}),
            },
          ],
  });
  const marking = bundle.objects.find((o) => o.type === 'marking-definition')!;
  const identity = bundle.objects.find((o) => o.type === 'identity')!;
  const common = { spec_version: '2.1', created_by_ref: identity.id, object_marking_refs: [marking.id] };
  const campaignId = actor ? wardenObjectId('campaign', networkRef) : null;
  const extra: StixObject[] = [];
  for (const t of r.ttps) {
    const id = wardenObjectId('attack-pattern', t.id);
    extra.push({
      type: 'attack-pattern',
      id,
      ...common,
      created: '2024-02-14T00:00:00.000Z',
      modified: '2024-02-14T00:00:00.000Z',
      name: t.label,
      description: `Warden LLM-themed TTP ${t.id}${t.tactic ? `; ATT&CK tactic ${t.tactic}` : ''}; ${t.requests} request(s) in this case.`,
      external_references: [
        { source_name: 'warden-llm-ttp', external_id: t.id },
        ...t.techniques.map((x) => ({
          source_name: 'mitre-attack',
          external_id: x,
          url: `https://attack.mitre.org/techniques/${x.replace('.', '/')}/`,
        })),
        ...r.atlas.map((x) => ({
          source_name: 'mitre-atlas',
          external_id: x,
          url: `https://atlas.mitre.org/techniques/${x}`,
        })),
      ],
    });
    const source = campaignId ?? (actor ? actorStixId(actor.id) : null);
    if (source)
      extra.push({
        type: 'relationship',
        id: wardenObjectId('relationship', `uses|${source}|${id}`),
        ...common,
        created: time,
        modified: last < time ? time : last,
        relationship_type: 'uses',
        source_ref: source,
        target_ref: id,
      });
  }
  const refs = [...bundle.objects, ...extra]
    .filter((o) => o.type !== 'marking-definition' && o.type !== 'identity')
    .map((o) => o.id);
  const report: StixObject = {
    type: 'report',
    id: wardenObjectId('report', `case|${r.case.id}|${r.generatedAt}`),
    ...common,
    created: r.generatedAt,
    modified: r.generatedAt,
    name: r.title,
    description: r.summary.text,
    report_types: actor ? ['threat-actor', 'campaign'] : ['campaign'],
    published: r.generatedAt,
    object_refs: refs.length > 0 ? refs : [identity.id],
  };
  const objects = [...bundle.objects, ...extra, report].map((o) =>
    o.type === 'marking-definition' || o.object_marking_refs
      ? o
      : { ...o, object_marking_refs: [marking.id] },
  );
  return {
    type: 'bundle',
    id: `bundle--${uuidV5(WARDEN_BUNDLE_NAMESPACE, objects.map((o) => o.id).join(','))}`,
    objects,
  };
}

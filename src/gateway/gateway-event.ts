import type { BodyFacts } from './request-body.js';
import type { Decision, DecisionReason, RequestIdentity } from './policy/decision.types.js';
import type { ResponseSummary } from './response-summary.js';

/** Extension key under which the gateway's own fields ride on an event (kept verbatim by the store). */
export const gatewayExtensionKey = 'x_warden_gateway';

/** What the gateway knows of one finished request. */
export interface RequestRecord {
  id: string;
  startedAtMs: number;
  method: string;
  route: string;
  path: string;
  identity: RequestIdentity;
  body: BodyFacts | undefined;
  decision: Decision | undefined;
  /** What was enforced (`allow` when only shadow rules fired). */
  enforced: string;
  status: number;
  response: ResponseSummary | undefined;
  /** Why the exchange did not complete normally: `upstream-timeout`, `stream-incomplete`, `client-aborted`… */
  failure?: string;
  detectionMs: number;
  latencyMs: number;
  upstreamMs?: number;
  degraded?: boolean;
}

// Length limits of the event format (`../shared/spec/events.md`), in UTF-16 units: a value a
// little short of its limit is kept whole; a longer one is cut, never rejected.
const cut = (s: string | undefined, n: number) =>
  s === undefined ? undefined : s.length > n ? s.slice(0, n) : s;

function reasons(list: readonly DecisionReason[]) {
  return list.map((r) => ({
    source: r.source,
    code: r.code,
    detail: r.detail,
    ...(r.rule ? { rule: r.rule } : {}),
    ...(r.refs ? { refs: r.refs } : {}),
  }));
}

/**
 * The event a request becomes (`kind: request`), in the format of `../shared/spec/events.md`,
 * with the gateway's decision, reasons, shadow decision, fail mode, support reference and
 * latency under `x_warden_gateway`. Requests that carry no text (a model list, token-array
 * embeddings) get `prompt` set to `<METHOD> <path>`: the format needs one, and it names what was asked.
 */
export function buildRequestEvent(r: RequestRecord): Record<string, unknown> {
  const id = r.identity;
  const request: Record<string, unknown> = { api_key: id.keyId };
  if (r.body?.model) request.model = cut(r.body.model, 256);
  if (r.body?.messages) request.messages = r.body.messages;
  if (r.body?.prompt) request.prompt = r.body.prompt;
  if (!r.body?.messages && !r.body?.prompt) request.prompt = `${r.method} ${r.path}`;
  const event: Record<string, unknown> = {
    id: r.id,
    time: new Date(r.startedAtMs).toISOString(),
    kind: 'request',
    account: id.account,
  };
  if (id.org) event.org = cut(id.org, 128);
  if (id.endUser) event.end_user = cut(id.endUser, 256);
  if (id.ip) event.ip = id.ip;
  if (id.userAgent) event.user_agent = cut(id.userAgent, 1024);
  if (id.device) event.device = cut(id.device, 256);
  event.request = request;
  const refused = r.enforced === 'block' || r.enforced === 'delay' || r.status === 429;
  const resp = r.response;
  if (refused) event.response = { refused: true };
  else if (resp) {
    const out: Record<string, unknown> = {};
    if (resp.content !== undefined) out.content = resp.content;
    if (resp.refused !== undefined) out.refused = resp.refused;
    if (resp.finishReason !== undefined) out.finish_reason = resp.finishReason;
    if (Object.keys(out).length > 0) event.response = out;
    const usage: Record<string, number> = {};
    if (resp.inputTokens !== undefined) usage.input_tokens = resp.inputTokens;
    if (resp.outputTokens !== undefined) usage.output_tokens = resp.outputTokens;
    if (Object.keys(usage).length > 0) event.usage = usage;
  }
  const d = r.decision;
  const ext: Record<string, unknown> = {
    route: r.route,
    method: r.method,
    status: r.status,
    decision: d?.action ?? 'allow',
    enforced: r.enforced,
    reasons: d ? reasons(d.reasons) : [],
    support_ref: r.id,
    latency_ms: Math.round(r.latencyMs * 1000) / 1000,
    detection_ms: Math.round(r.detectionMs * 1000) / 1000,
  };
  if (r.upstreamMs !== undefined) ext.upstream_ms = Math.round(r.upstreamMs * 1000) / 1000;
  if (d?.shadow) ext.shadow = { decision: d.shadow.action, reasons: reasons(d.shadow.reasons) };
  if (d?.failMode) ext.fail_mode = d.failMode;
  if (d?.blockHits?.length) ext.block_entries = d.blockHits.map((h) => h.entry.id);
  if (r.degraded) ext.degraded = d?.degrade ?? true;
  if (r.failure) ext.failure = r.failure;
  if (resp && resp.malformedChunks > 0) ext.malformed_chunks = resp.malformedChunks;
  if (r.body?.stream) ext.stream = true;
  event[gatewayExtensionKey] = ext;
  return event;
}

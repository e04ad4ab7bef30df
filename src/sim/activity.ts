import { mobileIp } from './address-plan.js';
import type { AccountPlan } from './model.js';
import { apiAgents, browserAgents } from './names.js';
import { mixSeed, Rng } from './prng.js';
import { promptFor } from './prompts/template.js';

/**
 * An event before it has its id: its time in ms, a tie-break (the plan index times 4096 plus a
 * counter), its fields after `id`/`time` already as JSON (text is far smaller than objects when a
 * day of a million accounts is held for sorting), and the values intel may match.
 */
export interface DraftEvent {
  ms: number;
  seq: number;
  json: string;
  ip: string | undefined;
  email: string | undefined;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const models = ['gpt-4o', 'gpt-4o-mini', 'gpt-4-turbo', 'gpt-3.5-turbo'] as const;
const systemPrompts = ['You are a helpful assistant.', 'You are a concise assistant. Answer in plain text.', 'You are a coding assistant.'];
const refusalText = "I'm sorry, but I can't help with that.";

/** Local day of the week (0 = Sunday) of a UTC instant in a zone `tzMinutes` east of UTC. */
function localWeekday(ms: number, tzMinutes: number): number {
  return (Math.floor((ms + tzMinutes * MINUTE_MS) / DAY_MS) + 4) % 7;
}

/** Sessions on one day: a Poisson count around the account's rate, at local working (or other) hours. */
function sessionStarts(plan: AccountPlan, dayStart: number, rng: Rng, mustAct: boolean): number[] {
  const starts: number[] = [];
  // Poisson(rate) by Knuth's product of uniforms.
  const floor = Math.exp(-plan.rate);
  let count = 0;
  for (let p = rng.next(); p > floor && count < 30; p *= rng.next()) count++;
  if (mustAct) count = Math.max(count, 1);
  for (let i = 0; i < count; i++) {
    const localMinute = rng.chance(plan.workShare) ? rng.int(plan.workStart * 60, Math.min(1440, plan.workEnd * 60) - 1) : rng.int(0, 1439);
    const utcMinute = (((localMinute - plan.tzMinutes) % 1440) + 1440) % 1440;
    const ms = dayStart + utcMinute * MINUTE_MS + rng.int(0, 59_999);
    if (!mustAct && plan.weekend.includes(localWeekday(ms, plan.tzMinutes)) && !rng.chance(plan.weekendFactor)) continue;
    starts.push(ms);
  }
  return starts.sort((a, b) => a - b);
}

function sessionIp(plan: AccountPlan, rng: Rng): string {
  const r = rng.next();
  if (plan.vpnExits && r < plan.vpnShare) return rng.pick(plan.vpnExits);
  if (plan.mobilePool && r < plan.vpnShare + plan.mobileShare) return mobileIp(plan.mobilePool, rng);
  const first = plan.ips[0];
  if (first === undefined) throw new Error(`account ${plan.id} has no address`);
  return rng.chance(0.7) ? first : rng.pick(plan.ips);
}

function common(plan: AccountPlan, kind: string): Record<string, unknown> {
  const body: Record<string, unknown> = { kind, account: plan.id };
  if (plan.org) body.org = plan.org;
  return body;
}

/** The request, response and usage fields of one model request. */
function requestFields(plan: AccountPlan, rng: Rng, viaApi: boolean): Record<string, unknown> {
  const topic = rng.weighted(plan.topics);
  const language = rng.weighted(plan.languages);
  const text = plan.fixedPrompts && rng.chance(plan.fixedShare) ? rng.pick(plan.fixedPrompts) : promptFor(topic.templates, language, rng).text;
  const model = rng.pick(models);
  const request: Record<string, unknown> = { model };
  if (viaApi && rng.chance(0.1)) request.prompt = text;
  else request.messages = viaApi && rng.chance(0.3) ? [{ role: 'system', content: rng.pick(systemPrompts) }, { role: 'user', content: text }] : [{ role: 'user', content: text }];
  if (viaApi) request.api_key = rng.pick(plan.requestKeys);
  const refused = rng.chance(topic.harmful ? plan.harmfulRefusal : plan.baseRefusal);
  const output = refused ? 12 : rng.int(40, 900);
  return {
    request,
    response: refused ? { content: refusalText, refused: true, finish_reason: 'stop' } : { refused: false, finish_reason: rng.chance(0.97) ? 'stop' : 'length' },
    usage: { input_tokens: Math.ceil(text.length / 3.5) + 8, output_tokens: output },
  };
}

/**
 * The events one account produces on one simulated day, appended to `out`. Each (account, day)
 * has its own seeded generator, so days can be produced in any order and still match.
 */
export function accountDayEvents(plan: AccountPlan, day: number, worldSeed: number, worldStartMs: number, out: DraftEvent[]): void {
  if (day < plan.createdDay || day > plan.lastDay) return;
  const rng = new Rng(mixSeed(worldSeed, plan.index, day, 0x5e55));
  const dayStart = worldStartMs + day * DAY_MS;
  const dayEnd = dayStart + DAY_MS - 1;
  const created = day === plan.createdDay;
  const starts = sessionStarts(plan, dayStart, rng, created);
  // Most accounts do nothing on most days: leave before building anything.
  if (starts.length === 0 && !created && plan.warnedDay !== day && plan.bannedDay !== day) return;
  let seq = 0;
  const push = (ms: number, body: Record<string, unknown>) =>
    out.push({
      ms: Math.min(ms, dayEnd),
      seq: plan.index * 4096 + seq++,
      json: JSON.stringify(body),
      ip: body.ip as string | undefined,
      email: (body.profile as { email?: string } | undefined)?.email,
    });
  const webAgent = plan.userAgent.startsWith('Mozilla') ? plan.userAgent : (browserAgents[plan.index % browserAgents.length] ?? '');
  const apiAgent = plan.userAgent.startsWith('Mozilla') ? (apiAgents[plan.index % apiAgents.length] ?? '') : plan.userAgent;

  let last = dayStart;
  if (created) {
    const first = starts[0] ?? dayStart + 12 * 3_600_000;
    let signup = plan.signupMinute !== null ? dayStart + plan.signupMinute * MINUTE_MS + rng.int(0, 59_999) : first - rng.int(60_000, 600_000);
    if (signup < dayStart) signup = dayStart + rng.int(1_000, 300_000);
    if (starts[0] !== undefined && starts[0] < signup) starts[0] = signup + rng.int(30_000, 300_000);
    const ip = sessionIp(plan, rng);
    push(signup, { ...common(plan, 'account.created'), ip, user_agent: webAgent, device: plan.devices[0], profile: plan.profile });
    let t = signup;
    if (plan.payment) push((t += rng.int(20_000, 600_000)), { ...common(plan, 'payment_method.added'), ip, device: plan.devices[0], payment: plan.payment });
    if (plan.apiKey) push((t += rng.int(20_000, 900_000)), { ...common(plan, 'api_key.created'), ip, device: plan.devices[0], api_key: { id: plan.apiKey } });
    last = t;
  }

  for (const start of starts) {
    const ip = sessionIp(plan, rng);
    const viaApi = plan.requestKeys.length > 0 && rng.chance(plan.apiShare);
    const device = rng.pick(plan.devices);
    let t = Math.max(start, last + 1000);
    if (!viaApi && rng.chance(0.5)) push(t, { ...common(plan, 'login'), ip, user_agent: webAgent, device });
    const requests = 1 + Math.min(7, rng.pareto(1, 1.8, 8) - 1 + (rng.chance(0.3) ? 1 : 0));
    for (let r = 0; r < requests; r++) {
      t += rng.int(15_000, 400_000);
      if (t > dayEnd) break;
      const body = common(plan, 'request');
      body.ip = ip;
      body.user_agent = viaApi ? apiAgent : webAgent;
      if (!viaApi) body.device = device;
      if (viaApi && plan.endUsers > 0) body.end_user = `eu_${mixSeed(plan.index, rng.int(0, plan.endUsers - 1)).toString(16)}`;
      push(t, Object.assign(body, requestFields(plan, rng, viaApi)));
    }
    last = Math.min(t, dayEnd);
  }

  if (!created && starts.length > 0 && rng.chance(0.015)) {
    // People now and then fix their name or add a phone number; the profile otherwise stays as signed up.
    const profile = rng.chance(0.5) ? { name: plan.profile.name, locale: plan.profile.locale } : { phone: plan.profile.phone ?? `${plan.country.phonePrefix}${rng.int(200, 999)}${rng.int(1_000_000, 9_999_999)}` };
    push(last + rng.int(5_000, 120_000), { ...common(plan, 'account.updated'), ip: sessionIp(plan, rng), device: plan.devices[0], profile });
  }
  if (plan.warnedDay === day) {
    push(Math.max(last, dayStart) + rng.int(600_000, 3_600_000), { ...common(plan, 'account.enforced'), enforcement: { action: 'warn', reason: 'Usage policy reminder: security testing content' } });
  }
  if (plan.bannedDay === day) {
    push(Math.max(last, dayStart) + rng.int(600_000, 7_200_000), {
      ...common(plan, 'account.enforced'),
      enforcement: { action: 'terminate', reason: plan.banReason },
    });
  }
}

import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import {
  createGateway,
  gatewayFileSchema,
  staticKeyDirectory,
  type Gateway,
  type GatewayDeps,
  type GatewayFileConfigInput,
} from '../../src/gateway/index.js';
import { performance } from 'node:perf_hooks';
import { Blocklist, blockEntrySchema, type BlockEntry } from '../../src/enforcement/index.js';
import {
  decideWithinBudget,
  failureDecision,
  LocalWindowCounters,
  parseGatewayPolicy,
  type Decision,
  type GatewayPolicyInput,
  type PolicyContext,
} from '../../src/gateway/policy/index.js';

export const KEY = 'wgk_test_key_account_one';
export const KEY_TWO = 'wgk_test_key_account_two';

export interface TestGateway {
  gateway: Gateway;
  url: string;
  events: Record<string, unknown>[];
  close(): Promise<void>;
}

/** A gateway on a loopback ephemeral port in front of `upstream`, with two static keys and the given policy. */
export async function startTestGateway(
  upstream: string,
  options: {
    config?: GatewayFileConfigInput;
    decide?: GatewayDeps['decide'];
    deps?: Partial<GatewayDeps>;
    backlog?: number;
  } = {},
): Promise<TestGateway> {
  const events: Record<string, unknown>[] = [];
  const allow = (): Decision => ({ action: 'allow', reasons: [] });
  const gateway = createGateway({
    config: gatewayFileSchema.parse(options.config ?? {}),
    defaultUpstream: upstream,
    keys: staticKeyDirectory({
      [KEY]: { keyId: 'gk_one', account: 'acct_1', org: 'org_1' },
      [KEY_TWO]: { keyId: 'gk_two', account: 'acct_2' },
    }),
    decide: options.decide ?? allow,
    emit: (e) => events.push(e),
    ...options.deps,
  });
  const addr: AddressInfo = await gateway.listen(0, '127.0.0.1', options.backlog);
  return { gateway, url: `http://127.0.0.1:${addr.port}`, events, close: () => gateway.close(1000) };
}

/** Posts JSON with the test key; returns status, headers and the body text. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const r = await request(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: r.statusCode, headers: r.headers, text: await r.body.text() };
}

/** Waits until `check` holds (events are emitted after the response closes). */
export async function until(check: () => boolean, what: string, tries = 400): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The real policy over an in-memory blocklist and counters, as the gateway runtime wires it. */
export function realPolicy(input: GatewayPolicyInput = {}, entries: Partial<BlockEntry>[] = []) {
  const policy = parseGatewayPolicy(input, 'test');
  const blocklist = new Blocklist(
    entries.map((e, i) =>
      blockEntrySchema.parse({
        id: `b${i}`,
        kind: 'account',
        value: 'acct_1',
        effect: 'block',
        createdAt: 0,
        ...e,
      }),
    ),
  );
  const counters = new LocalWindowCounters();
  const ctx: PolicyContext = { blocklist, counters };
  const decide: GatewayDeps['decide'] = (facts, extra) => {
    const d = decideWithinBudget(facts, ctx, policy, () => performance.now());
    return extra.inputFailure
      ? failureDecision(policy, extra.inputFailure.kind, extra.inputFailure.detail, d)
      : d;
  };
  return { policy, blocklist, counters, decide };
}

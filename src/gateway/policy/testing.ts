import { Blocklist, type BlockEntry } from '../../enforcement/index.js';
import { createClassifier, loadClassifierModel } from '../../content/index.js';
import type { ContentPort } from '../../pipeline/index.js';
import type { PolicyContext } from './context.js';
import type { RequestFacts } from './decision.types.js';
import { inlineContentPort } from './evaluate.js';
import { LocalWindowCounters } from './local-window-counters.js';

/** Test factories for the policy: valid by default, override what a test is about. */

export const T0 = Date.parse('2026-11-22T12:00:00Z');

export function makeFacts(over: Partial<Omit<RequestFacts, 'identity'>> & { identity?: Partial<RequestFacts['identity']> } = {}): RequestFacts {
  const { identity, ...rest } = over;
  return {
    route: '/v1/chat/completions',
    model: 'gpt-4o',
    stream: false,
    hasTools: false,
    nowMs: T0,
    accountValues: [],
    ...rest,
    identity: { keyId: 'key_1', account: 'acct_1', org: 'org_1', ip: '203.0.113.9', ...identity },
  };
}

export function makeEntry(over: Partial<BlockEntry> & Pick<BlockEntry, 'id' | 'kind' | 'value'>): BlockEntry {
  return { effect: 'block', reason: '', source: {}, createdAt: T0 - 86_400_000, expiresAt: null, revokedAt: null, shadow: false, ...over };
}

let shipped: ContentPort | undefined;
/** The shipped classifier as the inline port, loaded once per test file. */
export function shippedContentPort(): ContentPort {
  return (shipped ??= inlineContentPort(createClassifier(loadClassifierModel())));
}

export function makeContext(over: Partial<PolicyContext> & { entries?: BlockEntry[] } = {}): PolicyContext {
  const { entries, ...rest } = over;
  return { blocklist: new Blocklist(entries ?? []), counters: new LocalWindowCounters(), ...rest };
}

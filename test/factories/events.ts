import type { WardenEvent } from '../../src/events/index.js';

let counter = 0;

/** A valid request event; override any field. Ids are unique within a test process. */
export function makeEvent(overrides: Partial<WardenEvent> & Record<string, unknown> = {}): WardenEvent {
  counter++;
  return {
    id: `e-${process.pid}-${counter}`,
    time: '2024-01-09T07:12:03Z',
    kind: 'request',
    account: 'acct_1',
    ip: '198.51.100.23',
    request: { model: 'gpt-4', messages: [{ role: 'user', content: 'Translate this paragraph into English.' }] },
    ...overrides,
  };
}

/** NDJSON text of the given events. */
export function toNdjson(events: unknown[]): string {
  return events.map((e) => JSON.stringify(e)).join('\n') + '\n';
}

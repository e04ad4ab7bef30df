/**
 * The prompt and response text inside a stored event: `request.prompt`,
 * `request.messages[].content` and `response.content` (../shared/spec/events.md). Everything
 * privacy does to text — masking, purging, encrypting — goes through this one walker, so the
 * three agree on which fields are text.
 */
export function mapEventText(event: unknown, fn: (text: string) => string): unknown {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return event;
  const e = { ...(event as Record<string, unknown>) };
  const req = e.request;
  if (req !== null && typeof req === 'object' && !Array.isArray(req)) {
    const r = { ...(req as Record<string, unknown>) };
    if (typeof r.prompt === 'string') r.prompt = fn(r.prompt);
    if (Array.isArray(r.messages)) {
      r.messages = r.messages.map((m: unknown) => {
        if (m === null || typeof m !== 'object' || Array.isArray(m)) return m;
        const msg = { ...(m as Record<string, unknown>) };
        if (typeof msg.content === 'string') msg.content = fn(msg.content);
        return msg;
      });
    }
    e.request = r;
  }
  const res = e.response;
  if (res !== null && typeof res === 'object' && !Array.isArray(res)) {
    const r = { ...(res as Record<string, unknown>) };
    if (typeof r.content === 'string') r.content = fn(r.content);
    e.response = r;
  }
  return e;
}

/** Whether an event carries any prompt or response text at all. */
export function hasEventText(event: unknown): boolean {
  let found = false;
  mapEventText(event, (t) => {
    found ||= t.length > 0;
    return t;
  });
  return found;
}

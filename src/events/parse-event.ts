import type { z } from 'zod';
import { eventSchema, type WardenEvent } from './event.schema.js';

export interface EventIssue {
  /** JSON path of the offending field, `$` for the whole event, e.g. `request.messages[0].role`. */
  path: string;
  message: string;
}

export type EventParseResult = { ok: true; event: WardenEvent } | { ok: false; issues: EventIssue[] };

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '$';
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    const got = (issue as { input?: unknown }).input;
    if (got === undefined) return 'is required';
    return `must be ${issue.expected === 'object' ? 'an object' : issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}, got ${Array.isArray(got) ? 'an array' : got === null ? 'null' : typeof got}`;
  }
  return issue.message;
}

/** Validates one decoded JSON value against the event format, with every problem named by path. */
export function parseEvent(value: unknown): EventParseResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, issues: [{ path: '$', message: 'an event must be a JSON object' }] };
  }
  const r = eventSchema.safeParse(value, { reportInput: true });
  if (r.success) return { ok: true, event: r.data };
  return {
    ok: false,
    issues: r.error.issues.map((i) => ({ path: formatPath(i.path), message: describe(i) })),
  };
}

/** One line of text naming each issue, for stderr and API answers. */
export function formatIssues(issues: EventIssue[]): string {
  return issues.map((i) => `\`${i.path}\` ${i.message}`).join('; ');
}

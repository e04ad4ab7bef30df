import { z } from 'zod';
import { isValidTimestamp } from './timestamp.js';
import { isIp } from './ip.js';

/** An object that keeps unknown keys verbatim; `catchall` validates faster than `looseObject` here. */
function open<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.object(shape).catchall(z.unknown());
}

/**
 * The Warden event format, version 1 (../shared/spec/events.md, event.schema.json). Unknown
 * fields at any level are kept (`loose`), never interpreted. Length limits count Unicode code
 * points, as JSON Schema does.
 */

function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** A string of `min`–`max` code points; UTF-16 length is an upper bound, so most checks are O(1). */
function text(min: number, max?: number) {
  let s = z.string();
  if (min > 0) s = s.min(min, { error: `must not be empty` });
  if (max === undefined) return s;
  return s.refine((v) => v.length <= max || codePoints(v) <= max, { error: `must be at most ${max} characters` });
}

export const eventKinds = [
  'account.created',
  'account.updated',
  'login',
  'api_key.created',
  'payment_method.added',
  'request',
  'account.enforced',
] as const;
export type EventKind = (typeof eventKinds)[number];

export const roles = ['system', 'user', 'assistant', 'tool'] as const;
export const enforcementActions = ['warn', 'suspend', 'terminate', 'reinstate'] as const;

const profileSchema = open({
  email: text(0, 320).optional(),
  name: text(0, 256).optional(),
  phone: text(0, 64).optional(),
  country: text(0, 64).optional(),
  locale: text(0, 64).optional(),
  signup_method: text(0, 64).optional(),
});

const messageSchema = open({
  role: z.enum(roles, { error: `must be one of ${roles.join(', ')}` }),
  content: z.string(),
});

const requestSchema = z
  .looseObject({
    model: text(0, 256).optional(),
    api_key: text(0, 128).optional(),
    prompt: text(1).optional(),
    messages: z.array(messageSchema).min(1, { error: 'must hold at least one message' }).optional(),
  })
  .refine((r) => r.messages !== undefined || r.prompt !== undefined, {
    error: 'a request needs `messages` (a non-empty array) or `prompt` (a non-empty string)',
  });

export const eventSchema = z
  .looseObject({
    id: text(1, 128),
    time: z.string().refine(isValidTimestamp, {
      error: 'must be an RFC 3339 timestamp with `T` and a zone, e.g. 2024-01-09T07:12:03Z',
    }),
    kind: z.enum(eventKinds, { error: `must be one of ${eventKinds.join(', ')}` }),
    account: text(1, 128),
    org: text(0, 128).optional(),
    end_user: text(0, 256).optional(),
    ip: z.string().refine(isIp, { error: 'must be an IPv4 or IPv6 address' }).optional(),
    user_agent: text(0, 1024).optional(),
    device: text(0, 256).optional(),
    profile: profileSchema.optional(),
    api_key: open({ id: text(1, 128) }).optional(),
    payment: z
      .looseObject({ fingerprint: text(1, 256), country: text(0, 64).optional(), brand: text(0, 64).optional() })
      .optional(),
    request: requestSchema.optional(),
    response: z
      .looseObject({ content: z.string().optional(), refused: z.boolean().optional(), finish_reason: z.string().optional() })
      .optional(),
    usage: z
      .looseObject({
        input_tokens: z.number().int().min(0).optional(),
        output_tokens: z.number().int().min(0).optional(),
      })
      .optional(),
    enforcement: z
      .looseObject({
        action: z.enum(enforcementActions, { error: `must be one of ${enforcementActions.join(', ')}` }),
        reason: z.string().optional(),
      })
      .optional(),
  })
  .superRefine((e, ctx) => {
    const needs: Partial<Record<EventKind, 'request' | 'payment' | 'api_key' | 'enforcement'>> = {
      request: 'request',
      'payment_method.added': 'payment',
      'api_key.created': 'api_key',
      'account.enforced': 'enforcement',
    };
    const field = needs[e.kind];
    if (field && e[field] === undefined) {
      ctx.addIssue({ code: 'custom', path: [field], message: `is required for kind "${e.kind}"` });
    }
  });

export type WardenEvent = z.infer<typeof eventSchema>;

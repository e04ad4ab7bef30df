import sjson from 'secure-json-parse';
import { z } from 'zod';
import { blockEntrySchema, type BlocklistChange } from '../../enforcement/index.js';

/**
 * The wire format of one enforcement change on the Redis channel. `origin` names the replica
 * that published it, so that replica (which applied the change locally before publishing)
 * skips its own echo. Versioned so a rolling upgrade can tell old messages from new.
 */
const changeMessageSchema = z.object({
  v: z.literal(1),
  origin: z.string().min(1).max(128),
  /** When it was published (epoch ms): the receivers' bus-lag metric. Optional, so older replicas' messages still parse. */
  at: z.number().int().nonnegative().optional(),
  change: z.discriminatedUnion('op', [
    z.object({ op: z.literal('upsert'), entry: blockEntrySchema }),
    z.object({ op: z.literal('revoke'), id: z.string().min(1).max(128), revokedAt: z.number().int() }),
  ]),
});

/** A message larger than this is refused before parsing: a block entry serialises to well under 4 KiB. */
export const maxChangeMessageBytes = 64 * 1024;

export type DecodedChange =
  { ok: true; origin: string; change: BlocklistChange; at?: number } | { ok: false; reason: string };

/** Serialises a change for the channel. */
export function encodeChangeMessage(origin: string, change: BlocklistChange, at = Date.now()): string {
  return JSON.stringify({ v: 1, origin, at, change });
}

/**
 * Parses and validates a channel message. Anything else on the channel (not JSON, wrong shape,
 * oversized, prototype-pollution keys) is an expected outcome, returned as a reason, never thrown:
 * whoever can publish to the channel must not be able to crash a replica.
 */
export function decodeChangeMessage(raw: string | Buffer): DecodedChange {
  const size = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length;
  if (size > maxChangeMessageBytes)
    return { ok: false, reason: `message of ${size} bytes exceeds ${maxChangeMessageBytes}` };
  let value: unknown;
  try {
    value = sjson.parse(typeof raw === 'string' ? raw : raw.toString('utf8'), undefined, {
      protoAction: 'error',
      constructorAction: 'error',
    });
  } catch (err) {
    // The parser's message quotes the input; the reason goes to logs, so it names only the kind.
    return {
      ok: false,
      reason: /forbidden/.test((err as Error).message)
        ? 'forbidden key (__proto__ or constructor)'
        : 'not JSON',
    };
  }
  const parsed = changeMessageSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      reason: `wrong shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    };
  }
  return {
    ok: true,
    origin: parsed.data.origin,
    change: parsed.data.change,
    ...(parsed.data.at !== undefined ? { at: parsed.data.at } : {}),
  };
}

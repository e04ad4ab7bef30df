/**
 * Synthetic event populations for the analyze benchmarks (scale, incremental): deterministic,
 * streamed to NDJSON, with the sharing patterns that make linkage expensive (see
 * analyze-scale.ts). Not a world model: src/sim is, and the quality bench uses it.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { extractEntities, timestampMs, type DecodedEvent, type WardenEvent } from '../src/events/index.js';

const perAccountDefault = 10;

/** Deterministic xorshift PRNG, so every run reads the same file. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

/** Writes `accounts` accounts' events (about `perAccount` each) to `file`; returns the count. */
export async function generate(
  file: string,
  accounts: number,
  perAccount = perAccountDefault,
): Promise<number> {
  const out = createWriteStream(file);
  const r = rng(accounts);
  const t0 = Date.parse('2024-01-08T00:00:00Z');
  let n = 0;
  let buf: string[] = [];
  const flush = async () => {
    if (!out.write(buf.join(''))) await once(out, 'drain');
    buf = [];
  };
  for (let a = 0; a < accounts; a++) {
    const acct = `acct_${a}`;
    const cell = a % 500 === 0 ? Math.floor(a / 500) : -1; // actor cells of 5 from every 500th
    const family = Math.floor(a / 3);
    const office = Math.floor(a / 200);
    const created = t0 + Math.floor(r() * 28 * 86_400_000);
    const device = cell >= 0 || a % 500 < 5 ? `dev-cell-${Math.floor(a / 500)}` : `dev-${a}`;
    const card = a % 7 < 3 ? `pm-fam-${family}` : `pm-${a}`;
    const ipOf = () => {
      const p = r();
      if (p < 0.3) return `10.${(office >> 8) & 255}.${office & 255}.1`; // office NAT
      if (p < 0.4) return `100.64.0.${Math.floor(r() * 4)}`; // carrier-grade NAT hub
      if (p < 0.5) return `198.18.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}`; // VPN exits
      return `${11 + (a % 200)}.${(a >> 8) & 255}.${a & 255}.${1 + Math.floor(r() * 3)}`;
    };
    const base = { account: acct };
    const ev: object[] = [
      {
        ...base,
        kind: 'account.created',
        t: created,
        ip: ipOf(),
        device,
        profile: {
          email: `user${a}@${a % 10 === 0 ? `corp${office}.example` : 'mail.example'}`,
          locale: a % 4 === 0 ? 'zh-CN' : 'en-US',
        },
      },
      { ...base, kind: 'payment_method.added', t: created + 60_000, payment: { fingerprint: card } },
    ];
    for (let i = 2; i < perAccount; i++) {
      const refused = cell >= 0 ? r() < 0.6 : r() < 0.01;
      ev.push({
        ...base,
        kind: 'request',
        t: created + i * 3_600_000 + Math.floor(r() * 600_000),
        ip: ipOf(),
        device,
        request: { prompt: `Question ${Math.floor(r() * 1000)} about topic ${a % 97} in my project` },
        response: { refused },
      });
    }
    if (cell >= 0 && a % 1000 === 0)
      ev.push({
        ...base,
        kind: 'account.enforced',
        t: created + 86_400_000,
        enforcement: { action: 'terminate' },
      });
    for (const e of ev) {
      const { t, ...rest } = e as { t: number };
      buf.push(`${JSON.stringify({ id: `${acct}-${n}`, time: new Date(t).toISOString(), ...rest })}\n`);
      n++;
    }
    if (buf.length > 5000) await flush();
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return n;
}

/** Decoding as the pipeline needs it, without zod validation (measured separately). */
export function fastDecode(position: number, text: string): DecodedEvent {
  const event = JSON.parse(text) as WardenEvent;
  return {
    position,
    event,
    raw: text,
    timeMs: timestampMs(event.time),
    entities: extractEntities(event),
  };
}

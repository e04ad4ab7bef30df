import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../errors/index.js';
import { dataPath } from '../../util/package-root.js';
import { parseIpNetwork, type IpNetwork } from '../net/ip.js';
import { CidrTrie } from './cidr-trie.js';

/**
 * How much a value on a warninglist can say about an actor: `none` (private space, public
 * resolvers: never meaningful) or `low` (cloud, VPN, webmail: shared by many, weak alone).
 */
export type Specificity = 'none' | 'low';

export const warninglistFileSchema = z.object({
  $comment: z.string().optional(),
  name: z.string().regex(/^[a-z0-9-]+$/),
  description: z.string(),
  kind: z.enum(['cidr', 'domain']),
  specificity: z.enum(['none', 'low']),
  entries: z.array(z.string().min(1)),
});
export type WarninglistFile = z.infer<typeof warninglistFileSchema>;

export interface WarninglistHit {
  list: string;
  specificity: Specificity;
}

/** Warninglists compiled for lookups: a prefix trie per IP family and a domain suffix set. */
export class Warninglists {
  private readonly v4 = new CidrTrie<WarninglistHit>(4);
  private readonly v6 = new CidrTrie<WarninglistHit>(6);
  private readonly domains = new Map<string, WarninglistHit>();
  readonly lists: readonly WarninglistFile[];

  constructor(lists: readonly WarninglistFile[]) {
    this.lists = lists;
    for (const l of lists) {
      const hit: WarninglistHit = { list: l.name, specificity: l.specificity };
      for (const e of l.entries) {
        if (l.kind === 'domain') {
          this.domains.set(e.toLowerCase(), hit);
          continue;
        }
        const net = parseIpNetwork(e);
        if (!net) throw new AppError('INTEL_CATALOGUE_INVALID', `Warninglist ${l.name}: "${e}" is not an IP network`, { details: { list: l.name, entry: e } });
        (net.version === 4 ? this.v4 : this.v6).insert(net, hit);
      }
    }
  }

  /** The list holding an address or network (the most specific entry wins). */
  checkIp(net: IpNetwork): WarninglistHit | null {
    let best: WarninglistHit | null = null;
    (net.version === 4 ? this.v4 : this.v6).forEachContaining(net, (h) => (best = h));
    return best;
  }

  /** The list holding a domain or any parent domain of it (`mail.gmail.com` → gmail.com). */
  checkDomain(domain: string): WarninglistHit | null {
    let d = domain.toLowerCase().replace(/\.$/, '');
    for (;;) {
      const hit = this.domains.get(d);
      if (hit) return hit;
      const dot = d.indexOf('.');
      if (dot === -1) return null;
      d = d.slice(dot + 1);
    }
  }

  /** Checks a value of a matcher field; e-mail addresses are judged by their domain. */
  check(field: string, value: string): WarninglistHit | null {
    if (field === 'ip' || field.endsWith(':ip')) {
      const net = parseIpNetwork(value);
      return net ? this.checkIp(net) : null;
    }
    if (field === 'email_domain' || field.endsWith(':domain')) return this.checkDomain(value);
    if (field === 'email' || field.endsWith(':email')) {
      const at = value.lastIndexOf('@');
      return at === -1 ? null : this.checkDomain(value.slice(at + 1));
    }
    return null;
  }

  /**
   * The check linkage uses to stop low-specificity values linking accounts (the shape of
   * `WarninglistCheck` in src/linkage): the list's name, or undefined.
   */
  readonly forLinkage = (kind: string, value: string): string | undefined => {
    if (kind === 'ip' || kind === 'ip-prefix') {
      const net = parseIpNetwork(value);
      return net ? (this.checkIp(net)?.list ?? undefined) : undefined;
    }
    if (kind === 'email-domain') return this.checkDomain(value)?.list ?? undefined;
    return undefined;
  };
}

/**
 * Loads the warninglists shipped in `data/intel/warninglists/` (or another folder of the same
 * files), validating each; a broken file is an error naming it, never silently skipped.
 */
export function loadWarninglists(dir: string = dataPath('intel', 'warninglists')): Warninglists {
  const lists: WarninglistFile[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const parsed = warninglistFileSchema.safeParse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
    if (!parsed.success) {
      throw new AppError('INTEL_CATALOGUE_INVALID', `Warninglist ${f} is invalid: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`, {
        details: { file: f },
      });
    }
    lists.push(parsed.data);
  }
  return new Warninglists(lists);
}

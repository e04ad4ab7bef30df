import type { FastifyRequest } from 'fastify';
import { findPartnerByKey, rightsOfPartner, type CollectionRights } from '../store/repos/intel-partners.repo.js';
import type { IntelDb } from '../store/repos/intel-tables.js';

/** Who is calling and what they may do with each collection. */
export interface TaxiiPrincipal {
  id: string;
  name: string;
  rights(collectionId: string): CollectionRights;
  /** Collections the principal has any right on; null means all (an internal administrator). */
  collections: ReadonlySet<string> | null;
}

/** An extra authenticator (e.g. Warden's own admin API keys), tried after partner keys. */
export type ExtraAuthenticator = (req: FastifyRequest) => Promise<TaxiiPrincipal | undefined>;

/**
 * Reads HTTP Basic (partner id or name, and key; TAXII 2.1 §1.6.9 requires servers to support
 * Basic) or a bearer token, and resolves the partner with its per-collection rights.
 */
export async function authenticate(db: IntelDb, req: FastifyRequest, extra?: ExtraAuthenticator): Promise<TaxiiPrincipal | undefined> {
  const header = req.headers.authorization;
  let user: string | undefined;
  let secret: string | undefined;
  if (header?.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      user = decoded.slice(0, colon);
      secret = decoded.slice(colon + 1);
    }
  } else if (header?.startsWith('Bearer ')) {
    secret = header.slice(7).trim();
  }
  if (secret) {
    const partner = await findPartnerByKey(db, secret, user);
    if (partner) {
      const rights = await rightsOfPartner(db, partner.id);
      return {
        id: partner.id,
        name: partner.name,
        rights: (c) => rights.get(c) ?? { canRead: false, canWrite: false },
        collections: new Set(rights.keys()),
      };
    }
  }
  return extra ? extra(req) : undefined;
}

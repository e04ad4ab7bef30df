/**
 * What a caller may do. Every route declares one permission (`requirePermission`); roles are
 * bundles of permissions. Kept as data so the route × role matrix test can walk it whole.
 */
export const permissions = [
  'events:write',
  'events:read',
  'prompts:reveal',
  'analysis:read',
  'intel:read',
  'intel:write',
  'cases:read',
  'cases:write',
  'actions:propose',
  'actions:execute',
  'policy:write',
  'audit:read',
  'webhooks:admin',
  'users:admin',
] as const;
export type Permission = (typeof permissions)[number];

export const roles = ['ingest', 'viewer', 'analyst', 'lead', 'admin'] as const;
export type Role = (typeof roles)[number];

const viewer: Permission[] = ['events:read', 'analysis:read', 'intel:read', 'cases:read'];
const analyst: Permission[] = [...viewer, 'prompts:reveal', 'cases:write', 'actions:propose', 'intel:write'];
const lead: Permission[] = [...analyst, 'actions:execute', 'policy:write', 'audit:read'];

/**
 * `ingest` keys belong to event senders (log shippers, the provider's backend) and can do
 * nothing else; `analyst`s propose actions, `lead`s execute and approve them; `admin` manages
 * users, keys and webhooks.
 */
export const rolePermissions: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  ingest: new Set(['events:write']),
  viewer: new Set(viewer),
  analyst: new Set(analyst),
  lead: new Set(lead),
  admin: new Set(permissions),
};

export function isRole(s: string): s is Role {
  return (roles as readonly string[]).includes(s);
}

export function roleAllows(role: string, permission: Permission): boolean {
  return isRole(role) && rolePermissions[role].has(permission);
}

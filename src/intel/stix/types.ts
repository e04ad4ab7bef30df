/** A STIX 2.1 object as read from JSON; the common properties of §3.2 are typed, the rest open. */
export interface StixObject {
  type: string;
  id: string;
  spec_version?: string;
  created?: string;
  modified?: string;
  created_by_ref?: string;
  revoked?: boolean;
  confidence?: number;
  object_marking_refs?: string[];
  [key: string]: unknown;
}

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

/** One rule an object broke: the object's id, the field (JSON pointer) and the rule, in words. */
export interface StixIssue {
  objectId: string | null;
  /** Position of the object in the bundle's `objects` array. */
  index: number | null;
  field: string;
  rule: string;
  /** A warning is reported but does not stop the import (see `validateStixObject`). */
  severity?: 'warning';
}

/** The STIX 2.1 Cyber-observable types of §6, plus Warden's own (see warden-extensions.ts). */
export const OBSERVABLE_TYPES: ReadonlySet<string> = new Set([
  'artifact', 'autonomous-system', 'directory', 'domain-name', 'email-addr', 'email-message', 'file', 'ipv4-addr',
  'ipv6-addr', 'mac-addr', 'mutex', 'network-traffic', 'process', 'software', 'url', 'user-account',
  'windows-registry-key', 'x509-certificate', 'x-warden-device', 'x-warden-payment',
]);

/** Meta objects (§7) that carry neither `created_by`-style versioning rules of SDOs nor SCO ids. */
export const META_TYPES: ReadonlySet<string> = new Set(['marking-definition', 'extension-definition', 'language-content']);

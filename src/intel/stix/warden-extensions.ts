import type { StixObject } from './types.js';

const CREATED = '2024-01-01T00:00:00.000Z';
/** The identity that publishes Warden's extension definitions. */
export const WARDEN_EXTENSIONS_IDENTITY = 'identity--0c8e8c4b-7f2e-5b1a-9d3e-6a5f4b2c1d0e';

/**
 * Warden's own Cyber-observables, defined as STIX 2.1 extension definitions of type `new-sco`
 * (§7.3): a device fingerprint and a payment-instrument fingerprint. Both have one ID
 * Contributing Property, `fingerprint`, so their ids are UUIDv5 like any SCO (§2.9). Patterns
 * use them like built-in types: `[x-warden-device:fingerprint = 'd-77f1']`.
 */
export const WARDEN_DEVICE_EXTENSION: StixObject = {
  type: 'extension-definition',
  spec_version: '2.1',
  id: 'extension-definition--3f1c9b7e-2d4a-5e6f-8a9b-0c1d2e3f4a5b',
  created_by_ref: WARDEN_EXTENSIONS_IDENTITY,
  created: CREATED,
  modified: CREATED,
  name: 'x-warden-device',
  description:
    'A client device as an AI service sees it: `fingerprint` (string, required) is the provider-side device identifier or ' +
    'fingerprint hash; optional `user_agent` (string). ID Contributing Properties: fingerprint.',
  schema: 'https://github.com/warden/warden/blob/main/docs/intel.md#x-warden-device',
  version: '1.0.0',
  extension_types: ['new-sco'],
};

export const WARDEN_PAYMENT_EXTENSION: StixObject = {
  type: 'extension-definition',
  spec_version: '2.1',
  id: 'extension-definition--7a2b4c6d-8e0f-5a1b-9c3d-4e5f6a7b8c9d',
  created_by_ref: WARDEN_EXTENSIONS_IDENTITY,
  created: CREATED,
  modified: CREATED,
  name: 'x-warden-payment',
  description:
    'A payment instrument as a billing system fingerprints it (never the card number): `fingerprint` (string, required); ' +
    'optional `network` (string, e.g. visa). ID Contributing Properties: fingerprint.',
  schema: 'https://github.com/warden/warden/blob/main/docs/intel.md#x-warden-payment',
  version: '1.0.0',
  extension_types: ['new-sco'],
};

export const WARDEN_EXTENSIONS_IDENTITY_OBJECT: StixObject = {
  type: 'identity',
  spec_version: '2.1',
  id: WARDEN_EXTENSIONS_IDENTITY,
  created: CREATED,
  modified: CREATED,
  name: 'Warden project',
  identity_class: 'organization',
};

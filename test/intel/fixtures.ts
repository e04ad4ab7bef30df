import { randomUUID } from 'node:crypto';
import type { StixBundle, StixObject } from '../../src/intel/stix/types.js';

/** Test factories for STIX objects: valid by default, override what a test is about. */
export const PARTNER_IDENTITY_ID = 'identity--5d6c7e1a-2b3c-4d5e-8f90-a1b2c3d4e5f6';

export function makeIdentity(overrides: Partial<StixObject> = {}): StixObject {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: PARTNER_IDENTITY_ID,
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
    name: 'Partner A',
    identity_class: 'organization',
    ...overrides,
  };
}

export function makeIndicator(pattern: string, overrides: Partial<StixObject> = {}): StixObject {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: '2024-02-01T00:00:00.000Z',
    modified: '2024-02-01T00:00:00.000Z',
    created_by_ref: PARTNER_IDENTITY_ID,
    name: 'test indicator',
    indicator_types: ['malicious-activity'],
    pattern,
    pattern_type: 'stix',
    valid_from: '2024-02-01T00:00:00.000Z',
    confidence: 80,
    ...overrides,
  };
}

export function makeIntrusionSet(name: string, overrides: Partial<StixObject> = {}): StixObject {
  return {
    type: 'intrusion-set',
    spec_version: '2.1',
    id: `intrusion-set--${randomUUID()}`,
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
    name,
    ...overrides,
  };
}

export function makeRelationship(type: string, source: string, target: string): StixObject {
  return {
    type: 'relationship',
    spec_version: '2.1',
    id: `relationship--${randomUUID()}`,
    created: '2024-02-01T00:00:00.000Z',
    modified: '2024-02-01T00:00:00.000Z',
    relationship_type: type,
    source_ref: source,
    target_ref: target,
  };
}

export function makeBundle(objects: StixObject[]): StixBundle {
  return { type: 'bundle', id: `bundle--${randomUUID()}`, objects };
}

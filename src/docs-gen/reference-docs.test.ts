import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderConfigurationDoc, renderErrorsDoc } from './reference-docs.js';

describe('generated reference docs', () => {
  it('docs/errors.md matches the error catalogue (run `npm run docs:reference`)', () => {
    expect(readFileSync('docs/errors.md', 'utf8')).toBe(renderErrorsDoc());
  });
  it('docs/configuration.md matches the configuration schema (run `npm run docs:reference`)', () => {
    expect(readFileSync('docs/configuration.md', 'utf8')).toBe(renderConfigurationDoc());
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { permissionExtension, renderOpenApiDocument } from './openapi.js';

type Doc = { openapi: string; paths: Record<string, Record<string, { summary?: string; [k: string]: unknown }>> };

describe('OpenAPI document', () => {
  it('docs/openapi.json matches the routes (run `npm run docs:reference`)', async () => {
    expect(readFileSync('docs/openapi.json', 'utf8')).toBe(await renderOpenApiDocument());
  });

  it('documents every /api/v1 operation with a summary and its permission', async () => {
    const doc = JSON.parse(await renderOpenApiDocument()) as Doc;
    expect(doc.openapi).toMatch(/^3\./);
    const apiPaths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/v1'));
    expect(apiPaths.length).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const path of apiPaths) {
      for (const [method, op] of Object.entries(doc.paths[path]!)) {
        if (!op.summary) missing.push(`${method} ${path}: summary`);
        if (typeof op[permissionExtension] !== 'string') missing.push(`${method} ${path}: ${permissionExtension}`);
      }
    }
    expect(missing).toEqual([]);
    expect(doc.paths['/api/v1/events']?.post?.[permissionExtension]).toBe('events:write');
    expect(doc.paths['/api/v1/audit']?.get?.[permissionExtension]).toBe('audit:read');
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/taxii2'))).toBe(false);
  });
});

import type { z } from 'zod';
import { configSchema, listSettings } from '../config/index.js';
import { errorCatalogue } from '../errors/index.js';

/** docs/errors.md, generated from the error catalogue so the two never drift. */
export function renderErrorsDoc(): string {
  const rows = Object.entries(errorCatalogue).map(
    ([code, e]) => `| \`${code}\` | ${e.status} | ${e.description} |`,
  );
  return [
    '# Error codes',
    '',
    '<!-- Generated from src/errors/catalogue.ts by `npm run docs:reference`; do not edit by hand. -->',
    '',
    'Every error Warden returns, over HTTP or from the CLI, has the shape',
    '`{ "error": { "code": "…", "message": "…", "details": { … } } }`. The code is one of these:',
    '',
    '| code | HTTP status | meaning |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

function describeDefault(schema: z.ZodType): string {
  const r = schema.safeParse(undefined);
  if (!r.success || r.data === undefined) return '—';
  return `\`${typeof r.data === 'string' ? r.data : JSON.stringify(r.data)}\``;
}

/** docs/configuration.md, generated from the configuration schema. */
export function renderConfigurationDoc(): string {
  const rows = listSettings().map(({ group, key, variable }) => {
    const groupShape = (configSchema.shape as Record<string, z.ZodObject>)[group]!.shape as Record<
      string,
      z.ZodType
    >;
    const field = groupShape[key]!;
    return `| \`${variable}\` | ${describeDefault(field)} | ${field.description ?? ''} |`;
  });
  return [
    '# Configuration',
    '',
    '<!-- Generated from src/config/config.schema.ts by `npm run docs:reference`; do not edit by hand. -->',
    '',
    'Warden reads its configuration once, from the environment, when a command starts. A bad value',
    'stops the command with every offending variable named. Short aliases: `WARDEN_DATABASE_URL`,',
    '`WARDEN_REDIS_URL`, `WARDEN_DATA_DIR`, `WARDEN_LOG_LEVEL`, `WARDEN_PORT`, `WARDEN_GATEWAY_PORT`.',
    '',
    '| variable | default | meaning |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

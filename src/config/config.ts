import type { z } from 'zod';
import { AppError } from '../errors/index.js';
import { configSchema, type WardenConfig } from './config.schema.js';

/** `WARDEN_<GROUP>_<KEY>` in upper snake case, e.g. `database.dataDir` → `WARDEN_DATABASE_DATA_DIR`. */
export function envName(group: string, key: string): string {
  const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
  return `WARDEN_${snake(group)}_${snake(key)}`;
}

/** Short names that operators already know; they win over the long form. */
const aliases: Record<string, [string, string]> = {
  WARDEN_DATABASE_URL: ['database', 'url'],
  WARDEN_REDIS_URL: ['redis', 'url'],
  WARDEN_DATA_DIR: ['database', 'dataDir'],
  WARDEN_LOG_LEVEL: ['log', 'level'],
  WARDEN_PORT: ['server', 'port'],
  WARDEN_GATEWAY_PORT: ['gateway', 'port'],
};

/** Every (group, key, variable) the schema knows, for docs and for reading the environment. */
export function listSettings(): { group: string; key: string; variable: string }[] {
  const out: { group: string; key: string; variable: string }[] = [];
  for (const [group, groupSchema] of Object.entries(configSchema.shape)) {
    for (const key of Object.keys((groupSchema as z.ZodObject).shape)) {
      out.push({ group, key, variable: envName(group, key) });
    }
  }
  return out;
}

/**
 * Reads the configuration once from an environment (default `process.env`) plus overrides, and
 * freezes it. Throws CONFIG_INVALID listing every bad variable, so an operator fixes all in one go.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<{ [G in keyof WardenConfig]: Partial<WardenConfig[G]> }> = {},
): Readonly<WardenConfig> {
  const raw: Record<string, Record<string, unknown>> = {};
  for (const group of Object.keys(configSchema.shape)) raw[group] = {};
  for (const { group, key, variable } of listSettings()) {
    const value = env[variable];
    if (value !== undefined && value !== '') raw[group]![key] = value;
  }
  for (const [variable, [group, key]] of Object.entries(aliases)) {
    const value = env[variable];
    if (value !== undefined && value !== '') raw[group]![key] = value;
  }
  for (const [group, values] of Object.entries(overrides)) {
    for (const [key, value] of Object.entries(values ?? {})) if (value !== undefined) raw[group]![key] = value;
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => {
      const [group, key] = i.path.map(String);
      const variable = group && key ? envName(group, key) : i.path.join('.');
      return { variable, message: i.message };
    });
    throw new AppError(
      'CONFIG_INVALID',
      `Invalid configuration:\n${issues.map((i) => `  ${i.variable}: ${i.message}`).join('\n')}`,
      { details: { issues }, expose: true },
    );
  }
  return deepFreeze(parsed.data);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Settings whose whole value is a secret (keys, tokens, passwords), by name. */
const secretName = /(keys?|secrets?|passwords?|tokens?)$/i;

/** Renders a config for logs with secrets replaced: secret-named settings, and passwords in URLs. */
export function redactConfig(config: WardenConfig): unknown {
  return JSON.parse(
    JSON.stringify(config, (k, v: unknown) => {
      if (typeof v !== 'string') return v;
      if (secretName.test(k) && v !== '') return '***';
      return v.replace(/(\/\/[^:/@]+:)[^@]+@/, '$1***@');
    }),
  );
}

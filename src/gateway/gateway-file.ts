import { readFileSync, statSync } from 'node:fs';
import { AppError } from '../errors/index.js';
import { gatewayFileSchema, type GatewayFileConfig } from './gateway-config.schema.js';

const maxFileBytes = 1024 * 1024;

/**
 * Reads and validates the gateway config file (`WARDEN_GATEWAY_CONFIG_FILE`); no file means every
 * default. Throws GATEWAY_CONFIG_INVALID listing each issue with its path, so a reload with a bad
 * file is refused whole and the running configuration stays.
 */
export function loadGatewayFile(file: string | undefined): GatewayFileConfig {
  if (!file) return gatewayFileSchema.parse({});
  let raw: unknown;
  try {
    const size = statSync(file).size;
    if (size > maxFileBytes)
      throw new Error(`${size} bytes, over the ${maxFileBytes}-byte limit of a gateway config file`);
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new AppError(
      'GATEWAY_CONFIG_INVALID',
      `Gateway config ${file} could not be read: ${(err as Error).message} (WARDEN_GATEWAY_CONFIG_FILE).`,
      {
        expose: true,
        cause: err,
        details: { file },
      },
    );
  }
  return parseGatewayFile(raw, file);
}

/** Validates a gateway config document; throws GATEWAY_CONFIG_INVALID naming every bad path. */
export function parseGatewayFile(raw: unknown, source = 'document'): GatewayFileConfig {
  const parsed = gatewayFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: i.path.join('.') || '(root)',
      message: i.message,
    }));
    throw new AppError(
      'GATEWAY_CONFIG_INVALID',
      `Gateway config ${source} is invalid:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`,
      {
        expose: true,
        details: { issues },
      },
    );
  }
  const cfg = parsed.data;
  const upstreams = new Set([...Object.keys(cfg.upstreams), 'default']);
  const bad = [...cfg.routes, { ...cfg.passthrough, path: '(passthrough)' }].filter(
    (r) => !upstreams.has(r.upstream),
  );
  if (bad.length > 0) {
    const issues = bad.map((r) => ({
      path: `routes ${r.path}`,
      message: `names upstream "${r.upstream}", which \`upstreams\` does not define`,
    }));
    throw new AppError(
      'GATEWAY_CONFIG_INVALID',
      `Gateway config ${source} is invalid:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`,
      {
        expose: true,
        details: { issues },
      },
    );
  }
  return cfg;
}

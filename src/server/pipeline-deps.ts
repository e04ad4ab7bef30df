import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { loadActorProfiles } from '../attribution/index.js';
import { createClassifier, loadClassifierModel } from '../content/index.js';
import { AppError } from '../errors/index.js';
import {
  createIntelPort,
  formatIssue,
  importBundleText,
  IntelState,
  loadActorCatalogue,
  loadStixSchemas,
  loadWarninglists,
} from '../intel/index.js';
import type { WardenConfig } from '../config/index.js';
import { contentPortFrom, pipelineConfigSchema, type IntelPort, type PipelineConfig, type PipelineDeps } from '../pipeline/index.js';

/**
 * Imports STIX bundles (validated against the OASIS schemas by src/intel) into one intel state
 * and builds the pipeline's intel port with Warden's warninglists. A bundle that is missing, not
 * JSON or fails validation is refused whole (INPUT_UNREADABLE / STIX_VALIDATION_FAILED), naming
 * the file and its first issues.
 */
export function loadIntelBundles(files: readonly string[], receivedAt: string, state = new IntelState()): IntelPort | undefined {
  if (files.length === 0 && state.size === 0) return undefined;
  const schemas = loadStixSchemas();
  for (const f of files) {
    if (!existsSync(f) || !statSync(f).isFile()) {
      throw new AppError('INPUT_UNREADABLE', `intel bundle ${f}: no such file; give the path of an existing STIX 2.1 bundle`);
    }
    const r = importBundleText(state, readFileSync(f), { schemas, provenance: { source: `file:${basename(f)}`, receivedAt } });
    if (!r.ok) {
      const shown = r.issues.slice(0, 5).map(formatIssue).join('; ');
      throw new AppError(
        'STIX_VALIDATION_FAILED',
        `intel bundle ${f}: failed validation with ${r.issueCount} issue${r.issueCount === 1 ? '' : 's'}: ${shown}; fix the bundle or leave it out`,
        { details: { file: f, issues: r.issues.slice(0, 50) } },
      );
    }
  }
  return createIntelPort(state, { warninglists: loadWarninglists() });
}

/**
 * The pipeline's thresholds: the tuned defaults, a JSON file over them, then the two verdict
 * thresholds from the environment. A bad file is refused naming each field.
 */
export function loadPipelineConfig(settings: WardenConfig['pipeline']): PipelineConfig {
  let input: Record<string, unknown> = {};
  if (settings.configFile) {
    try {
      input = JSON.parse(readFileSync(settings.configFile, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new AppError('INPUT_UNREADABLE', `pipeline configuration ${settings.configFile}: ${(err as Error).message}`);
    }
  }
  const verdict = {
    ...(input.verdict as object | undefined),
    ...(settings.maliciousThreshold !== undefined ? { malicious: settings.maliciousThreshold } : {}),
    ...(settings.suspiciousThreshold !== undefined ? { suspicious: settings.suspiciousThreshold } : {}),
  };
  const r = pipelineConfigSchema.safeParse({ ...input, verdict });
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new AppError('CONFIG_INVALID', `pipeline configuration${settings.configFile ? ` ${settings.configFile}` : ''} is invalid: ${issues.join('; ')}`, {
      details: { issues },
      expose: true,
    });
  }
  if (r.data.verdict.suspicious > r.data.verdict.malicious) {
    throw new AppError('CONFIG_INVALID', 'pipeline configuration: the suspicious threshold must not be above the malicious one', { expose: true });
  }
  return r.data;
}

/**
 * Everything the detection pipeline is given, built the same way for `warden analyze` and for
 * the live server so that both reach the same verdicts from the same events and intel.
 */
export function loadPipelineDeps(options: {
  intelBundles: readonly string[];
  receivedAt: string;
  storedIntel?: IntelState;
  config?: PipelineConfig;
}): PipelineDeps {
  const intel = loadIntelBundles(options.intelBundles, options.receivedAt, options.storedIntel);
  return {
    ...(options.config ? { config: options.config } : {}),
    profiles: loadActorProfiles(),
    catalogue: loadActorCatalogue(),
    content: contentPortFrom(createClassifier(loadClassifierModel())),
    ...(intel ? { intel } : {}),
  };
}

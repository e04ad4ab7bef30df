import type { Command } from 'commander';

/** A command adds itself to the program. */
export type RegisterCommand = (program: Command) => void;

/**
 * The whole CLI, in help order. Each command's module is imported only when that command runs
 * (or for help): loading every command's dependencies (the server, the gateway, Chromium's
 * driver…) made a one-line `warden migrate status` cost over a second before it did anything.
 */
export interface CommandEntry {
  name: string;
  load: () => Promise<RegisterCommand>;
}

export const commands: readonly CommandEntry[] = [
  { name: 'demo', load: async () => (await import('./demo.js')).registerDemo },
  { name: 'serve', load: async () => (await import('./serve.js')).registerServe },
  { name: 'ingest', load: async () => (await import('./ingest.js')).registerIngest },
  { name: 'migrate', load: async () => (await import('./migrate.js')).registerMigrate },
  { name: 'keys', load: async () => (await import('./keys.js')).registerKeys },
  { name: 'users', load: async () => (await import('./users.js')).registerUsers },
  { name: 'audit', load: async () => (await import('./audit.js')).registerAudit },
  { name: 'retention', load: async () => (await import('./retention.js')).registerRetention },
  { name: 'privacy', load: async () => (await import('./privacy.js')).registerPrivacy },
  { name: 'gateway', load: async () => (await import('./gateway.js')).registerGateway },
  { name: 'gateway-keys', load: async () => (await import('./gateway-keys.js')).registerGatewayKeys },
  { name: 'classify', load: async () => (await import('./classify.js')).registerClassify },
  { name: 'train', load: async () => (await import('./train.js')).registerTrain },
  { name: 'eval', load: async () => (await import('./eval.js')).registerEval },
  { name: 'analyze', load: async () => (await import('./analyze.js')).registerAnalyze },
  { name: 'simulate', load: async () => (await import('./simulate.js')).registerSimulate },
  { name: 'intel', load: async () => (await import('./intel.js')).registerIntel },
  { name: 'partners', load: async () => (await import('./partners.js')).registerPartners },
  { name: 'cases', load: async () => (await import('./cases.js')).registerCases },
  { name: 'actions', load: async () => (await import('./actions.js')).registerActions },
  { name: 'webhooks', load: async () => (await import('./webhooks.js')).registerWebhooks },
  { name: 'report', load: async () => (await import('./report.js')).registerReport },
];

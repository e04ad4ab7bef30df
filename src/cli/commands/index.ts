import type { Command } from 'commander';
import { registerActions } from './actions.js';
import { registerAnalyze } from './analyze.js';
import { registerAudit } from './audit.js';
import { registerRetention } from './retention.js';
import { registerPrivacy } from './privacy.js';
import { registerUsers } from './users.js';
import { registerCases } from './cases.js';
import { registerClassify } from './classify.js';
import { registerDemo } from './demo.js';
import { registerEval } from './eval.js';
import { registerGateway } from './gateway.js';
import { registerGatewayKeys } from './gateway-keys.js';
import { registerIngest } from './ingest.js';
import { registerIntel } from './intel.js';
import { registerKeys } from './keys.js';
import { registerMigrate } from './migrate.js';
import { registerPartners } from './partners.js';
import { registerReport } from './report.js';
import { registerServe } from './serve.js';
import { registerSimulate } from './simulate.js';
import { registerTrain } from './train.js';
import { registerWebhooks } from './webhooks.js';

/** A command adds itself to the program; the list below is the whole CLI, in help order. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [
  registerDemo,
  registerServe,
  registerIngest,
  registerMigrate,
  registerKeys,
  registerUsers,
  registerAudit,
  registerRetention,
  registerPrivacy,
  registerGateway,
  registerGatewayKeys,
  registerClassify,
  registerTrain,
  registerEval,
  registerAnalyze,
  registerSimulate,
  registerIntel,
  registerPartners,
  registerCases,
  registerActions,
  registerWebhooks,
  registerReport,
];

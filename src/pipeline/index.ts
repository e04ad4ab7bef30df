export { Analysis, screeningKinds as evasionScreeningKinds, type PipelineDeps, type EvasionAlert } from './analysis.js';
export { evaluateAnalysis, type AnalysisResult, type AccountVerdict, type AccountActor } from './evaluate.js';
export { toReport, type AnalyzeReport, type ReportMeta } from './report.js';
export { analyzeEvents } from './run.js';
export {
  pipelineConfigSchema,
  defaultPipelineConfig,
  type PipelineConfig,
  type PipelineConfigInput,
} from './pipeline.schema.js';
export { evidenceKinds, noisyOr, type Evidence, type EvidenceKind, type DetectorMeta } from './evidence.js';
export { accountDetectors } from './detectors.js';
export { evasionDetector } from './evasion.js';
export type { IntelPort, IntelHit, IntelActorRef, ContentPort, ContentVerdict } from './ports.js';
export type { NetworkResult, NetworkLink, NetworkSummary } from './networks.js';
export { contentPortFrom } from './content-adapter.js';

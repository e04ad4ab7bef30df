export { createRuntime, type Runtime } from './runtime.js';
export { LiveAnalysis } from './live-analysis.js';
export { loadPipelineDeps, loadIntelBundles, loadPipelineConfig } from './pipeline-deps.js';
export { gatherTransparencyInputs } from './transparency-inputs.js';
export { renderPdf, chromiumArgs } from './render-pdf.js';
export { runRetention, scheduleRetention, replayAnalysis, type RetentionDeps } from './retention-job.js';
export { storeCaseLookup } from './case-lookup.js';

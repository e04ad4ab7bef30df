export { createRuntime, type Runtime } from './runtime.js';
export { LiveAnalysis } from './live-analysis.js';
export { loadPipelineDeps, loadIntelBundles, loadPipelineConfig } from './pipeline-deps.js';
export { gatherTransparencyInputs, produceTransparencyReport, checkReportPeriod, transparencyBundle, MAX_REPORT_DAYS } from './transparency-inputs.js';
export {
  produceCaseReport,
  gatherCaseReportInputs,
  renderCaseReport,
  findReportCase,
  reportPseudonymKey,
  reportFormats,
  reportContentTypes,
  type ReportFormat,
  type RenderedReport,
  type CaseReportRequest,
} from './case-report-inputs.js';
export { renderPdf, chromiumArgs, type PdfOptions } from './render-pdf.js';
export { runRetention, scheduleRetention, replayAnalysis, type RetentionDeps } from './retention-job.js';
export { storeCaseLookup } from './case-lookup.js';

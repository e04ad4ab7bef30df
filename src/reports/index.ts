/**
 * Reports Warden publishes: the transparency report for a period (actors disrupted, accounts
 * actioned, what they sought, TTPs mapped to ATT&CK and ATLAS, how they were found) and the
 * case report for a partner under a TLP 2.0 marking, in Markdown, HTML and STIX 2.1, with
 * identifiers pseudonymised by a keyed hash. Pure: the shell gathers the inputs and writes the files.
 */
export { createPseudonymiser, type Pseudonymiser } from './pseudonymise.js';
export {
  buildTransparencyReport,
  type ActionRecord,
  type ReportActor,
  type ReportTtp,
  type TopicCounts,
  type TransparencyInput,
  type TransparencyReport,
} from './transparency.js';
export { renderTransparencyMarkdown, countryName } from './render-markdown.js';
export { renderTransparencyHtml, escapeHtml, barChart } from './render-html.js';
export { TLP_LEVELS, TLP_COLOURS, TLP_MEANING, tlpLabel, parseTlp } from './tlp.js';
export { SHARE_KINDS, DEFAULT_SHARE, isShareKind, kindOfValue, Redactor, type ShareKind } from './redact.js';
export {
  buildCaseReport,
  SHAREABLE_NOTE_PREFIX,
  type CaseReport,
  type CaseReportAction,
  type CaseReportCase,
  type CaseReportInput,
  type CaseReportNote,
  type CaseReportSnapshot,
} from './case-report.js';
export { renderCaseMarkdown, renderCaseHtml, tlpBanner, markdownText } from './render-case.js';
export { caseReportBundle } from './case-stix.js';

/**
 * Reports Warden publishes: the transparency report for a period (actors disrupted, accounts
 * actioned, what they sought, TTPs mapped to ATT&CK and ATLAS, how they were found) in
 * Markdown and HTML, with identifiers pseudonymised by a keyed hash. Pure: the shell gathers the
 * inputs and writes the files.
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

export { renderErrorsDoc, renderConfigurationDoc } from './reference-docs.js';

import { writeFileSync } from 'node:fs';
import { renderOpenApiDocument } from '../src/api/openapi.js';
import { renderConfigurationDoc, renderErrorsDoc } from '../src/docs-gen/index.js';

writeFileSync('docs/errors.md', renderErrorsDoc());
writeFileSync('docs/configuration.md', renderConfigurationDoc());
writeFileSync('docs/openapi.json', await renderOpenApiDocument());
console.log('wrote docs/errors.md, docs/configuration.md and docs/openapi.json');

import { writeFileSync } from 'node:fs';
import { renderConfigurationDoc, renderErrorsDoc } from '../src/docs-gen/index.js';

writeFileSync('docs/errors.md', renderErrorsDoc());
writeFileSync('docs/configuration.md', renderConfigurationDoc());
console.log('wrote docs/errors.md and docs/configuration.md');

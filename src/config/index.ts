export { loadConfig, listSettings, envName, redactConfig } from './config.js';
export { configSchema, type WardenConfig, type WardenConfigInput } from './config.schema.js';

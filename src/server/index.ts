export { createRuntime, type Runtime } from './runtime.js';

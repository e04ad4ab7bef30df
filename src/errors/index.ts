export { AppError, toErrorBody, isAppError, type AppErrorOptions, type ErrorBody } from './app-error.js';
export { errorCatalogue, type ErrorCode } from './catalogue.js';

import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, toErrorBody, type ErrorCode } from '../errors/index.js';

/** Fastify's own error codes mapped onto Warden's catalogue, so every answer has one shape. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

function normalise(err: FastifyError): AppError | FastifyError {
  if (err instanceof AppError) return err;
  const code = err.code ? fastifyCodes[err.code] : undefined;
  if (code) {
    const message =
      code === 'PAYLOAD_TOO_LARGE'
        ? 'Request body is over the limit (WARDEN_SERVER_BODY_LIMIT_BYTES); send smaller batches.'
        : code === 'UNSUPPORTED_MEDIA_TYPE'
          ? `Unsupported Content-Type; this route reads the types its documentation lists.`
          : err.message;
    return new AppError(code, message, { cause: err, expose: true });
  }
  return err;
}

/** One error exit for the whole API: `{ error: { code, message, details? } }`. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((raw: FastifyError, req, reply) => {
    const err = normalise(raw);
    const { status, body } = toErrorBody(err);
    if (status >= 500) req.log.error({ err: raw }, 'request failed');
    else req.log.info({ code: body.error.code }, 'request refused');
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${req.method} ${req.url.split('?')[0]}` } }),
  );
}

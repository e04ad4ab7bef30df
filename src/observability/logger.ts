import pino, { type Logger } from 'pino';

/**
 * Structured logs. Prompt text never reaches a log at info: records carry counts and ids, and
 * these paths are redacted wherever an event or request body would otherwise slip in.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'event.request',
          'event.response',
          '*.request.messages',
          '*.request.prompt',
          'body',
          'prompt',
          'text',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination({ dest: 2, sync: false }),
  );
}

export type { Logger };

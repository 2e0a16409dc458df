import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs. Code never logs message text (turn events carry intents and scores,
 * not words); the redact list is a second line of defence should an activity ever be logged whole.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'borgerservice-assistenten' },
      redact: {
        paths: [
          'text',
          '*.text',
          'activity.text',
          'activity.value',
          'value',
          '*.value',
          'req.headers.authorization',
          'headers.authorization',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
export type { Logger };

import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs. Secrets are redacted wherever they could appear. */
export function createLogger(level: string, name = 'rapport'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: [
        'config.SLACK_SIGNING_SECRET',
        'config.SLACK_BOT_TOKEN',
        'config.SLACK_APP_TOKEN',
        'config.SLACK_CLIENT_SECRET',
        'config.SLACK_STATE_SECRET',
        'config.MICROSOFT_APP_PASSWORD',
        'config.OPENAI_API_KEY',
        'config.ADMIN_PASSWORD',
        'config.RAPPORT_SECRET',
        'config.DATABASE_URL',
        'config.REDIS_URL',
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        '*.token',
        '*.password',
      ],
      censor: '[redacted]',
    },
  });
}

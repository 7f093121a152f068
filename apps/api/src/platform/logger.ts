import type { LoggerOptions } from 'pino';

/**
 * Paths pino replaces with "[redacted]". Secrets must never reach a log line: bearer credentials,
 * passwords, raw tokens and Salesforce tokens, wherever they appear in a logged object. (Request
 * URLs are logged without their query string, which is where OAuth codes travel.)
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  '*.authorization',
  'password',
  '*.password',
  'token',
  '*.token',
  'access_token',
  '*.access_token',
  'refresh_token',
  '*.refresh_token',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
  'client_secret',
  '*.client_secret',
  'clientSecret',
  '*.clientSecret',
  'secret',
  '*.secret',
  'code_verifier',
  '*.code_verifier',
];

export function loggerOptions(
  level: string,
  destination?: NodeJS.WritableStream,
): LoggerOptions & { stream?: NodeJS.WritableStream } {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    ...(destination ? { stream: destination } : {}),
  };
}

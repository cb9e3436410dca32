import { pino, type DestinationStream, type Logger } from 'pino';
import { LOG_REDACT_CENSOR, LOG_REDACT_PATHS } from './log-redaction';

export type { Logger } from 'pino';

/**
 * The one logger of the application (pino): the HTTP server, the delivery worker and the start-up
 * messages all write through it, with the same redaction (never a cookie, password, code or NIR:
 * src/shared/log-redaction.ts).
 * - production: one JSON object per line on stdout, for the log collector;
 * - development: short readable lines (`12:03:04 INFO  Mon Compte est démarré : …`);
 * - test: silent.
 */
export function createLogger(o: {
  env: 'development' | 'test' | 'production';
  level?: string | undefined;
  destination?: DestinationStream;
}): Logger {
  const options = {
    level: o.env === 'test' ? 'silent' : (o.level ?? 'info'),
    redact: { paths: LOG_REDACT_PATHS, censor: LOG_REDACT_CENSOR },
  };
  if (o.destination) return pino(options, o.destination);
  return o.env === 'development' ? pino(options, readableLines()) : pino(options);
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };

/** A pino destination for a developer's terminal: time, level, message, and what a request log carries. */
export function readableLines(write: (line: string) => void = (l) => process.stdout.write(l)): DestinationStream {
  return {
    write(json: string) {
      const e = JSON.parse(json) as {
        time: number;
        level: number;
        msg?: string;
        reqId?: string;
        req?: { method?: string; url?: string };
        res?: { statusCode?: number };
        responseTime?: number;
        err?: { message?: string; stack?: string };
      };
      const time = new Date(e.time).toTimeString().slice(0, 8);
      const parts = [time, LEVELS[e.level] ?? String(e.level), e.msg ?? ''];
      if (e.req) parts.push(`${e.req.method} ${e.req.url}`);
      if (e.res) parts.push(`→ ${e.res.statusCode} (${Math.round(e.responseTime ?? 0)} ms)`);
      if (e.err) parts.push(`\n${e.err.stack ?? e.err.message}`);
      write(`${parts.filter(Boolean).join(' ')}\n`);
    },
  };
}

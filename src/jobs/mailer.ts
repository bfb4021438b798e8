/**
 * Outgoing mail over SMTP (nodemailer), configured from the environment. Without
 * SMTP_HOST the mailer sends nothing, logs «mail not sent: SMTP is not configured» and
 * answers `sent: false`, so that the reminder job does not record the notice as sent and
 * sends it once SMTP is configured.
 */
import nodemailer from 'nodemailer';
import type { Env } from '../env.js';

/** The logging the jobs need; Fastify's (pino) logger fits. */
export interface JobLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const consoleLog: JobLog = {
  info: (obj, msg) => console.log(msg ?? '', JSON.stringify(obj)),
  warn: (obj, msg) => console.warn(msg ?? '', JSON.stringify(obj)),
  error: (obj, msg) => console.error(msg ?? '', JSON.stringify(obj)),
};

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface SendResult {
  /** False when nothing left the process (SMTP not configured): the caller must not record it as sent. */
  sent: boolean;
  messageId?: string;
}

export interface Mailer {
  /** False when SMTP_HOST is unset. */
  readonly configured: boolean;
  /** Sends one message; throws when the SMTP server refuses it or cannot be reached. */
  send(message: MailMessage): Promise<SendResult>;
  close(): void;
}

export type MailEnv = Pick<
  Env,
  'SMTP_HOST' | 'SMTP_PORT' | 'SMTP_USER' | 'SMTP_PASSWORD' | 'SMTP_FROM' | 'SMTP_SECURE'
>;

/**
 * A mailer from SMTP_* settings.
 * @example createMailer(loadEnv()).send({ to: 'executor@…', subject: 'Напоминание…', text, html })
 */
export function createMailer(env: MailEnv, log: JobLog = consoleLog): Mailer {
  if (!env.SMTP_HOST) {
    return {
      configured: false,
      async send(message) {
        log.warn({ to: message.to, subject: message.subject }, 'mail not sent: SMTP is not configured');
        return { sent: false };
      },
      close() {},
    };
  }
  const secure = env.SMTP_SECURE === '1';
  const transport = nodemailer.createTransport({
    host: env.SMTP_HOST,
    port: env.SMTP_PORT ?? (secure ? 465 : 587),
    secure,
    auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD ?? '' } : undefined,
    // Short timeouts: the job holds a database transaction while a message is sent
    // (on PGlite, the only connection), so a dead server must fail fast.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    configured: true,
    async send(message) {
      const info = await transport.sendMail({
        from: env.SMTP_FROM,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        // Base64 keeps Cyrillic lines intact through any relay; RFC 3834 marks the
        // message as automatic so that out-of-office replies are not sent back.
        textEncoding: 'base64',
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
      return { sent: true, messageId: info.messageId };
    },
    close() {
      transport.close();
    },
  };
}

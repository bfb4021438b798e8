/**
 * Configuration from the environment, validated once at start-up so that a typo
 * fails loudly before the server listens (pattern from Epic Stack's env.server.ts).
 */
import { CronPattern } from 'croner';
import { z } from 'zod';

const isCronPattern = (p: string) => {
  try {
    new CronPattern(p);
    return true;
  } catch {
    return false;
  }
};

const EnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATA_DIR: z.string().default('./data'),
    /** Where uploaded files are kept: in the database (default), on disk under DATA_DIR/files, or in an S3-compatible bucket. */
    FILE_STORAGE: z.enum(['database', 'disk', 's3']).default('database'),
    /** With FILE_STORAGE=s3: the bucket, and the endpoint of an S3-compatible service (MinIO, Yandex Object Storage, …). */
    S3_BUCKET: z
      .string()
      .optional()
      .transform((v) => v?.trim() || undefined),
    S3_ENDPOINT: z
      .string()
      .url()
      .optional()
      .or(z.literal('').transform(() => undefined)),
    S3_REGION: z.string().default('us-east-1'),
    S3_ACCESS_KEY_ID: z
      .string()
      .optional()
      .transform((v) => v || undefined),
    S3_SECRET_ACCESS_KEY: z
      .string()
      .optional()
      .transform((v) => v || undefined),
    /** 1: bucket in the path (http://host/bucket/key), as most self-hosted services want. */
    S3_FORCE_PATH_STYLE: z.enum(['0', '1']).default('1'),
    /** Keys are written under this prefix. */
    S3_PREFIX: z.string().default('ispolnenie/'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** Session lifetime in hours. */
    SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
    /**
     * Proxies whose X-Forwarded-For is believed: comma-separated addresses or CIDRs
     * («127.0.0.1,10.0.0.0/8»). Empty (default): none — the peer address is the client's.
     */
    TRUST_PROXY: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    /** 1: mark the session cookie Secure even when PUBLIC_URL is http (set automatically for an https PUBLIC_URL). */
    COOKIE_SECURE: z.enum(['0', '1']).default('0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Address of the web app as users reach it; links in e-mails point there. */
    PUBLIC_URL: z
      .string()
      .url()
      .default('http://localhost:3000')
      .transform((u) => u.replace(/\/+$/, '')),
    /** Outgoing mail (reminders). Without SMTP_HOST nothing is sent and nothing is marked sent. */
    SMTP_HOST: z
      .string()
      .optional()
      .transform((v) => v?.trim() || undefined),
    /** Default 465 with SMTP_SECURE=1, else 587. */
    SMTP_PORT: z.coerce
      .number()
      .int()
      .min(1)
      .max(65535)
      .optional()
      .or(z.literal('').transform(() => undefined)),
    SMTP_USER: z
      .string()
      .optional()
      .transform((v) => v || undefined),
    SMTP_PASSWORD: z
      .string()
      .optional()
      .transform((v) => v || undefined),
    SMTP_FROM: z.string().min(3).default('Исполнение <noreply@ispolnenie.local>'),
    /** 1: TLS from the first byte (port 465); 0: plain, upgraded by STARTTLS when the server offers it. */
    SMTP_SECURE: z.enum(['0', '1']).default('0'),
    /** When the daily reminders run (cron, server's local time; TZ selects the zone). */
    REMINDERS_CRON: z
      .string()
      .default('0 8 * * *')
      .refine(isCronPattern, 'expected a cron pattern such as «0 8 * * *»'),
    /** Worker threads that parse uploads and build exports (the concurrency cap of heavy work); default: cores − 1, 1…4. */
    HEAVY_THREADS: z.coerce
      .number()
      .int()
      .min(1)
      .max(64)
      .optional()
      .or(z.literal('').transform(() => undefined)),
    /** Heavy tasks waiting for a thread beyond the running ones; more are refused with 503 and Retry-After. */
    HEAVY_QUEUE: z.coerce.number().int().min(0).max(10_000).default(32),
    /** Heap of one worker thread (MB): a task past it is stopped and refused, the server lives on. */
    HEAVY_MEMORY_MB: z.coerce.number().int().min(32).max(16_384).default(768),
    /** Longest a parse or an export may run (seconds). */
    HEAVY_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    /** Multiplies every rate limit of src/http/rate-limits.ts (e.g. 2 for a large office behind one address). */
    RATE_LIMIT_SCALE: z.coerce.number().positive().max(1000).default(1),
    /** 0: this instance runs no scheduled jobs. */
    REMINDERS_ENABLED: z.enum(['0', '1']).default('1'),
  })
  .refine((e) => e.FILE_STORAGE !== 's3' || e.S3_BUCKET, {
    message: 'FILE_STORAGE=s3 needs S3_BUCKET',
    path: ['S3_BUCKET'],
  });

export type Env = z.infer<typeof EnvSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  return parsed.data;
}

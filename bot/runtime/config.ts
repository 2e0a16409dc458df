import { z } from 'zod';
import { TrustProxySchema } from './trust-proxy-setting';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/**
 * Every setting, read from environment variables and validated at start-up: a wrong value stops
 * the assistant with a message naming the variable, instead of surfacing later as odd behaviour.
 * Each one is documented in .env.example and README.md.
 */
export const ConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    KNOWLEDGE_DIR: optionalText,
    /** Without Redis: where the knowledge studio keeps versions, drafts and its audit log. */
    STUDIO_DATA_DIR: optionalText,
    DEFAULT_MUNICIPALITY: z.string().trim().min(1).default('boegely'),
    MAX_MESSAGE_LENGTH: z.coerce.number().int().min(100).max(20000).default(2000),
    SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(300).default(10),
    REDIS_URL: optionalText,
    /** Signs Direct Line tokens. Required with REDIS_URL (every instance must accept every token). */
    DIRECTLINE_TOKEN_SECRET: optionalText,
    /**
     * botframework-directlinejs refreshes its token every 15 minutes, whatever the lifetime: a shorter
     * one (or one without a few minutes' margin) expires before the refresh and strands the citizen.
     */
    DIRECTLINE_TOKEN_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(20 * 60, {
        error:
          'must be at least 1200 (20 minutes): Web Chat refreshes its token every 15 minutes, and a shorter lifetime expires first',
      })
      .max(24 * 3600)
      .default(1800),
    CONVERSATION_RETENTION_HOURS: z.coerce
      .number()
      .min(0.01)
      .max(24 * 90)
      .default(24),
    /** Citizen messages per conversation per minute before the assistant asks them to slow down. */
    RATE_LIMIT_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(30),
    /** New conversations per client IP per minute (libraries and offices share one address). */
    RATE_LIMIT_CONVERSATIONS_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(60),
    /** Typing indicators per conversation per minute; a separate allowance, so typing never uses up messages. */
    RATE_LIMIT_TYPING_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(60),
    /** Proxies whose X-Forwarded-For is believed: unset/false, a hop count, or addresses/CIDRs. */
    TRUST_PROXY: TrustProxySchema,
    /** The staff accounts and canned replies (YAML). Unset: the demo accounts, whose passwords are public. */
    STAFF_ACCOUNTS_FILE: optionalText,
    /** A staff session unused this long is signed out. */
    STAFF_SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(60),
    /** A staff session ends this long after sign-in however busy it is. */
    STAFF_SESSION_MAX_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 7)
      .default(12),
    /** Failed sign-ins for one username from one address before each further try must wait (1 s, doubling, up to 15 min). */
    STAFF_SIGNIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
    /** The console sets an agent who has not touched it for this long to away (0: never). */
    STAFF_AWAY_AFTER_MINUTES: z.coerce
      .number()
      .min(0)
      .max(8 * 60)
      .default(10),
    /** A citizen waiting this long is offered the phone and a callback (and may keep waiting). */
    HANDOFF_WAIT_OFFER_MINUTES: z.coerce
      .number()
      .min(0.05)
      .max(24 * 60)
      .default(10),
    /** An agent whose console has been disconnected this long loses their conversations to the front of the queue. */
    HANDOFF_AGENT_GRACE_SECONDS: z.coerce.number().int().min(2).max(3600).default(60),
    /**
     * A waiting citizen whose chat has been gone this long (no poll, no open stream: the page was
     * closed) leaves the queue; one with an agent is reported to the agent. Long enough for a page
     * reload, a network change or a locked phone screen for a minute or two.
     */
    HANDOFF_CITIZEN_GRACE_SECONDS: z.coerce.number().int().min(2).max(3600).default(120),
    /** Callback requests (phone number and message, given with consent) are deleted after this long. */
    CALLBACK_RETENTION_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(168),
    /** Questions in the unanswered inbox (redacted, for editors) are deleted after this many days. */
    UNANSWERED_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** Insight event details (no text, no personal data) are deleted after this many days; 395 lets a year be compared. */
    INSIGHT_RETENTION_DAYS: z.coerce
      .number()
      .int()
      .min(1)
      .max(366 * 5)
      .default(395),
    /** The insight figures' daily counters are deleted after this many days (default five years). */
    INSIGHT_AGGREGATE_RETENTION_DAYS: z.coerce
      .number()
      .int()
      .min(1)
      .max(366 * 20)
      .default(1830),
    /**
     * Keys the hash that links one conversation's insight events (never its id). Shared by every
     * instance; unset: a random one per process (events are then not linked across instances or restarts).
     */
    INSIGHT_HASH_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    /** Staff minutes one contained conversation saves, for the effect report's estimated staff hours. */
    INSIGHT_MINUTES_PER_INQUIRY: z.coerce.number().min(0).max(600).default(8),
    /**
     * The public address (e.g. behind a reverse proxy): our own origin for CORS, tokens and the
     * staff console's CSRF check, and the base of Direct Line stream URLs.
     */
    PUBLIC_BASE_URL: optionalText.pipe(
      z
        .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL such as https://chat.kommune.dk' })
        .optional(),
    ),
    /** Bearer token for /metrics on the public port; unset: /metrics there is off (404). */
    METRICS_TOKEN: optionalText.pipe(z.string().min(32, 'must be at least 32 random characters').optional()),
    /** A separate listener serving only /metrics (Prometheus); unset: none. 0 picks a free port. */
    METRICS_PORT: optionalText.pipe(z.coerce.number<string | undefined>().int().min(0).max(65535).optional()),
    /** Where METRICS_PORT listens: localhost unless the scraper is elsewhere. */
    METRICS_HOST: z.string().trim().min(1).default('127.0.0.1'),
    MICROSOFT_APP_ID: optionalText,
    MICROSOFT_APP_PASSWORD: optionalText,
    MICROSOFT_APP_TENANT_ID: optionalText,
    MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  })
  .refine((c) => Boolean(c.MICROSOFT_APP_ID) === Boolean(c.MICROSOFT_APP_PASSWORD), {
    error: 'set both MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD, or neither',
    path: ['MICROSOFT_APP_PASSWORD'],
  })
  .refine((c) => !c.REDIS_URL || (c.DIRECTLINE_TOKEN_SECRET?.length ?? 0) >= 32, {
    error: 'with REDIS_URL, set DIRECTLINE_TOKEN_SECRET to at least 32 random characters shared by all instances',
    path: ['DIRECTLINE_TOKEN_SECRET'],
  })
  .refine((c) => !c.REDIS_URL || Boolean(c.STAFF_ACCOUNTS_FILE), {
    error: 'with REDIS_URL (a real deployment), set STAFF_ACCOUNTS_FILE: the demo accounts have public passwords',
    path: ['STAFF_ACCOUNTS_FILE'],
  })
  .refine((c) => !c.DIRECTLINE_TOKEN_SECRET || c.DIRECTLINE_TOKEN_SECRET.length >= 32, {
    error: 'must be at least 32 characters',
    path: ['DIRECTLINE_TOKEN_SECRET'],
  })
  .refine((c) => c.MICROSOFT_APP_TYPE !== 'SingleTenant' || Boolean(c.MICROSOFT_APP_TENANT_ID), {
    error: 'MICROSOFT_APP_TYPE=SingleTenant needs MICROSOFT_APP_TENANT_ID',
    path: ['MICROSOFT_APP_TENANT_ID'],
  });
export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`));
}

/** /api/messages is only safe with Bot Framework authentication: without it anyone can make the bot post anywhere. */
export function botFrameworkChannelEnabled(config: Config): boolean {
  return Boolean(config.MICROSOFT_APP_ID && config.MICROSOFT_APP_PASSWORD);
}

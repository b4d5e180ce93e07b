// Server configuration: parsed from the environment once, validated, frozen and passed in. This and
// src/cli/main.ts are the only places that read process.env.
import { z } from 'zod';

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => ['true', '1', 'yes'].includes(v));

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  LINKWORK_DATA_DIR: z.string().min(1).default('./data'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LINKWORK_DEMO: boolean.optional(),
  LINKWORK_DEMO_SCALE: z.coerce.number().int().min(1).max(5_000_000).default(5000),
  LINKWORK_TRUST_PROXY: boolean.optional(),
  LINKWORK_LOGIN_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  LINKWORK_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  /** Server PostgreSQL when set; embedded PGlite in `dataDir` otherwise. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  /** Load the synthetic demo data set into an empty database at start-up. */
  readonly loadDemo: boolean;
  readonly demoScale: number;
  /** Behind a TLS-terminating proxy: trust X-Forwarded-* so cookies are marked Secure. */
  readonly trustProxy: boolean;
  /** Sign-in attempts allowed per client address per minute. */
  readonly loginPerMinute: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

/** Parses and validates the environment; throws an Error naming every bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    databaseUrl: e.DATABASE_URL,
    dataDir: e.LINKWORK_DATA_DIR,
    host: e.HOST,
    port: e.PORT,
    // The demo loads by default only on embedded PGlite, never silently into a server database.
    loadDemo: e.LINKWORK_DEMO ?? e.DATABASE_URL === undefined,
    demoScale: e.LINKWORK_DEMO_SCALE,
    trustProxy: e.LINKWORK_TRUST_PROXY ?? false,
    loginPerMinute: e.LINKWORK_LOGIN_PER_MINUTE,
    logLevel: e.LINKWORK_LOG_LEVEL,
  });
}

/** A configuration for tests: PGlite in memory, no demo, quiet logs. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return Object.freeze({
    ...loadConfig({ LINKWORK_LOG_LEVEL: 'silent', LINKWORK_DEMO: 'false' }),
    ...overrides,
  });
}

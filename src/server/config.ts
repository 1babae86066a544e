import path from 'node:path';
import { parseDataKey } from './lib/personal-data.js';

export interface AppConfig {
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl?: string;
  /** Data directory of the embedded database. */
  dataDir: string;
  port: number;
  host: string;
  /** Load demo regions and accounts on an empty database. */
  demo: boolean;
  demoPassword: string;
  /** Cookies get the Secure flag (set when served behind https). */
  secureCookies: boolean;
  trustProxy: boolean;
  rateLimit: { max: number; loginMax: number; windowMs: number };
  session: { idleMinutes: number; absoluteHours: number };
  logLevel: string;
  /** The address printed in certificate QR codes (e.g. https://shezu.example.gov.cn); defaults to the request's host. */
  publicUrl?: string;
  /**
   * The key personal data is sealed under (SHEZU_DATA_KEY, 32 bytes as base64 or hex; lib/personal-data.ts). Required
   * with DATABASE_URL; on the embedded database read from (or created as) the key file in the data directory.
   */
  dataKey?: string;
  /** Older keys that may still open values (SHEZU_DATA_KEY_PREVIOUS, comma-separated): during a rotation. */
  previousDataKeys: string[];
  /**
   * The office's own region (a district's or a province's code): the public register lists its organizations first,
   * then the rest of its province, then the others. The demo's is 吉州区 (360802).
   */
  homeRegion?: string;
  /**
   * Run the scheduled jobs (reminders, overdue notices; modules/jobs) in this process: SHEZU_JOBS=on|off, on by
   * default for the server. Several processes on one PostgreSQL may all have it on: each period runs once.
   */
  jobs: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const databaseUrl = env.DATABASE_URL || undefined;
  // Demo accounts share one published password: never on a real PostgreSQL unless asked for.
  const demo = databaseUrl ? env.SHEZU_DEMO === '1' : env.SHEZU_DEMO !== '0';
  return {
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    port: Number(env.PORT || 3000),
    host: env.HOST || '0.0.0.0',
    demo,
    demoPassword: env.SHEZU_DEMO_PASSWORD || 'Shezu@2026',
    secureCookies: env.SHEZU_SECURE_COOKIES === '1',
    trustProxy: env.SHEZU_TRUST_PROXY === '1',
    rateLimit: {
      max: Number(env.SHEZU_RATE_LIMIT || 600),
      loginMax: Number(env.SHEZU_LOGIN_RATE_LIMIT || 20),
      windowMs: 60_000,
    },
    session: { idleMinutes: 30, absoluteHours: 12 },
    logLevel: env.LOG_LEVEL || 'info',
    publicUrl: env.SHEZU_PUBLIC_URL?.replace(/\/+$/, '') || undefined,
    dataKey: env.SHEZU_DATA_KEY ? checked(env.SHEZU_DATA_KEY, 'SHEZU_DATA_KEY') : undefined,
    previousDataKeys: (env.SHEZU_DATA_KEY_PREVIOUS ?? '').split(',').map((k) => k.trim()).filter(Boolean).map((k) => checked(k, 'SHEZU_DATA_KEY_PREVIOUS')),
    jobs: !['off', '0', 'false'].includes((env.SHEZU_JOBS ?? 'on').trim().toLowerCase()),
    homeRegion: /^\d{2,12}$/.test(env.SHEZU_HOME_REGION ?? '') ? env.SHEZU_HOME_REGION : demo ? '360802' : undefined,
  };
}

/** A key as given, once it is known to be one (a malformed key stops the start with a message saying why). */
function checked(text: string, name: string): string {
  parseDataKey(text, name);
  return text.trim();
}

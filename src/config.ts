// Environment → validated configuration. A wrong value stops the process with
// one line naming the variable and what it expects.
import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const schema = z.object({
  PORT: z.coerce
    .number({ error: 'a port number from 1 to 65535' })
    .int('a port number from 1 to 65535')
    .min(1, 'a port number from 1 to 65535')
    .max(65535, 'a port number from 1 to 65535')
    .default(3000),
  DATA_DIR: z.string().trim().min(1, 'a folder for the database, like ./data').default('./data'),
  DATABASE_URL: optionalText.pipe(
    z.string().regex(/^postgres(ql)?:\/\//, 'a PostgreSQL URL like postgresql://user@host:5432/db').optional(),
  ),
  JOBBOT_ADMIN_EMAILS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((e) => e.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.string().email('a comma-separated list of e-mail addresses'))),
  JOBBOT_DEMO: z.enum(['auto', 'true', 'false'], 'auto, true or false').default('auto'),
  JOBBOT_CONSOLE_USER: z.string().trim().regex(/^@?[a-z0-9._-]+$/i, 'a staff handle such as mette').default('mette'),
  /** Closed cases are erased this many months after closing (GDPR: no longer than needed). */
  JOBBOT_RETENTION_MONTHS: z.coerce
    .number({ error: 'a whole number of months from 1 to 120' })
    .int('a whole number of months from 1 to 120')
    .min(1, 'a whole number of months from 1 to 120')
    .max(120, 'a whole number of months from 1 to 120')
    .default(6),
  /** A municipality's rules file (JSON rule sets, see README "Rules"); loaded at start by rules-file.ts. */
  JOBBOT_RULES_FILE: optionalText,
  /** On SIGTERM/SIGINT: how long work in flight may finish before the process exits anyway. */
  JOBBOT_SHUTDOWN_SECONDS: z.coerce
    .number({ error: 'a whole number of seconds from 1 to 300' })
    .int('a whole number of seconds from 1 to 300')
    .min(1, 'a whole number of seconds from 1 to 300')
    .max(300, 'a whole number of seconds from 1 to 300')
    .default(10),
  /**
   * `on`: PGlite runs in its own thread and the scheduled jobs in another, so neither
   * stalls Slack and Teams acknowledgements (issue 15). `off`: everything on the main thread.
   */
  JOBBOT_THREADS: z.enum(['on', 'off'], 'on or off').default('on'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent'], 'debug, info, warn, error or silent').default('info'),
  SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith('xoxb-', 'a bot token starting with xoxb-').optional()),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith('xapp-', 'an app-level token starting with xapp-').optional()),
  /** Slack Web API base URL (proxies, tests); WebClient's slackApiUrl. Always ends with a slash. */
  SLACK_API_URL: optionalText.pipe(
    z.string().url('an http(s) URL like https://slack.com/api/').transform((v) => (v.endsWith('/') ? v : `${v}/`)).optional(),
  ),
  /** Teams bot (single-tenant app registration): app (client) id, client secret, directory (tenant) id. */
  MICROSOFT_APP_ID: optionalText.pipe(z.string().regex(GUID, 'the application (client) id of the app registration, a GUID').optional()),
  MICROSOFT_APP_PASSWORD: optionalText,
  MICROSOFT_APP_TENANT_ID: optionalText.pipe(z.string().regex(GUID, 'the directory (tenant) id of the app registration, a GUID').optional()),
  /** `off` serves Teams' /api/messages unauthenticated (Bot Framework Emulator only); refused unless NODE_ENV is unset, development or test. */
  TEAMS_AUTH: z.enum(['on', 'off'], 'on or off').default('on'),
});

export type Config = z.infer<typeof schema> & {
  hasSlack: boolean;
  hasTeams: boolean;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    const value = env[name];
    throw new ConfigError(`Invalid ${name}${value === undefined ? ' (missing)' : ''}: expected ${issue?.message ?? 'a valid value'}`);
  }
  const c = parsed.data;
  const problem = slackConfigProblem(c) ?? teamsConfigProblem(c, env.NODE_ENV);
  if (problem) throw new ConfigError(problem);
  return { ...c, hasSlack: Boolean(c.SLACK_BOT_TOKEN), hasTeams: Boolean(c.MICROSOFT_APP_ID) || c.TEAMS_AUTH === 'off' };
}

/** Slack needs its bot token, and either an app token (Socket Mode) or the signing secret (HTTP): said before anything starts. */
function slackConfigProblem(c: z.infer<typeof schema>): string | undefined {
  const anySlack = c.SLACK_BOT_TOKEN || c.SLACK_APP_TOKEN || c.SLACK_SIGNING_SECRET;
  if (!anySlack) return undefined;
  if (!c.SLACK_BOT_TOKEN) return 'Invalid SLACK_BOT_TOKEN (missing): expected a bot token starting with xoxb- whenever Slack is configured';
  if (!c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET) {
    return 'Invalid SLACK_SIGNING_SECRET (missing): expected the signing secret for HTTP mode, or set SLACK_APP_TOKEN for Socket Mode';
  }
  return undefined;
}

/** NODE_ENV values (any case) under which TEAMS_AUTH=off may run; unset counts as a developer machine. */
const LOCAL_NODE_ENVS = ['', 'development', 'test'];

/**
 * Whether NODE_ENV allows unauthenticated Teams (the Emulator): only unset,
 * development or test, compared case-insensitively. Everything else
 * (production, Production, prod, staging, …) is treated as production: a typo
 * must fail closed, never open.
 */
export function allowsTeamsAuthOff(nodeEnv: string | undefined): boolean {
  return LOCAL_NODE_ENVS.includes((nodeEnv ?? '').trim().toLowerCase());
}

/** Why TEAMS_AUTH=off is refused under this NODE_ENV (one message for config and channel). */
export function teamsAuthOffRefusal(nodeEnv: string | undefined): string {
  return `Invalid TEAMS_AUTH: off is refused when NODE_ENV=${nodeEnv} (production, or anything but development or test: it would accept unauthenticated requests)`;
}

/** Teams authentication is never off by accident: an app id needs its secret and tenant; `off` only without one, never in production. */
function teamsConfigProblem(c: z.infer<typeof schema>, nodeEnv: string | undefined): string | undefined {
  if (c.TEAMS_AUTH === 'off') {
    if (!allowsTeamsAuthOff(nodeEnv)) return teamsAuthOffRefusal(nodeEnv);
    if (c.MICROSOFT_APP_ID) return 'Invalid TEAMS_AUTH: off cannot be combined with MICROSOFT_APP_ID (remove one of them)';
    return undefined;
  }
  if (!c.MICROSOFT_APP_ID) return undefined;
  if (!c.MICROSOFT_APP_PASSWORD) return 'Invalid MICROSOFT_APP_PASSWORD (missing): expected the client secret of the app registration MICROSOFT_APP_ID';
  if (!c.MICROSOFT_APP_TENANT_ID) return 'Invalid MICROSOFT_APP_TENANT_ID (missing): expected the directory (tenant) id of the single-tenant app registration';
  return undefined;
}

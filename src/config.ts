// Environment → validated configuration. A wrong value stops the process with
// one line naming the variable and what it expects.
import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const schema = z.object({
  PORT: z.coerce
    .number({ error: 'a port number from 1 to 65535' })
    .int('a port number from 1 to 65535')
    .min(1, 'a port number from 1 to 65535')
    .max(65535, 'a port number from 1 to 65535')
    .default(3000),
  DATA_DIR: z.string().trim().min(1).default('./data'),
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
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent'], 'debug, info, warn, error or silent').default('info'),
  SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith('xoxb-', 'a bot token starting with xoxb-').optional()),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith('xapp-', 'an app-level token starting with xapp-').optional()),
  MICROSOFT_APP_ID: optionalText,
  MICROSOFT_APP_PASSWORD: optionalText,
  MICROSOFT_APP_TENANT_ID: optionalText,
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
  return { ...c, hasSlack: Boolean(c.SLACK_BOT_TOKEN || c.SLACK_APP_TOKEN), hasTeams: Boolean(c.MICROSOFT_APP_ID) };
}

// src/config.ts: defaults, and one clear line naming each bad variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

function errorFor(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`no error for ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('starts with no environment at all: PGlite in ./data, port 3000, console as mette', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      JOBBOT_ADMIN_EMAILS: [],
      JOBBOT_DEMO: 'auto',
      JOBBOT_CONSOLE_USER: 'mette',
      JOBBOT_RETENTION_MONTHS: 6,
      LOG_LEVEL: 'info',
      hasSlack: false,
      hasTeams: false,
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('reads good values', () => {
    const config = loadConfig({
      PORT: '8080',
      DATA_DIR: '/var/lib/jobbot',
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/jobbot',
      JOBBOT_ADMIN_EMAILS: ' Mette@Kommune.dk, it@kommune.dk ,',
      JOBBOT_DEMO: 'false',
      JOBBOT_CONSOLE_USER: '@anne',
      JOBBOT_RETENTION_MONTHS: '12',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      PORT: 8080,
      DATA_DIR: '/var/lib/jobbot',
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/jobbot',
      JOBBOT_ADMIN_EMAILS: ['mette@kommune.dk', 'it@kommune.dk'],
      JOBBOT_DEMO: 'false',
      JOBBOT_CONSOLE_USER: '@anne',
      JOBBOT_RETENTION_MONTHS: 12,
      LOG_LEVEL: 'warn',
    });
  });

  it('treats empty optional variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', SLACK_BOT_TOKEN: '  ' })).toMatchObject({ DATABASE_URL: undefined, SLACK_BOT_TOKEN: undefined, hasSlack: false });
  });

  it('knows when Slack is configured', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).hasSlack).toBe(true);
  });

  it('says before anything starts when Slack is half configured', () => {
    // An app token alone would start an HTTP server with no channel at all.
    expect(errorFor({ SLACK_APP_TOKEN: 'xapp-1' })).toBe('Invalid SLACK_BOT_TOKEN (missing): expected a bot token starting with xoxb- whenever Slack is configured');
    expect(errorFor({ SLACK_SIGNING_SECRET: 's' })).toContain('Invalid SLACK_BOT_TOKEN (missing)');
    expect(errorFor({ SLACK_BOT_TOKEN: 'xoxb-1' })).toBe(
      'Invalid SLACK_SIGNING_SECRET (missing): expected the signing secret for HTTP mode, or set SLACK_APP_TOKEN for Socket Mode',
    );
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).hasSlack).toBe(true);
  });

  const bad: Array<[string, string, string]> = [
    ['PORT', 'abc', 'a port number from 1 to 65535'],
    ['PORT', '0', 'a port number from 1 to 65535'],
    ['PORT', '70000', 'a port number from 1 to 65535'],
    ['PORT', '80.5', 'a port number from 1 to 65535'],
    ['DATA_DIR', '   ', 'a folder for the database'],
    ['DATABASE_URL', 'mysql://root@localhost/jobbot', 'a PostgreSQL URL like postgresql://user@host:5432/db'],
    ['JOBBOT_ADMIN_EMAILS', 'mette@kommune.dk,mette', 'a comma-separated list of e-mail addresses'],
    ['JOBBOT_DEMO', 'maybe', 'auto, true or false'],
    ['JOBBOT_CONSOLE_USER', 'Mette Madsen', 'a staff handle such as mette'],
    ['JOBBOT_RETENTION_MONTHS', '0', 'a whole number of months from 1 to 120'],
    ['JOBBOT_RETENTION_MONTHS', 'six', 'a whole number of months from 1 to 120'],
    ['JOBBOT_RETENTION_MONTHS', '2.5', 'a whole number of months from 1 to 120'],
    ['JOBBOT_RETENTION_MONTHS', '121', 'a whole number of months from 1 to 120'],
    ['LOG_LEVEL', 'loud', 'debug, info, warn, error or silent'],
    ['SLACK_BOT_TOKEN', 'xoxp-secret-user-token', 'a bot token starting with xoxb-'],
    ['SLACK_APP_TOKEN', 'secret-app-token', 'an app-level token starting with xapp-'],
  ];
  it.each(bad)('%s=%s gives one line naming the variable and what it expects', (name, value, expects) => {
    const message = errorFor({ [name]: value });
    expect(message).not.toContain('\n');
    expect(message).toMatch(new RegExp(`^Invalid ${name}\\b`));
    expect(message).toContain(`expected ${expects}`);
    // No zod jargon, and secrets are not echoed back.
    expect(message).not.toMatch(/Too small|received|Invalid input/);
    if (name.startsWith('SLACK')) expect(message).not.toContain(value);
  });

  it('names a bad variable even when others are fine', () => {
    expect(errorFor({ PORT: '3000', LOG_LEVEL: 'shout', JOBBOT_DEMO: 'true' })).toMatch(/^Invalid LOG_LEVEL: /);
  });
});

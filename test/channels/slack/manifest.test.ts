// manifest.json matches what the code handles: every slash command in the
// manifest reaches a command in the command table and every command in the
// table is registered in Slack; events and interactivity are the ones the
// code handles. The bot scopes are checked against the Web API methods the
// app really calls in scopes.test.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS, findCommand } from '../../../src/handlers/command-table.js';

interface Manifest {
  display_information: { name: string; description: string; long_description?: string };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean; messages_tab_read_only_enabled?: boolean };
    bot_user: { display_name: string };
    slash_commands: Array<{ command: string; description: string; usage_hint?: string; should_escape?: boolean; url?: string }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[]; request_url?: string };
    interactivity: { is_enabled: boolean; request_url?: string; message_menu_options_url?: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = JSON.parse(readFileSync(new URL('../../../manifest.json', import.meta.url), 'utf8')) as Manifest;
const commands = manifest.features.slash_commands;

describe('manifest.json', () => {
  it('every manifest command has a handler', () => {
    for (const c of commands) expect(findCommand(c.command), c.command).toBeDefined();
  });

  it('every command in the command table is a slash command (by its English name)', () => {
    const registered = new Set(commands.map((c) => c.command));
    for (const command of COMMANDS) expect(registered.has(`/${command.words[0]}`), command.words[0]).toBe(true);
  });

  it('registers the Danish aliases', () => {
    const registered = commands.map((c) => c.command);
    expect(registered).toEqual(expect.arrayContaining(['/samtale', '/praktik', '/resultat', '/borger', '/sager']));
  });

  it('has valid command names, descriptions and usage hints within Slack limits', () => {
    const names = commands.map((c) => c.command);
    expect(new Set(names).size).toBe(names.length);
    for (const c of commands) {
      expect(c.command).toMatch(/^\/[a-z0-9_-]{1,31}$/);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(2000);
      expect(c.usage_hint?.length ?? 0).toBeGreaterThan(0);
      expect(c.usage_hint!.length).toBeLessThanOrEqual(1000);
      // Mentions arrive as <@U…|name>, which /jobbot link needs.
      expect(c.should_escape).toBe(true);
    }
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    const long = manifest.display_information.long_description ?? '';
    expect(long.length).toBeGreaterThanOrEqual(175);
    expect(long.length).toBeLessThanOrEqual(4000);
  });

  it('turns on interactivity, the Home tab, writable DMs and the events the channel handles', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    // Questions and CSV files come as direct messages: the Messages tab must accept them.
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(false);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened', 'message.im']);
    expect(typeof manifest.settings.socket_mode_enabled).toBe('boolean');
    // The request URLs of HTTP mode are filled in by `npm run slack:manifest -- --url` (manifest-schema.test.ts).
  });
});

// The Slack app manifest in its two variants. manifest.json (Socket Mode, no
// public URL) is the one source; the HTTP variant points every URL Slack
// calls — slash commands, interactivity, the options load of the searchable
// citizen picker, events — at one public /slack/events endpoint.
export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackManifest {
  features: { slash_commands: Array<Record<string, unknown> & { command: string; url?: string }> } & Record<string, unknown>;
  settings: {
    event_subscriptions: Record<string, unknown> & { request_url?: string };
    interactivity: Record<string, unknown> & { is_enabled: boolean; request_url?: string; message_menu_options_url?: string };
    socket_mode_enabled: boolean;
  } & Record<string, unknown>;
}

/** The HTTP-mode manifest for a public base URL (https, no path or a path prefix). */
export function httpManifest<T extends SlackManifest>(socketMode: T, baseUrl: string): T {
  const base = new URL(baseUrl);
  if (base.protocol !== 'https:') throw new Error(`Slack calls HTTPS URLs only: ${baseUrl}`);
  const endpoint = `${base.origin}${base.pathname.replace(/\/$/, '')}${SLACK_EVENTS_PATH}`;
  return {
    ...socketMode,
    features: {
      ...socketMode.features,
      slash_commands: socketMode.features.slash_commands.map((c) => ({ ...c, url: endpoint })),
    },
    settings: {
      ...socketMode.settings,
      event_subscriptions: { ...socketMode.settings.event_subscriptions, request_url: endpoint },
      interactivity: { ...socketMode.settings.interactivity, request_url: endpoint, message_menu_options_url: endpoint },
      socket_mode_enabled: false,
    },
  };
}

// npm run teams:package: the Teams app package (manifest.json with the bot id
// and the Teams app id filled in, color.png, outline.png at the zip's root,
// as Teams requires) → dist/jobbot-teams.zip, or the path given as argument.
// Zipped with fflate: pure JavaScript, no native code and no dependencies,
// actively maintained and very widely used; zipSync fits three small files.
//
// Neither id is committed: teams/manifest.json holds placeholders. The bot id
// is MICROSOFT_APP_ID (the app registration). The Teams app id (manifest `id`)
// is TEAMS_APP_ID, and by default the same as MICROSOFT_APP_ID, as Microsoft's
// samples do: each installation (test, production) has its own app
// registration, so their packages never share an id in one tenant, which a
// fixed GUID in the repository made them do.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, strToU8 } from 'fflate';

export const BOT_ID_PLACEHOLDER = '00000000-0000-0000-0000-000000000000';
/** teams/manifest.json's `id`: replaced by TEAMS_APP_ID (default MICROSOFT_APP_ID) in every package. */
export const TEAMS_APP_ID_PLACEHOLDER = '00000000-0000-0000-0000-000000000000';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TEAMS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../teams');

export interface TeamsManifest {
  manifestVersion: string;
  id?: string;
  bots?: Array<{ botId: string }>;
  [key: string]: unknown;
}

export interface PackageIds {
  /** MICROSOFT_APP_ID: the bot's app registration. */
  botId: string;
  /** TEAMS_APP_ID: the Teams app's own id; default the bot id. */
  teamsAppId?: string;
}

const isRealGuid = (value: string) => GUID.test(value) && value !== BOT_ID_PLACEHOLDER;

/** The manifest with both ids filled in; says which variable is wrong. */
export function manifestWithIds(manifest: TeamsManifest, ids: PackageIds): TeamsManifest {
  const botId = ids.botId.trim();
  if (!isRealGuid(botId)) throw new Error('MICROSOFT_APP_ID must be the application (client) id of the bot\'s app registration, a GUID');
  const teamsAppId = ids.teamsAppId?.trim() || botId;
  if (!isRealGuid(teamsAppId)) throw new Error('TEAMS_APP_ID must be a GUID that identifies this installation\'s Teams app (leave it unset to use MICROSOFT_APP_ID)');
  return {
    ...manifest,
    id: teamsAppId,
    bots: (manifest.bots ?? []).map((bot) => ({ ...bot, botId: bot.botId === BOT_ID_PLACEHOLDER ? botId : bot.botId })),
  };
}

/** The bot id only (the Teams app id defaults to it). */
export function manifestWithBotId(manifest: TeamsManifest, appId: string): TeamsManifest {
  return manifestWithIds(manifest, { botId: appId });
}

export function buildTeamsPackage(ids: string | PackageIds, dir = TEAMS_DIR): Uint8Array {
  const manifest = manifestWithIds(JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')) as TeamsManifest, typeof ids === 'string' ? { botId: ids } : ids);
  // Fixed timestamps: the same inputs give the same zip.
  const mtime = new Date('2026-01-01T00:00:00Z');
  return zipSync(
    {
      'manifest.json': [strToU8(`${JSON.stringify(manifest, null, 2)}\n`), { mtime }],
      'color.png': [new Uint8Array(readFileSync(resolve(dir, 'color.png'))), { mtime, level: 0 }],
      'outline.png': [new Uint8Array(readFileSync(resolve(dir, 'outline.png'))), { mtime, level: 0 }],
    },
    { level: 9 },
  );
}

function main(): void {
  const appId = process.env.MICROSOFT_APP_ID?.trim() ?? '';
  if (!appId) {
    process.stderr.write('teams:package: set MICROSOFT_APP_ID to the bot\'s application (client) id first.\n');
    process.exit(1);
  }
  const out = resolve(process.argv[2] ?? 'dist/jobbot-teams.zip');
  const teamsAppId = process.env.TEAMS_APP_ID?.trim() || undefined;
  try {
    const zip = buildTeamsPackage({ botId: appId, teamsAppId });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, zip);
    const idSource = teamsAppId ? 'TEAMS_APP_ID' : 'MICROSOFT_APP_ID (set TEAMS_APP_ID to choose another)';
    process.stdout.write(
      `Teams app package written: ${out}\nTeams app id: ${teamsAppId ?? appId} from ${idSource}.\nUpload it in Teams admin center → Teams apps → Manage apps → Upload new app.\n`,
    );
  } catch (error) {
    process.stderr.write(`teams:package: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();

// `npm run slack:manifest -- --url https://jobbot.kommune.dk` prints the
// HTTP-mode Slack manifest (every request URL filled in) to paste into
// api.slack.com/apps → "Create from manifest"; without --url it prints
// manifest.json, the Socket Mode variant. --out <file> writes it instead.
import { readFileSync, writeFileSync } from 'node:fs';
import { httpManifest, type SlackManifest } from '../src/channels/slack/manifest-variants.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const socketMode = JSON.parse(readFileSync(new URL('../manifest.json', import.meta.url), 'utf8')) as SlackManifest;
const url = option('url');
let manifest: SlackManifest;
try {
  manifest = url ? httpManifest(socketMode, url) : socketMode;
} catch (error) {
  console.error(`slack:manifest: ${(error as Error).message}`);
  process.exit(2);
}
const text = `${JSON.stringify(manifest, null, 2)}\n`;
const out = option('out');
if (out) {
  writeFileSync(out, text);
  console.error(`Wrote ${out}`);
} else {
  process.stdout.write(text);
}

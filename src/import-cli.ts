// `npm run import -- <file.csv> [--apply] [--as <handle>]`: the caseload CSV
// import from the command line. Without --apply it shows the preview only
// (nothing but the preview is stored) and the command line that applies it
// (t.csv.cliApplyHint: no chat command, no button); with --apply it previews and then
// applies in one transaction. Acts as a manager or administrator of the team
// (--as, default JOBBOT_CONSOLE_USER); the import goes into that person's team.
// A composition root like index.ts: config → database → handlers.
import { readFile } from 'node:fs/promises';
import { renderText } from './channels/console/render-text.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { findStaffByHandle } from './db/staff-queries.js';
import { messagesFor } from './domain/i18n/messages.js';
import { todayIn } from './domain/local-date.js';
import type { Reply } from './domain/reply.js';
import type { HandlerContext } from './handlers/context.js';
import { applyImport, previewImportFor, type ImportPreview } from './handlers/import/import-caseload.js';

const USAGE = 'usage: npm run import -- <file.csv> [--apply] [--as <handle>]';

async function main(argv: string[]): Promise<number> {
  const apply = argv.includes('--apply');
  const asIndex = argv.indexOf('--as');
  const handleArg = asIndex >= 0 ? argv[asIndex + 1] : undefined;
  const file = argv.find((a, i) => !a.startsWith('--') && (asIndex < 0 || i !== asIndex + 1));
  if (!file || (asIndex >= 0 && !handleArg)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig(process.env);
  const content = await readFile(file, 'utf8');
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    const handle = (handleArg ?? config.JOBBOT_CONSOLE_USER).replace(/^@/, '').toLowerCase();
    const actor = await findStaffByHandle(db.prisma, handle);
    if (!actor) {
      process.stderr.write(`jobbot import: no staff member @${handle} (use --as <handle>)\n`);
      return 2;
    }
    const run = <T>(step: (ctx: HandlerContext) => Promise<T>) =>
      db.prisma.$transaction(
        async (tx) => {
          const now = new Date();
          const ctx: HandlerContext = {
            db: tx,
            now,
            today: todayIn(now),
            actor,
            t: messagesFor(actor.locale),
            channel: 'IMPORT',
            adminEmails: config.JOBBOT_ADMIN_EMAILS,
            announce: () => undefined,
          };
          return step(ctx);
        },
        { maxWait: 10_000, timeout: 120_000 },
      );
    const preview = await run<ImportPreview>((ctx) => previewImportFor(ctx, content, 'cli'));
    process.stdout.write(`${renderText(preview.reply)}\n`);
    if (preview.reply.status === 'error') return 1;
    const { batchId } = preview;
    if (!batchId) return 0;
    if (!apply) {
      // The chat's "/jobbot import apply <id>" and button mean nothing here: say how to go on from the shell.
      process.stdout.write(`${messagesFor(actor.locale).csv.cliApplyHint(shellWord(file))}\n`);
      return 0;
    }
    const applied = await run<Reply>((ctx) => applyImport(ctx, batchId));
    process.stdout.write(`${renderText(applied)}\n`);
    return applied.status === 'error' ? 1 : 0;
  } finally {
    await db.close();
  }
}

/** The path as it can be pasted back into a shell. */
function shellWord(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`jobbot import: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

// Drives the real console channel for the plain-chat and CSV tests, with the
// export folder in a temp directory so exported files can be read back.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runConsole } from '../../src/channels/console/console-channel.js';
import type { RouterDeps } from '../../src/handlers/router.js';
import type { Database } from '../helpers/test-database.js';

export interface AskDriver {
  run(handle: string, ...lines: string[]): Promise<string>;
  exportDir: string;
  deps: RouterDeps;
}

export async function askDriver(db: Database, now: Date, adminEmails: string[] = []): Promise<AskDriver> {
  const exportDir = await mkdtemp(join(tmpdir(), 'jobbot-exports-'));
  const deps: RouterDeps = { prisma: db.prisma, clock: () => now, adminEmails };
  return {
    exportDir,
    deps,
    async run(handle, ...lines) {
      const input = new PassThrough();
      const output = new PassThrough();
      const chunks: string[] = [];
      output.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
      input.end(lines.map((l) => `${l}\n`).join(''));
      await runConsole(deps, { input, output, actAs: handle, interactive: false, exportDir });
      return chunks.join('');
    },
  };
}

// Drives the real console channel against a real database: lines in, the
// text the user would read out. The clock is fixed per driver.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runConsole } from '../../src/channels/console/console-channel.js';
import type { RouterDeps } from '../../src/handlers/context.js';
import { runTick } from '../../src/jobs/schedule.js';
import type { Database } from './test-database.js';

export interface ConsoleDriver {
  /** Runs the lines (each a separate command) as `handle` and returns everything printed. */
  run(handle: string, ...lines: string[]): Promise<string>;
  deps: RouterDeps;
}

export function consoleDriver(db: Database, options: { now: Date | (() => Date); adminEmails?: string[]; exportDir?: string }): ConsoleDriver {
  const clock = typeof options.now === 'function' ? options.now : () => options.now as Date;
  const deps: RouterDeps = { prisma: db.prisma, clock, adminEmails: options.adminEmails ?? [] };
  // Files the console writes (CSV exports, the team chart of every digest) go to a folder of this driver's own, not the checkout's data/.
  const exportDir = options.exportDir ?? mkdtempSync(join(tmpdir(), 'jobbot-console-'));
  return {
    deps,
    async run(handle, ...lines) {
      const input = new PassThrough();
      const output = new PassThrough();
      const chunks: string[] = [];
      output.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
      input.end(lines.map((l) => `${l}\n`).join(''));
      await runConsole(deps, {
        input,
        output,
        actAs: handle,
        interactive: false,
        exportDir,
        runJobs: (now, outbound) => runTick({ prisma: db.prisma, channels: [outbound] }, now, { forwardOnly: true }),
      });
      return chunks.join('');
    },
  };
}

// Large reads on the scheduler's path come in pages: one statement for 30 000
// rows ran 250–1 000 ms in one piece on PGlite (SQL and Prisma materialising
// the rows on this thread), a stall for every Slack ack behind it (issue 15:
// none over 50 ms). Keyset paging by id: each page starts after the last id
// seen, so no row is skipped or read twice, and the event loop turns between
// pages. The statement count grows with rows (one per page), not with teams.
import { yieldToEventLoop } from './event-loop.js';

/** Rows per statement: small enough that SQL and materialising one page stay well under 50 ms. */
export const PAGE_SIZE = 1000;

/** The part of a findMany that selects one page: `where` to merge with the caller's conditions. */
export interface IdPage {
  where: { id?: { gt: string } };
  orderBy: { id: 'asc' };
  take: number;
}

/**
 * Reads `read(page)` page by page in id order until a short page, yielding
 * each non-empty page; a turn of the event loop between pages.
 */
export async function* pagesById<T extends { id: string }>(read: (page: IdPage) => Promise<T[]>, size = PAGE_SIZE): AsyncGenerator<T[]> {
  let after: string | undefined;
  for (;;) {
    const rows = await read({ where: after === undefined ? {} : { id: { gt: after } }, orderBy: { id: 'asc' }, take: size });
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    after = rows[rows.length - 1]!.id;
    await yieldToEventLoop();
  }
}

/** Splits `items` into chunks of at most `size` (for IN lists and multi-row writes). */
export function chunks<T>(items: readonly T[], size = PAGE_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

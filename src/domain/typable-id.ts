// Ids a user types back into chat (/jobbot import apply <id>). Every incoming
// text passes the CPR guard, and about one random UUID in 1 700 holds ten
// digits whose first six read as a date ("…-afb8-1606962625bc"): the command
// was refused as a CPR number. Such an id is drawn again.
import { randomUUID } from 'node:crypto';
import { containsCprNumber } from './cpr.js';

export function typableId(next: () => string = randomUUID): string {
  for (;;) {
    const id = next();
    if (!containsCprNumber(id)) return id;
  }
}

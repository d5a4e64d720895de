// The one Prisma type the handlers see: a client or a transaction, whichever
// the router hands them. Keeps Prisma's import paths inside src/db.
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

export type { Prisma };

export type { PrismaClient };
export type Db = Prisma.TransactionClient;
export type {
  Staff,
  Team,
  Citizen,
  Meeting,
  Placement,
  PlacementFollowUp,
  Outcome,
  SourceChannel,
} from '../generated/prisma/client.js';

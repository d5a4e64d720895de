// Prisma 7 reads the connection URL for its CLI from here, not from the schema.
// Only the stock `prisma migrate deploy` (on a machine with internet) needs it;
// the app and `npm run db:migrate` use the WebAssembly engine in src/db.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  // Optional so that `prisma generate` works without DATABASE_URL.
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});

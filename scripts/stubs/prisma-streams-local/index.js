// package.json's "overrides" installs this folder in place of
// @prisma/streams-local. The Prisma CLI depends on it (through @prisma/dev)
// only for `prisma dev`, its local Prisma Postgres server, and loads it only
// when that server starts; jobbot uses `prisma generate` and its own
// migrations (npm run db:migrate), never `prisma dev`. The real package
// requires Node 22 and made `npm install` warn EBADENGINE on Node 20, which
// jobbot supports (and on Node 20 `prisma dev` fails before it gets here:
// no node:sqlite). Anything that does load it gets a clear error.
'use strict';

const unsupported = () => {
  throw new Error('jobbot does not install @prisma/streams-local: `prisma dev` is not supported here (see package.json "overrides").');
};

exports.startLocalDurableStreamsServer = unsupported;

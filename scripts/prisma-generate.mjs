// Runs `prisma generate` as the postinstall step, also on machines that reach
// only the npm registry. The Prisma CLI downloads the native schema engine
// before any command, although generate never runs it; when that engine is
// absent we point PRISMA_SCHEMA_ENGINE_BINARY at a stub so the CLI skips the
// download. With the real engine present (normal internet) the stock CLI runs.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

/** True when @prisma/engines' own postinstall managed to download the engine. */
function nativeSchemaEngineInstalled() {
  const configured = process.env.PRISMA_SCHEMA_ENGINE_BINARY;
  if (configured) return existsSync(configured);
  try {
    const enginesDir = dirname(require.resolve('@prisma/engines/package.json'));
    return readdirSync(enginesDir).some((name) => name.startsWith('schema-engine-'));
  } catch {
    return false;
  }
}

const env = { ...process.env };
if (!nativeSchemaEngineInstalled()) {
  // The stub fails clearly if anything ever tries to run it.
  const stubDir = join(root, 'node_modules', '.cache', 'jobbot');
  const stub = join(stubDir, 'schema-engine-unavailable');
  mkdirSync(stubDir, { recursive: true });
  writeFileSync(
    stub,
    '#!/bin/sh\necho "The native Prisma schema engine is not installed; use npm run db:migrate (WebAssembly engine)." >&2\nexit 1\n',
  );
  chmodSync(stub, 0o755);
  env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
  console.log('prisma-generate: native schema engine absent, using a stub (generate does not need it)');
}

const cli = join(dirname(require.resolve('prisma/package.json')), 'build', 'index.js');
const result = spawnSync(process.execPath, [cli, 'generate'], { cwd: root, env, stdio: 'inherit' });
if (result.error) throw result.error;
if (result.status !== 0) {
  console.error(`prisma-generate: prisma generate failed (exit ${result.status ?? result.signal})`);
  process.exit(result.status ?? 1);
}

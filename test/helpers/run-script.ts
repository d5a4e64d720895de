// Runs one of the project's entry points as a user would, in a child process,
// with an environment that cannot pick a server database, a platform or a user.
// The entry runs from the run's bundle (test/helpers/build-entries.ts) with
// plain `node`; `npmScript` runs the README's command itself (`npm start`).
import { spawn } from 'node:child_process';
import { inject } from 'vitest';
import { BUILT_ENTRIES, builtEntryFile } from './build-entries.js';

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(DATABASE_URL|SLACK_|MICROSOFT_|TEAMS_|JOBBOT_|PORT$|DATA_DIR$|LOG_LEVEL$)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

export type BuiltEntry = (typeof BUILT_ENTRIES)[number];

/** `node <bundle of script>`: the command line that runs `script` as `tsx script` would. */
export function entryCommand(script: BuiltEntry): { command: string; args: string[] } {
  const dir = inject('builtEntries');
  if (!dir) throw new Error('no built entries: run the tests through vitest (test/helpers/build-entries.ts is its globalSetup)');
  return { command: process.execPath, args: [builtEntryFile(dir, script)] };
}

/** `tsx <script> ...args`, run from its bundle, with `env` added to the clean environment; `stdin` is written and closed. */
export function runScript(script: BuiltEntry, args: readonly string[], env: Record<string, string>, stdin = ''): Promise<ScriptRun> {
  const entry = entryCommand(script);
  return run(entry.command, [...entry.args, ...args], env, stdin);
}

/** `npm run <name>` exactly as the README says, through npm and tsx (slower: use it once per command). */
export function runNpmScript(name: string, env: Record<string, string>, stdin = ''): Promise<ScriptRun> {
  return run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', name], env, stdin);
}

function run(command: string, args: readonly string[], env: Record<string, string>, stdin: string): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: process.cwd(), env: cleanEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

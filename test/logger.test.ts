import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';

function capture(level: Parameters<typeof createLogger>[0]) {
  const lines: string[] = [];
  const log = createLogger(level, (line) => lines.push(line));
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { log, lines, entries };
}

describe('createLogger', () => {
  it('writes one JSON line per event and never a CPR number, even if a caller passes one', () => {
    const { log, lines, entries } = capture('info');
    log('command.failed', { error: 'P2002: duplicate 01.01.90-1234', count: 3 }, 'error');
    log('debug.hidden', {}, 'debug');
    expect(lines).toHaveLength(1);
    expect(entries()[0]).toMatchObject({ level: 'error', event: 'command.failed', error: 'P2002: duplicate [CPR fjernet]', count: 3 });
    expect(new Date(String(entries()[0]?.time)).toISOString()).toBe(entries()[0]?.time);
  });

  it('redacts nested values, CPR-shaped numbers and errors, and lines pino builds itself', () => {
    const { log, lines, entries } = capture('debug');
    log('import.row', { row: { note: ['ring 0101901234'] }, reference: 3101901234, count: 12 }, 'warn');
    // An error's later lines may quote a query's arguments: only the first line is written.
    log('job.failed', { err: new Error('insert 010190-1234 failed\nargs: Jens Hansen') }, 'error');
    // The event name is pino's message and skips formatters; the finished line is redacted too.
    log('lookup.0101901234', {});
    expect(lines.join('\n')).not.toMatch(/0101901234|3101901234|010190-1234|Jens Hansen/);
    expect(entries()[0]).toMatchObject({ event: 'import.row', row: { note: ['ring [CPR fjernet]'] }, reference: '[CPR fjernet]', count: 12 });
    expect(entries()[1]).toMatchObject({ event: 'job.failed', err: 'insert [CPR fjernet] failed' });
    expect(entries()[2]).toMatchObject({ event: 'lookup.[CPR fjernet]' });
  });

  it('follows LOG_LEVEL: warn drops info and debug, silent writes nothing', () => {
    const warn = capture('warn');
    warn.log('a', {}, 'debug');
    warn.log('b');
    warn.log('c', {}, 'warn');
    warn.log('d', {}, 'error');
    expect(warn.entries().map((e) => [e.event, e.level])).toEqual([
      ['c', 'warn'],
      ['d', 'error'],
    ]);
    const silent = capture('silent');
    silent.log('e', {}, 'error');
    expect(silent.lines).toEqual([]);
  });

  it('writes to stderr by default, one line ending in a newline', () => {
    const write = process.stderr.write;
    let stderr = '';
    process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
    try {
      createLogger('info')('http.listening', { port: 3000 });
    } finally {
      process.stderr.write = write;
    }
    expect(stderr.endsWith('\n')).toBe(true);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(stderr)).toMatchObject({ level: 'info', event: 'http.listening', port: 3000 });
  });
});

import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';

describe('createLogger', () => {
  it('writes one JSON line per event and never a CPR number, even if a caller passes one', () => {
    const lines: string[] = [];
    const log = createLogger('info', (line) => lines.push(line));
    log('command.failed', { error: 'P2002: duplicate 01.01.90-1234', count: 3 }, 'error');
    log('debug.hidden', {}, 'debug');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 'error', event: 'command.failed', error: 'P2002: duplicate [CPR fjernet]', count: 3 });
  });
});

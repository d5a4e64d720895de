import { describe, expect, it } from 'vitest';
import { parseHandle, splitOptions, tokenize } from '../../src/domain/command-tokens.js';

describe('tokenize', () => {
  it.each<[string, string[]]>([
    ['', []],
    ['   ', []],
    ['møde C-1042 i dag 45m', ['møde', 'C-1042', 'i', 'dag', '45m']],
    ['  a\t b\n c  ', ['a', 'b', 'c']],
    ['praktik C-1042 "Netto Nord" 14', ['praktik', 'C-1042', 'Netto Nord', '14']],
    ["praktik 'Netto Nord'", ['praktik', 'Netto Nord']],
    ['praktik „Netto Nord“', ['praktik', 'Netto Nord']],
    ['praktik “Netto Nord”', ['praktik', 'Netto Nord']],
    ['praktik “Netto Nord“', ['praktik', 'Netto Nord']],
    ['praktik ‘Netto Nord’', ['praktik', 'Netto Nord']],
    ['praktik «Netto Nord»', ['praktik', 'Netto Nord']],
    ['company:"Netto Nord" start:20/11', ['company:Netto Nord', 'start:20/11']],
    ['company:„Føtex Syd“', ['company:Føtex Syd']],
    ['note:"he said \'hi\'"', ["note:he said 'hi'"]],
    ['"a b"c d', ['a bc', 'd']],
    ['""', ['']],
    ["Anne's note", ["Anne's", 'note']],
    ['"unclosed quote', ['"unclosed', 'quote']],
    ['a"b c"', ['a"b', 'c"']],
  ])('%j', (text, expected) => {
    expect(tokenize(text)).toEqual(expected);
  });
});

describe('splitOptions', () => {
  it('separates key:value options from positional tokens', () => {
    const { positional, options } = splitOptions([
      'praktik',
      'C-1042',
      'Company:Netto Nord',
      '20:30',
      '1:30',
      'http://x',
      'https://example.com/a',
      'type:løntilskud-privat',
      'slut-dato:2026-12-01',
      'empty:',
      ':x',
      'note:a:b',
      'company:Føtex',
      'årsag:job',
    ]);
    expect(positional).toEqual(['praktik', 'C-1042', '20:30', '1:30', 'http://x', 'https://example.com/a', 'empty:', ':x']);
    expect([...options]).toEqual([
      ['company', 'Føtex'],
      ['type', 'løntilskud-privat'],
      ['slut-dato', '2026-12-01'],
      ['note', 'a:b'],
      ['årsag', 'job'],
    ]);
  });

  it.each<[string, boolean]>([
    ['key:value', true],
    ['KEY:Value', true],
    ['æble:1', true],
    ['-x:1', false],
    ['1a:1', false],
    ['a_b:1', false],
    ['a:', false],
    ['20:30', false],
  ])('%j is an option: %s', (token, isOption) => {
    expect(splitOptions([token]).options.size === 1).toBe(isOption);
  });
});

describe('parseHandle', () => {
  it.each<[string, string | undefined]>([
    ['@anne', 'anne'],
    ['anne', 'anne'],
    ['@Anne.Berg', 'anne.berg'],
    ['ab_12-x', 'ab_12-x'],
    ['@', undefined],
    ['', undefined],
    ['@anne berg', undefined],
    ['@@anne', undefined],
    ['søren', undefined],
    ['<@U123|anne>', undefined],
  ])('%j -> %s', (token, expected) => {
    expect(parseHandle(token)).toBe(expected);
  });
});

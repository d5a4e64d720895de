import { describe, expect, it } from 'vitest';
import { containsCprNumber, CPR_REDACTION, normaliseForCprCheck, redactCpr } from '../../src/domain/cpr.js';
import { CPR_SHAPES, NOT_CPR } from '../helpers/cpr-cases.js';

describe('containsCprNumber', () => {
  it('has a table of at least 100 cases, both kinds', () => {
    expect(CPR_SHAPES.length + NOT_CPR.length).toBeGreaterThanOrEqual(100);
  });

  it.each(CPR_SHAPES)('flags %s: %j', (_why, text) => {
    expect(containsCprNumber(text)).toBe(true);
  });

  it.each(NOT_CPR)('does not flag %s: %j', (_why, text) => {
    expect(containsCprNumber(text)).toBe(false);
  });
});

describe('normaliseForCprCheck', () => {
  it.each([
    ['０１０１９０', '010190'],
    ['٠١٢٣٤٥٦٧٨٩', '0123456789'],
    ['𝟗', '9'],
    ['01\u200b01', '0101'],
    ['a\u00adb', 'ab'],
  ])('%j reads as %j', (text, expected) => {
    expect(normaliseForCprCheck(text)).toBe(expected);
  });
});

describe('redactCpr', () => {
  it.each([
    ['cpr 010190-1234 og 0202021234', `cpr ${CPR_REDACTION} og ${CPR_REDACTION}`],
    ['sag C-1042 den 20/11', 'sag C-1042 den 20/11'],
    ['320190-1234 and 010190 1234', `320190-1234 and ${CPR_REDACTION}`],
    ['id:0101901234.', `id:${CPR_REDACTION}.`],
    ['født 01.01.90-1234 ok', `født ${CPR_REDACTION} ok`],
    ['x ０１０１９０１２３４ y', `x ${CPR_REDACTION} y`],
    ['0101\u200b901234', CPR_REDACTION],
  ])('%j', (text, expected) => {
    expect(redactCpr(text)).toBe(expected);
  });

  it.each(CPR_SHAPES)('leaves nothing CPR-shaped of %s', (_why, text) => {
    expect(containsCprNumber(redactCpr(text))).toBe(false);
  });

  it('redacts to the Danish marker', () => {
    expect(CPR_REDACTION).toBe('[CPR fjernet]');
  });
});

// The fast path (cannotHoldCpr, issue 15) skips normalising text of fewer than ten ASCII digits in
// ASCII and Latin letters: sound only if no character there turns into a digit or vanishes under NFKC.
describe('the guard fast path', () => {
  it('holds for every character it accepts', () => {
    for (let code = 0; code < 0x250; code++) {
      if (code >= 0x80 && code < 0xc0) continue;
      const n = String.fromCharCode(code).normalize('NFKC');
      if (code < 48 || code > 57) expect(/\p{Nd}/u.test(n), code.toString(16)).toBe(false);
      expect(/[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Mn}\p{Me}]/u.test(n), code.toString(16)).toBe(false);
    }
  });

  it('still finds CPR numbers next to the characters it leaves to the full path', () => {
    expect(containsCprNumber('Påmindelse: 010190-1234 æøå')).toBe(true);
    expect(containsCprNumber('Påmindelse: 010190\u00a01234')).toBe(true);
    expect(containsCprNumber('0101\u00ad90-1234')).toBe(true);
    expect(containsCprNumber('０１０１９０-１２３４')).toBe(true);
    expect(containsCprNumber('Påmindelse: 01019-1234 æøå')).toBe(false);
    expect(containsCprNumber('C-1042 · 3 dage over, 23.11')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { containsCprNumber, CPR_REDACTION, redactCpr } from '../../src/domain/cpr.js';

describe('containsCprNumber', () => {
  it.each([
    '010190-1234',
    '010190 1234',
    '0101901234',
    'cpr:0101901234',
    'CPR-nr. 311299-4321 skal ikke med',
    'borger 150575-0000, møde i dag',
    '(010190-1234)',
    'x0101901234y',
    '290200-1234', // 2000 is a leap year
    '290296-1234',
    '310100-1234',
    '300400-1234',
    '010190–1234', // en dash from Word
    '010190\u00a01234', // no-break space
    'first 1234567 then 0101901234', // a valid one after a non-match
  ])('flags %j', (text) => {
    expect(containsCprNumber(text)).toBe(true);
  });

  it.each([
    'C-1042',
    '20/11',
    '20.11.26',
    '2026-11-20',
    '12345678', // phone number
    '+45 12 34 56 78',
    '1t30m',
    '010190-123', // too short
    '010190-12345', // too long
    '010190123', // nine digits
    '010190123456', // twelve digits
    '10101901234', // eleven digits
    '320190-1234', // day 32
    '001290-1234', // day 0
    '011390-1234', // month 13
    '010090-1234', // month 0
    '310490-1234', // 31 April
    '300290-1234', // 30 February
    '290201-1234', // 29 Feb in a non-leap year
    '4512345678', // ten-digit phone with country code: day 45
    '010190--1234',
    '010190 - 1234',
    'sag 1042, 3 møder, 45 min',
  ])('does not flag %j', (text) => {
    expect(containsCprNumber(text)).toBe(false);
  });
});

describe('redactCpr', () => {
  it.each([
    ['cpr 010190-1234 og 0202021234', `cpr ${CPR_REDACTION} og ${CPR_REDACTION}`],
    ['sag C-1042 den 20/11', 'sag C-1042 den 20/11'],
    ['320190-1234 and 010190 1234', `320190-1234 and ${CPR_REDACTION}`],
    ['id:0101901234.', `id:${CPR_REDACTION}.`],
  ])('%j', (text, expected) => {
    expect(redactCpr(text)).toBe(expected);
  });

  it('redacts to the Danish marker', () => {
    expect(CPR_REDACTION).toBe('[CPR fjernet]');
    expect(containsCprNumber(redactCpr('010190-1234'))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { caseloadNorm, caseloadStatus, type CaseloadRole, type CaseloadStatus } from '../../src/domain/caseload-norms.js';

describe('caseloadNorm', () => {
  it.each<[CaseloadRole, { min: number; max: number } | undefined]>([
    ['CASEWORKER', { min: 40, max: 50 }],
    ['CONSULTANT', { min: 30, max: 35 }],
    ['MANAGER', undefined],
    ['ADMIN', undefined],
  ])('%s', (role, expected) => {
    expect(caseloadNorm(role, '2026-11-30')).toEqual(expected);
  });
});

describe('caseloadStatus', () => {
  it.each<[number, CaseloadRole, CaseloadStatus]>([
    [0, 'CASEWORKER', 'under'],
    [39, 'CASEWORKER', 'under'],
    [40, 'CASEWORKER', 'within'],
    [50, 'CASEWORKER', 'within'],
    [51, 'CASEWORKER', 'over'],
    [29, 'CONSULTANT', 'under'],
    [30, 'CONSULTANT', 'within'],
    [35, 'CONSULTANT', 'within'],
    [36, 'CONSULTANT', 'over'],
    [45, 'MANAGER', 'none'],
    [0, 'ADMIN', 'none'],
  ])('%i cases as %s -> %s', (count, role, expected) => {
    expect(caseloadStatus(count, role, '2026-11-30')).toBe(expected);
  });
});

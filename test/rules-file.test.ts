// A municipality's rules file: added to the shipped rule sets from its own date, or refused whole.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config.js';
import { caseloadNorm } from '../src/domain/caseload-norms.js';
import { rulesFor, useShippedRules } from '../src/domain/rules/rules.js';
import { SHIPPED_RULE_SETS } from '../src/domain/rules/shipped-rules.js';
import { loadRulesFile } from '../src/rules-file.js';

const dir = mkdtempSync(join(tmpdir(), 'jobbot-rules-'));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

afterEach(() => useShippedRules());

describe('JOBBOT_RULES_FILE', () => {
  it('adds the municipality\'s rule set from its date; before it the shipped rules stay in force', () => {
    const current = SHIPPED_RULE_SETS.filter((s) => !s.optIn).at(-1)!;
    const local = {
      ...current,
      id: 'aarhus-2027',
      title: 'Kommunens regler fra 2027',
      effectiveFrom: '2027-01-01',
      caseloadNorms: { ...current.caseloadNorms, CASEWORKER: { min: 30, max: 40, source: { text: 'Byrådsbeslutning 12/2026', date: '2026-12-10' } } },
    };
    expect(loadRulesFile(file('ok.json', [local]))).toEqual({ added: 1 });
    expect(caseloadNorm('CASEWORKER', '2026-12-31')).toEqual({ min: 40, max: 50 });
    expect(caseloadNorm('CASEWORKER', '2027-01-04')).toEqual({ min: 30, max: 40 });
    expect(rulesFor('2026-03-01').id).toBe('reform-2026');
  });

  it('stops the start with the problem named, and changes no rule', () => {
    const broken = [{ ...SHIPPED_RULE_SETS[1], effectiveFrom: '2027-01-01', placementTypes: { ...SHIPPED_RULE_SETS[1]!.placementTypes, INTERNSHIP: { ...SHIPPED_RULE_SETS[1]!.placementTypes.INTERNSHIP, defaultLength: { days: 0 } } } }];
    expect(() => loadRulesFile(file('bad.json', broken))).toThrow(ConfigError);
    expect(() => loadRulesFile(file('bad.json', broken))).toThrow(/placementTypes\.INTERNSHIP\.defaultLength/);
    expect(() => loadRulesFile(file('not-json.json', '{ nope'))).toThrow(/cannot read .* as JSON/);
    expect(() => loadRulesFile(file('object.json', { ruleSets: [] }))).toThrow(/a JSON list of rule sets/);
    expect(rulesFor('2027-06-01').placementTypes.INTERNSHIP.defaultLength).toEqual({ days: 14 });
  });
});

// A municipality's rules file (JOBBOT_RULES_FILE): JSON, a list of rule sets
// in the shape of src/domain/rules/schema.ts. Its sets are added to the
// shipped ones; a set with the same effective date as a shipped one replaces
// it. A file that does not pass the schema stops the start with the problems
// named, rather than running on rules nobody meant.
import { readFileSync } from 'node:fs';
import { ConfigError } from './config.js';
import { SHIPPED_RULE_SETS } from './domain/rules/shipped-rules.js';
import { useRuleSets } from './domain/rules/rules.js';

export function loadRulesFile(path: string): { added: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Invalid JOBBOT_RULES_FILE: cannot read ${path} as JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw new ConfigError('Invalid JOBBOT_RULES_FILE: expected a JSON list of rule sets');
  const theirs = parsed as Array<{ id?: unknown; effectiveFrom?: unknown; optIn?: unknown }>;
  // A set of theirs replaces the shipped set of the same id, or in force on the same date.
  const kept = SHIPPED_RULE_SETS.filter((s) => !theirs.some((t) => t.id === s.id || (!t.optIn && !s.optIn && t.effectiveFrom === s.effectiveFrom)));
  const result = useRuleSets([...kept, ...theirs]);
  if (!result.ok) throw new ConfigError(`Invalid JOBBOT_RULES_FILE ${path}: ${result.problems.slice(0, 5).join('; ')}`);
  return { added: theirs.length };
}

// `npm run rules:print`: the rule sets in force and the ready ones as JSON, the starting point of a municipality's rules file.
import { readyRuleSets, ruleSets } from './domain/rules/rules.js';
import { loadRulesFile } from './rules-file.js';

if (process.env.JOBBOT_RULES_FILE) loadRulesFile(process.env.JOBBOT_RULES_FILE);
// Ready (opt-in) sets are printed too, so a file keeps them switchable.
console.log(JSON.stringify([...ruleSets(), ...readyRuleSets()], null, 2));

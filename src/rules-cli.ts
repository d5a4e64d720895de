// `npm run rules:print`: the rule sets in force as JSON, the starting point of a municipality's rules file.
import { ruleSets } from './domain/rules/rules.js';
import { loadRulesFile } from './rules-file.js';

if (process.env.JOBBOT_RULES_FILE) loadRulesFile(process.env.JOBBOT_RULES_FILE);
console.log(JSON.stringify(ruleSets(), null, 2));

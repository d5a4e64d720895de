// One rule changed in chat (/jobbot rules set, issue 13): a key such as
// "praktik.max.jobparat" and a value such as "6 uger", read into a change of
// the rule set in force on the change's date. Pure: the handler previews the
// result and stores it; the whole new set passes the same zod schema as the
// shipped rules and a rules file, and the changed rule carries the new source.
import type { OutcomeKind, PlacementType, TargetGroup } from '../enums.js';
import { parseOutcomeKind, parsePlacementType, parseTargetGroup } from '../vocabulary.js';
import { ruleSetSchema, type PlacementLimit, type RuleLength, type RuleSet, type RuleSource } from './schema.js';

/** A rule's value, as it is shown before and after the change. */
export type RuleValue =
  | { kind: 'days'; days: number }
  | { kind: 'yesNo'; value: boolean }
  | { kind: 'length'; length: RuleLength }
  | { kind: 'onExceed'; value: PlacementLimit['onExceed'] }
  | { kind: 'range'; min: number; max: number }
  | { kind: 'outcomes'; kinds: OutcomeKind[] };

/** Which rule: what the preview names. */
export type RuleSubject =
  | { rule: 'cadence' | 'openToNew'; group: TargetGroup }
  | { rule: 'defaultLength' | 'firstFollowUp' | 'followUpEvery' | 'extensionReason'; type: PlacementType }
  | { rule: 'max' | 'onExceed'; type: PlacementType; group: TargetGroup | 'others' }
  | { rule: 'norm'; role: 'CASEWORKER' | 'CONSULTANT' }
  | { rule: 'jobResults' };

export type RuleEditProblem =
  | { problem: 'unknownKey' }
  | { problem: 'notInForce' }
  | { problem: 'badValue'; expected: RuleValue['kind'] }
  | { problem: 'unchanged' }
  | { problem: 'invalid'; details: string };

/** `before` is undefined when the change adds a maximum the group did not have. */
export type RuleEdit = { ok: true; subject: RuleSubject; before?: RuleValue; after: RuleValue; set: RuleSet } | ({ ok: false } & RuleEditProblem);

const GROUP_SETTINGS: Record<string, 'cadence' | 'openToNew'> = { kadence: 'cadence', cadence: 'cadence', åben: 'openToNew', aaben: 'openToNew', open: 'openToNew' };
const TYPE_SETTINGS: Record<string, 'defaultLength' | 'firstFollowUp' | 'followUpEvery' | 'extensionReason'> = {
  længde: 'defaultLength',
  laengde: 'defaultLength',
  length: 'defaultLength',
  'første-opfølgning': 'firstFollowUp',
  'first-follow-up': 'firstFollowUp',
  opfølgning: 'followUpEvery',
  'follow-up': 'followUpEvery',
  begrundelse: 'extensionReason',
  reason: 'extensionReason',
};
const LIMIT_SETTINGS: Record<string, 'max' | 'onExceed'> = { max: 'max', maks: 'max', over: 'onExceed', exceed: 'onExceed' };
const ROLES: Record<string, 'CASEWORKER' | 'CONSULTANT'> = { sagsbehandler: 'CASEWORKER', caseworker: 'CASEWORKER', konsulent: 'CONSULTANT', virksomhedskonsulent: 'CONSULTANT', consultant: 'CONSULTANT' };
const OTHERS = ['andre', 'øvrige', 'others'];
const JOB_RESULTS = ['jobresultat', 'jobresultater', 'job-results', 'job-result'];

/** Reads "praktik.max.jobparat" into the rule it names; undefined when it names none. */
export function parseRuleKey(key: string): RuleSubject | undefined {
  const parts = key.toLowerCase().split('.');
  const [first = '', second = '', third] = parts;
  if (JOB_RESULTS.includes(first) && parts.length === 1) return { rule: 'jobResults' };
  if (first === 'norm' && parts.length === 2) {
    const role = ROLES[second];
    return role ? { rule: 'norm', role } : undefined;
  }
  // A word may be both a group and a placement type (fleksjob): the setting decides.
  const groupSetting = GROUP_SETTINGS[second];
  if (groupSetting && parts.length === 2) {
    const group = parseTargetGroup(first);
    return group ? { rule: groupSetting, group } : undefined;
  }
  const type = parsePlacementType(first);
  if (!type) return undefined;
  const typeSetting = TYPE_SETTINGS[second];
  if (typeSetting && parts.length === 2) return { rule: typeSetting, type };
  const limitSetting = LIMIT_SETTINGS[second];
  if (limitSetting && parts.length === 3 && third) {
    const group = OTHERS.includes(third) ? 'others' : parseTargetGroup(third);
    return group ? { rule: limitSetting, type, group } : undefined;
  }
  return undefined;
}

const LENGTH_UNITS: Array<[RegExp, 'days' | 'weeks' | 'months']> = [
  [/^(d|dag|dage|day|days)$/, 'days'],
  [/^(u|uge|uger|w|week|weeks)$/, 'weeks'],
  [/^(m|md|mdr|måned|måneder|month|months)$/, 'months'],
];

/** "14 dage", "4u", "6 mdr", "4 weeks". */
export function parseRuleLength(text: string): RuleLength | undefined {
  const match = /^(\d{1,3})\s*([a-zæøå.]+)$/i.exec(text.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = LENGTH_UNITS.find(([re]) => re.test(match[2]!.toLowerCase().replace(/\.$/, '')))?.[1];
  if (!unit || amount < 1) return undefined;
  return { [unit]: amount } as RuleLength;
}

const YES = ['ja', 'yes', 'true', 'til', 'on'];
const NO = ['nej', 'no', 'false', 'fra', 'off'];

function parseValue(expected: RuleValue['kind'], text: string): RuleValue | undefined {
  const word = text.trim().toLowerCase();
  switch (expected) {
    case 'days': {
      const days = /^\d{1,3}$/.test(word) ? Number(word) : NaN;
      return days >= 1 && days <= 365 ? { kind: 'days', days } : undefined;
    }
    case 'yesNo':
      return YES.includes(word) ? { kind: 'yesNo', value: true } : NO.includes(word) ? { kind: 'yesNo', value: false } : undefined;
    case 'length': {
      const length = parseRuleLength(word);
      return length ? { kind: 'length', length } : undefined;
    }
    case 'onExceed':
      return ['afvis', 'refuse'].includes(word) ? { kind: 'onExceed', value: 'refuse' } : ['advar', 'warn'].includes(word) ? { kind: 'onExceed', value: 'warn' } : undefined;
    case 'range': {
      const match = /^(\d{1,3})\s*[-–]\s*(\d{1,3})$/.exec(word);
      return match && Number(match[1]) <= Number(match[2]) && Number(match[2]) >= 1 ? { kind: 'range', min: Number(match[1]), max: Number(match[2]) } : undefined;
    }
    case 'outcomes': {
      const kinds = word.split(/[\s,]+/).filter(Boolean).map(parseOutcomeKind);
      if (kinds.length === 0 || kinds.some((k) => k === undefined)) return undefined;
      return { kind: 'outcomes', kinds: [...new Set(kinds as OutcomeKind[])] };
    }
  }
}

const EXPECTED: Record<RuleSubject['rule'], RuleValue['kind']> = {
  cadence: 'days',
  openToNew: 'yesNo',
  defaultLength: 'length',
  firstFollowUp: 'days',
  followUpEvery: 'days',
  extensionReason: 'yesNo',
  max: 'length',
  onExceed: 'onExceed',
  norm: 'range',
  jobResults: 'outcomes',
};

/** A limit the change adds: the change sets its max and source right after; refuse is the default. */
const newLimit = (groups: PlacementLimit['groups']): PlacementLimit => ({ groups, max: { weeks: 13 }, onExceed: 'refuse', source: { text: 'ny', date: '2020-01-01' } });

/**
 * The limit that holds the group's own rule, made if needed: a limit shared
 * with other groups (or the "others" limit) is split so the change touches
 * only the group named. Returns undefined when the group has no limit and
 * only its kind of exceeding would change (there is no maximum to act on).
 */
function ownLimit(limits: PlacementLimit[], group: TargetGroup | 'others', create: boolean): PlacementLimit | undefined {
  if (group === 'others') {
    const others = limits.find((l) => l.groups === 'others');
    if (others || !create) return others;
    const made = newLimit('others');
    limits.push(made);
    return made;
  }
  const own = limits.find((l) => Array.isArray(l.groups) && l.groups.length === 1 && l.groups[0] === group);
  if (own) return own;
  const shared = limits.find((l) => l.groups !== 'others' && l.groups.includes(group)) ?? limits.find((l) => l.groups === 'others');
  if (!shared && !create) return undefined;
  if (shared && shared.groups !== 'others') {
    const rest = shared.groups.filter((g) => g !== group);
    if (rest.length) shared.groups = rest;
    else limits.splice(limits.indexOf(shared), 1);
  }
  const split: PlacementLimit = shared ? { ...shared, groups: [group] } : newLimit([group]);
  limits.push(split);
  return split;
}

/** Reads and writes one rule in a (copied) set; the holder is the part whose source the change replaces. */
function access(set: RuleSet, subject: RuleSubject, forWrite: boolean): { get: () => RuleValue; set: (v: RuleValue) => void; holder: { source: RuleSource } } | undefined {
  switch (subject.rule) {
    case 'cadence':
    case 'openToNew': {
      const rule = set.targetGroups[subject.group];
      if (!rule) return undefined;
      return subject.rule === 'cadence'
        ? { get: () => ({ kind: 'days', days: rule.checkInCadenceDays }), set: (v) => v.kind === 'days' && (rule.checkInCadenceDays = v.days), holder: rule }
        : { get: () => ({ kind: 'yesNo', value: rule.openToNew }), set: (v) => v.kind === 'yesNo' && (rule.openToNew = v.value), holder: rule };
    }
    case 'defaultLength':
    case 'extensionReason': {
      const rule = set.placementTypes[subject.type];
      return subject.rule === 'defaultLength'
        ? { get: () => ({ kind: 'length', length: rule.defaultLength }), set: (v) => v.kind === 'length' && (rule.defaultLength = v.length), holder: rule }
        : { get: () => ({ kind: 'yesNo', value: rule.extensionNeedsReason }), set: (v) => v.kind === 'yesNo' && (rule.extensionNeedsReason = v.value), holder: rule };
    }
    case 'firstFollowUp':
    case 'followUpEvery': {
      const followUp = set.placementTypes[subject.type].followUp;
      const field = subject.rule === 'firstFollowUp' ? 'firstAfterDays' : 'everyDays';
      return { get: () => ({ kind: 'days', days: followUp[field] }), set: (v) => v.kind === 'days' && (followUp[field] = v.days), holder: followUp };
    }
    case 'max':
    case 'onExceed': {
      const limits = set.placementTypes[subject.type].limits;
      // Reading shows the limit that applies today; writing makes the group's own.
      const limit = forWrite
        ? ownLimit(limits, subject.group, subject.rule === 'max')
        : subject.group === 'others'
          ? limits.find((l) => l.groups === 'others')
          : (limits.find((l) => l.groups !== 'others' && l.groups.includes(subject.group as TargetGroup)) ?? limits.find((l) => l.groups === 'others'));
      if (!limit) return undefined;
      return subject.rule === 'max'
        ? { get: () => ({ kind: 'length', length: limit.max }), set: (v) => v.kind === 'length' && (limit.max = v.length), holder: limit }
        : { get: () => ({ kind: 'onExceed', value: limit.onExceed }), set: (v) => v.kind === 'onExceed' && (limit.onExceed = v.value), holder: limit };
    }
    case 'norm': {
      const norm = set.caseloadNorms[subject.role];
      return {
        get: () => ({ kind: 'range', min: norm.min, max: norm.max }),
        set: (v) => v.kind === 'range' && Object.assign(norm, { min: v.min, max: v.max }),
        holder: norm,
      };
    }
    case 'jobResults':
      return { get: () => ({ kind: 'outcomes', kinds: set.jobResults.kinds }), set: (v) => v.kind === 'outcomes' && (set.jobResults.kinds = v.kinds), holder: set.jobResults };
  }
}

/** The rule's value in a set; undefined when the set has no such rule (a group not in it, a limit it lacks). */
export function ruleValue(set: RuleSet, subject: RuleSubject): RuleValue | undefined {
  return access(set, subject, false)?.get();
}

const same = (a: RuleValue, b: RuleValue) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The set in force on `from` with one rule changed, dated `from`, the
 * changed rule carrying `source`. Not stored: the handler previews it first.
 */
export function editRule(inForce: RuleSet, key: string, valueText: string, from: string, source: RuleSource): RuleEdit {
  const subject = parseRuleKey(key);
  if (!subject) return { ok: false, problem: 'unknownKey' };
  const before = ruleValue(inForce, subject);
  const expected = EXPECTED[subject.rule];
  const after = parseValue(expected, valueText);
  if (!after) return { ok: false, problem: 'badValue', expected };
  // A group not in the set, or without a maximum to refuse or warn about (set its max first).
  if (!before && subject.rule !== 'max') return { ok: false, problem: 'notInForce' };
  if (before && same(before, after)) return { ok: false, problem: 'unchanged' };
  const next: RuleSet = structuredClone({ ...inForce, id: `chat-${from}`, effectiveFrom: from, title: inForce.title.endsWith(LOCAL_SUFFIX) ? inForce.title : `${inForce.title}${LOCAL_SUFFIX}` });
  delete next.optIn;
  delete next.groupMapping;
  const rule = access(next, subject, true)!;
  rule.set(after);
  rule.holder.source = source;
  const parsed = ruleSetSchema.safeParse(next);
  if (!parsed.success) return { ok: false, problem: 'invalid', details: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  return { ok: true, subject, ...(before ? { before } : {}), after, set: parsed.data };
}

/** Marks a set changed locally in chat, once. */
const LOCAL_SUFFIX = ' med lokale ændringer';

// The shape of a rule set, checked with zod: the shipped rules and a
// municipality's rules file pass the same schema, so a typo in a file is
// refused at start-up instead of becoming a silent rule.
import { z } from 'zod';
import { MEETING_KINDS, OUTCOME_KINDS, PLACEMENT_TYPES, TARGET_GROUPS } from '../enums.js';
import { isValidLocalDate } from '../local-date.js';

const isoDate = z.string().refine(isValidLocalDate, { message: 'a date written YYYY-MM-DD' });

/** Where a rule comes from: the law, a seed document or local practice, and its date. */
export const sourceSchema = z.strictObject({
  text: z.string().min(3),
  /** The source's own date (a law's date, or when a local practice was decided). */
  date: isoDate,
});

/** A length as the rules say it: days, weeks or calendar months. */
export const lengthSchema = z.union([
  z.strictObject({ days: z.number().int().min(1).max(3 * 365) }),
  z.strictObject({ weeks: z.number().int().min(1).max(156) }),
  z.strictObject({ months: z.number().int().min(1).max(36) }),
]);

const groupSchema = z.enum(TARGET_GROUPS);

export const targetGroupRuleSchema = z.strictObject({
  /** Words typed for the group; the first word of each language is the one shown. */
  words: z.strictObject({ da: z.array(z.string().min(1)).min(1), en: z.array(z.string().min(1)).min(1) }),
  /** Default days between check-ins for a new citizen of the group. */
  checkInCadenceDays: z.number().int().min(1).max(365),
  /** False: existing citizens stay, new citizens cannot be put in the group. */
  openToNew: z.boolean(),
  /** A note shown when a citizen is put in the group (e.g. who is exempt from follow-up). */
  note: z.strictObject({ da: z.string().min(1), en: z.string().min(1) }).optional(),
  source: sourceSchema,
});

export const placementLimitSchema = z.strictObject({
  /** The groups the limit is for; 'others' covers every group not named by another limit of the type. */
  groups: z.union([z.array(groupSchema).min(1), z.literal('others')]),
  max: lengthSchema,
  /** The length when none is typed; without it the type's default, cut to max. */
  defaultLength: lengthSchema.optional(),
  /** refuse: nothing is saved; warn: saved, with a warning to the consultant and the manager. */
  onExceed: z.enum(['refuse', 'warn']),
  source: sourceSchema,
});

export const placementTypeRuleSchema = z.strictObject({
  defaultLength: lengthSchema,
  limits: z.array(placementLimitSchema),
  followUp: z.strictObject({
    /** Days from the start to the first follow-up. */
    firstAfterDays: z.number().int().min(1).max(365),
    /** Days between later follow-ups. */
    everyDays: z.number().int().min(1).max(365),
    source: sourceSchema,
  }),
  /** An extension must say why (seed 000: an internship is extended only with a real job prospect). */
  extensionNeedsReason: z.boolean(),
  source: sourceSchema,
});

const wordsSchema = z.strictObject({ da: z.array(z.string().min(1).max(40)).min(1), en: z.array(z.string().min(1).max(40)).min(1) });

export const meetingKindRuleSchema = z.strictObject({
  /** Words typed for the kind; the first word of each language is the one shown. */
  words: wordsSchema,
  source: sourceSchema,
});

const normSchema = z.strictObject({ min: z.number().int().min(0), max: z.number().int().min(1), source: sourceSchema }).refine((n) => n.min <= n.max, { message: 'min must not exceed max' });

export const ruleSetSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{2,40}$/),
  title: z.string().min(3),
  /** The first day the set is in force; it stays in force until the next set's date. */
  effectiveFrom: isoDate,
  /** Groups of the set; a group left out is not a group while the set is in force. */
  targetGroups: z.partialRecord(groupSchema, targetGroupRuleSchema).refine((g) => Object.keys(g).length > 0, { message: 'at least one target group' }),
  placementTypes: z.record(z.enum(PLACEMENT_TYPES), placementTypeRuleSchema),
  caseloadNorms: z.strictObject({ CASEWORKER: normSchema, CONSULTANT: normSchema }),
  jobResults: z.strictObject({ kinds: z.array(z.enum(OUTCOME_KINDS)).min(1), source: sourceSchema }),
  /** Meeting kinds and their words; a kind left out keeps the words of the shipped rules. */
  meetingKinds: z.partialRecord(z.enum(MEETING_KINDS), meetingKindRuleSchema).optional(),
  /**
   * A ready rule set that is not in force until an admin switches to it
   * (`/jobbot rules switch <id>`), e.g. the 2027 group structure.
   */
  optIn: z.boolean().optional(),
  /** For an opt-in set: which group each existing citizen moves to on the switch (previewed first). */
  groupMapping: z.partialRecord(groupSchema, groupSchema).optional(),
});

export const ruleSetsSchema = z.array(ruleSetSchema).min(1);

export type RuleSource = z.infer<typeof sourceSchema>;
export type RuleLength = z.infer<typeof lengthSchema>;
export type TargetGroupRule = z.infer<typeof targetGroupRuleSchema>;
export type PlacementLimit = z.infer<typeof placementLimitSchema>;
export type PlacementTypeRule = z.infer<typeof placementTypeRuleSchema>;
export type RuleSet = z.infer<typeof ruleSetSchema>;
export type MeetingKindRule = z.infer<typeof meetingKindRuleSchema>;

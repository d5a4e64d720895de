// The domain's own copies of the enum unions, so `domain` imports nothing from
// Prisma. A test checks they match the schema's enums.
export const ROLES = ['CASEWORKER', 'CONSULTANT', 'MANAGER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];
export const LOCALES = ['da', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const TARGET_GROUPS = [
  'JOBPARAT',
  'AKTIVITETSPARAT',
  'UDDANNELSESPARAT',
  'RESSOURCEFORLOEB',
  'SYGEDAGPENGE',
  'DAGPENGE',
  'LEDIGHEDSYDELSE',
  'FLEKSJOB',
  'JOBAFKLARING',
  'INTEGRATION',
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];
export const CLOSE_REASONS = ['JOB', 'EDUCATION', 'MOVED', 'RETIREMENT', 'SELF_SUPPORTING', 'OTHER'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
export const MEETING_KINDS = ['INDIVIDUAL', 'THREE_PARTY', 'WALK_AND_TALK', 'PHONE', 'VIDEO', 'COMPANY_VISIT', 'NETWORK'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const PLACEMENT_TYPES = [
  'INTERNSHIP',
  'WAGE_SUBSIDY_PRIVATE',
  'WAGE_SUBSIDY_PUBLIC',
  'ORDINARY_HOURS',
  'UTILITY_WORK',
  'ADULT_APPRENTICE',
  'FLEXJOB',
] as const;
export type PlacementType = (typeof PLACEMENT_TYPES)[number];
export const PLACEMENT_END_REASONS = ['COMPLETED', 'JOB', 'NO_JOB_PROSPECT', 'COMPANY_WONT_PAY', 'CITIZEN_STOPPED', 'OTHER'] as const;
export type PlacementEndReason = (typeof PLACEMENT_END_REASONS)[number];
export const FOLLOW_UP_OUTCOMES = ['CONTINUE', 'EXTEND', 'ORDINARY_HOURS_AGREED', 'END'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];
export const OUTCOME_KINDS = [
  'ORDINARY_JOB',
  'ORDINARY_HOURS',
  'FLEXJOB',
  'EDUCATION',
  'APPRENTICESHIP',
  'MOVED',
  'RETIREMENT',
  'SELF_SUPPORTING',
  'OTHER_ENDING',
] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];
// The last three are the pipeline's measures (issue 14): citizens moved up a readiness step, sub-goals reached, placements retained 3 months.
export const TARGET_METRICS = ['PLACEMENT_STARTS', 'JOB_OUTCOMES', 'MEETINGS', 'THREE_PARTY_MEETINGS', 'READINESS_MOVES', 'SUB_GOALS_REACHED', 'PLACEMENTS_RETAINED'] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];
/** Sub-goals (delmål) and the citizen's readiness (issue 14). */
export const SUB_GOAL_STATUSES = ['OPEN', 'REACHED', 'DROPPED'] as const;
export type SubGoalStatus = (typeof SUB_GOAL_STATUSES)[number];
export const READINESS_LEVELS = ['READY', 'CLOSE', 'FURTHER'] as const;
export type Readiness = (typeof READINESS_LEVELS)[number];
/** Mentor support as a role (issue 14): the kind, never the person. */
export const MENTOR_KINDS = ['JOBCENTER', 'WORKPLACE', 'EDUCATION', 'PRIVATE', 'OTHER'] as const;
export type MentorKind = (typeof MENTOR_KINDS)[number];

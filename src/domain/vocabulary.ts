// Words people type for each kind of thing, Danish first with English aliases.
// Lookup is case-insensitive and tolerant of æ/ø/å written as ae/oe/aa.
import type {
  CloseReason,
  FollowUpOutcome,
  Locale,
  MeetingKind,
  MentorKind,
  OutcomeKind,
  PlacementEndReason,
  PlacementType,
  Role,
  TargetGroup,
  TargetMetric,
} from './enums.js';
import { MEETING_KINDS, TARGET_GROUPS } from './enums.js';
import type { LocalDate } from './local-date.js';
import { boundedEditDistance, foldWord } from './questions/normalize.js';
import { jobResultKinds, meetingKindWords, targetGroupWords } from './rules/rules.js';

/**
 * The comparable form of a command word: the same Danish-letter fold as
 * questions (foldWord), so 'Virksomhedsbesøg', 'virksomhedsbesoeg' and
 * 'virksomhedsbesog' match; spaces and underscores become hyphens.
 */
function comparable(word: string): string {
  return foldWord(word.trim()).replace(/[_\s]+/g, '-');
}

/** Words per value; the first word of each language is the one shown in help and errors. */
export type Vocabulary<T extends string> = Record<T, { readonly da: readonly string[]; readonly en: readonly string[] }>;

/** Both languages are always understood, whatever the user's locale. */
export function lookup<T extends string>(vocabulary: Vocabulary<T>, word: string): T | undefined {
  const wanted = comparable(word);
  for (const [value, words] of Object.entries(vocabulary) as Array<[T, Vocabulary<T>[T]]>) {
    if ([...words.da, ...words.en].some((candidate) => comparable(candidate) === wanted)) return value;
  }
  return undefined;
}

/** The words to suggest in the user's language, one per value. */
export function wordsFor<T extends string>(vocabulary: Vocabulary<T>, locale: Locale): string[] {
  return (Object.values(vocabulary) as Array<Vocabulary<T>[T]>).map((words) => words[locale][0] ?? words.da[0] ?? '');
}

/**
 * Meeting-kind words come from the rules table (src/domain/rules), read live
 * like the target groups, so a municipality adds its own words.
 */
export const MEETING_KIND_WORDS: Vocabulary<MeetingKind> = Object.defineProperties(
  {} as Vocabulary<MeetingKind>,
  Object.fromEntries(MEETING_KINDS.map((kind) => [kind, { enumerable: true, get: () => meetingKindWords()[kind] }])),
);

/**
 * The values whose words are nearest to a typed word, nearest first, as the
 * words to show in the user's language ("trepar" -> trepart, ...).
 */
export function closestWords<T extends string>(vocabulary: Vocabulary<T>, word: string, locale: Locale, limit = 3): string[] {
  const wanted = comparable(word);
  const ranked = (Object.values(vocabulary) as Array<Vocabulary<T>[T]>).map((words) => ({
    shown: words[locale][0] ?? words.da[0] ?? '',
    distance: Math.min(...[...words.da, ...words.en].map((w) => boundedEditDistance(wanted, comparable(w), Infinity))),
  }));
  return ranked.sort((a, b) => a.distance - b.distance).slice(0, limit).map((r) => r.shown);
}

/**
 * Whether a word is a typing slip of one of the vocabulary's words: one slip
 * in a word of 4-6 letters, two from 7 letters. Words under 4 letters never
 * count, so short note words ("og", "ny") are not taken for a misspelt kind.
 */
export function isNearWord<T extends string>(vocabulary: Vocabulary<T>, word: string): boolean {
  const wanted = comparable(word);
  if (wanted.length < 4) return false;
  const slips = wanted.length >= 7 ? 2 : 1;
  return (Object.values(vocabulary) as Array<Vocabulary<T>[T]>).some((words) =>
    [...words.da, ...words.en].some((w) => {
      const candidate = comparable(w);
      return candidate.length >= 4 && boundedEditDistance(wanted, candidate, slips) <= slips;
    }),
  );
}

/**
 * A word built like a kind of meeting ("mentorsamtale", "fællesmøde"): a
 * compound ending in -samtale or -møde. Not being a known kind, it is refused
 * rather than filed as the first word of a note.
 */
export function looksLikeMeetingKind(word: string): boolean {
  return /^[a-z-]{2,}(samtale|mode)$/.test(comparable(word));
}

export const PLACEMENT_TYPE_WORDS: Vocabulary<PlacementType> = {
  INTERNSHIP: { da: ['praktik', 'virksomhedspraktik'], en: ['internship'] },
  WAGE_SUBSIDY_PRIVATE: { da: ['løntilskud', 'løntilskud-privat', 'lts-privat', 'privat-løntilskud'], en: ['wage-subsidy', 'wage-subsidy-private'] },
  WAGE_SUBSIDY_PUBLIC: { da: ['løntilskud-offentlig', 'lts-offentlig', 'offentlig-løntilskud'], en: ['wage-subsidy-public'] },
  ORDINARY_HOURS: { da: ['ordinære-timer', 'ordinaere-timer', 'timer', 'småjob'], en: ['ordinary-hours', 'small-job'] },
  UTILITY_WORK: { da: ['nytteindsats', 'nytte'], en: ['utility-work'] },
  ADULT_APPRENTICE: { da: ['voksenlærling', 'lærling'], en: ['adult-apprentice', 'apprentice'] },
  FLEXJOB: { da: ['fleksjob', 'flex'], en: ['flexjob', 'flex'] },
};

export const FOLLOW_UP_OUTCOME_WORDS: Vocabulary<FollowUpOutcome> = {
  CONTINUE: { da: ['fortsæt', 'fortsætter', 'fortsat', 'ok'], en: ['continue', 'ok'] },
  EXTEND: { da: ['forlæng', 'forlænget', 'forlængelse'], en: ['extend', 'extended'] },
  ORDINARY_HOURS_AGREED: { da: ['ordinære-timer', 'timer-aftalt', 'ordinære'], en: ['hours-agreed', 'ordinary-hours'] },
  END: { da: ['afslut', 'afsluttet', 'stop', 'slut'], en: ['end', 'ended'] },
};

export const OUTCOME_KIND_WORDS: Vocabulary<OutcomeKind> = {
  ORDINARY_JOB: { da: ['job', 'ordinært-job', 'ansat'], en: ['job', 'ordinary-job', 'hired'] },
  ORDINARY_HOURS: { da: ['timer', 'ordinære-timer', 'småjob'], en: ['ordinary-hours', 'hours'] },
  FLEXJOB: { da: ['fleksjob'], en: ['flexjob'] },
  EDUCATION: { da: ['uddannelse', 'udd'], en: ['education', 'school'] },
  APPRENTICESHIP: { da: ['læreplads', 'lærling', 'voksenlærling', 'elev'], en: ['apprenticeship', 'apprentice'] },
  MOVED: { da: ['fraflyttet', 'flyttet'], en: ['moved'] },
  RETIREMENT: { da: ['pension', 'førtidspension'], en: ['retirement', 'pensioned'] },
  SELF_SUPPORTING: { da: ['selvforsørgende', 'selvforsørgelse'], en: ['self-supporting'] },
  OTHER_ENDING: { da: ['andet', 'anden'], en: ['other'] },
};

/** Outcomes the team celebrates (the marble jar), from the rules table's job results; the rest are recorded quietly. */
export function celebratedOutcomes(on: LocalDate): OutcomeKind[] {
  return jobResultKinds(on);
}

/** Whether an outcome on `on` counts as a job result, by the rules in force then. */
export function isCelebrated(kind: OutcomeKind, on: LocalDate): boolean {
  return jobResultKinds(on).includes(kind);
}

export const CLOSE_REASON_WORDS: Vocabulary<CloseReason> = {
  JOB: { da: ['job', 'ansat'], en: ['job', 'hired'] },
  EDUCATION: { da: ['uddannelse'], en: ['education'] },
  MOVED: { da: ['fraflyttet', 'flyttet'], en: ['moved'] },
  RETIREMENT: { da: ['pension', 'førtidspension'], en: ['retirement'] },
  SELF_SUPPORTING: { da: ['selvforsørgende'], en: ['self-supporting'] },
  OTHER: { da: ['andet'], en: ['other'] },
};

export const PLACEMENT_END_REASON_WORDS: Vocabulary<PlacementEndReason> = {
  COMPLETED: { da: ['gennemført', 'færdig', 'udløbet'], en: ['completed', 'done'] },
  JOB: { da: ['job', 'ansat'], en: ['job', 'hired'] },
  NO_JOB_PROSPECT: { da: ['intet-jobperspektiv', 'ingen-jobudsigt', 'ingen-perspektiv'], en: ['no-prospect', 'no-job-prospect'] },
  COMPANY_WONT_PAY: { da: ['virksomheden-vil-ikke-betale', 'vil-ikke-betale', 'ingen-løn'], en: ['wont-pay', 'no-pay'] },
  CITIZEN_STOPPED: { da: ['borger-stoppet', 'stoppet', 'afbrudt'], en: ['citizen-stopped', 'dropped-out'] },
  OTHER: { da: ['andet'], en: ['other'] },
};

/**
 * Target-group words come from the rules table (src/domain/rules), read live
 * so a municipality's rules file changes them too. A group no rule set names
 * keeps its code as its word.
 */
export const TARGET_GROUP_WORDS: Vocabulary<TargetGroup> = Object.defineProperties(
  {} as Vocabulary<TargetGroup>,
  Object.fromEntries(
    TARGET_GROUPS.map((group) => [group, { enumerable: true, get: () => targetGroupWords()[group] ?? { da: [group.toLowerCase()], en: [group.toLowerCase()] } }]),
  ),
);

export const TARGET_METRIC_WORDS: Vocabulary<TargetMetric> = {
  PLACEMENT_STARTS: { da: ['praktikstarter', 'praktikker', 'praktik', 'opstarter'], en: ['placements', 'placement-starts'] },
  JOB_OUTCOMES: { da: ['job', 'jobresultater', 'resultater'], en: ['job', 'jobs', 'outcomes', 'job-outcomes'] },
  MEETINGS: { da: ['samtaler', 'møder'], en: ['meetings'] },
  THREE_PARTY_MEETINGS: { da: ['trepart', 'trepartssamtaler'], en: ['three-party', 'three-party-meetings'] },
  READINESS_MOVES: { da: ['rykket-op', 'rykket', 'flyttet', 'parathed'], en: ['moved-up', 'moved', 'readiness'] },
  SUB_GOALS_REACHED: { da: ['delmål', 'delmaal'], en: ['sub-goals', 'subgoals', 'goals'] },
  PLACEMENTS_RETAINED: { da: ['fastholdelse', 'fastholdt', 'fastholdte'], en: ['retention', 'retained'] },
};

export const ROLE_WORDS: Vocabulary<Role> = {
  CASEWORKER: { da: ['sagsbehandler', 'rådgiver'], en: ['caseworker'] },
  CONSULTANT: { da: ['virksomhedskonsulent', 'konsulent', 'vk', 'jobformidler'], en: ['consultant'] },
  MANAGER: { da: ['leder', 'teamleder', 'projektleder'], en: ['manager'] },
  ADMIN: { da: ['admin'], en: ['admin', 'administrator'] },
};

export const parseMeetingKind = (w: string) => lookup(MEETING_KIND_WORDS, w);
export const parsePlacementType = (w: string) => lookup(PLACEMENT_TYPE_WORDS, w);
export const parseFollowUpOutcome = (w: string) => lookup(FOLLOW_UP_OUTCOME_WORDS, w);
export const parseOutcomeKind = (w: string) => lookup(OUTCOME_KIND_WORDS, w);
export const parseCloseReason = (w: string) => lookup(CLOSE_REASON_WORDS, w);
export const parsePlacementEndReason = (w: string) => lookup(PLACEMENT_END_REASON_WORDS, w);
export const parseTargetGroup = (w: string) => lookup(TARGET_GROUP_WORDS, w);
export const parseTargetMetric = (w: string) => lookup(TARGET_METRIC_WORDS, w);
export const parseRole = (w: string) => lookup(ROLE_WORDS, w);

/** Kinds of mentor support (issue 14): a role, never a person. "privat mentor" may be typed as two words. */
export const MENTOR_KIND_WORDS: Vocabulary<MentorKind> = {
  JOBCENTER: { da: ['jobcentermentor', 'jobcenter', 'jobcenter-mentor', 'kommunal-mentor'], en: ['jobcentre-mentor', 'jobcenter-mentor', 'jobcentre'] },
  WORKPLACE: { da: ['virksomhedsmentor', 'virksomhed', 'virksomheds-mentor', 'arbejdspladsmentor'], en: ['workplace-mentor', 'company-mentor', 'workplace'] },
  EDUCATION: { da: ['uddannelsesmentor', 'uddannelse', 'studiementor'], en: ['education-mentor', 'education', 'study-mentor'] },
  PRIVATE: { da: ['privat-mentor', 'privatmentor', 'privat', 'privat-leverandør'], en: ['private-mentor', 'private'] },
  OTHER: { da: ['anden-mentor', 'anden', 'andet'], en: ['other-mentor', 'other'] },
};
export const parseMentorKind = (w: string) => lookup(MENTOR_KIND_WORDS, w);

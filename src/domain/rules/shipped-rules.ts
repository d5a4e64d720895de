// The rules jobbot ships with: pure data, one rule set per effective date.
// Every rule names its source. Sources marked "lokal praksis" are jobbot's
// defaults from the seeds; a municipality replaces them with a rules file
// (see README, "Rules"). Dates are YYYY-MM-DD.
import type { PlacementTypeRule, RuleSet, RuleSource, TargetGroupRule } from './schema.js';

// LAB as consolidated in LBK nr. 280 af 1. marts 2024 (lov nr. 548 af 7. maj 2019, i kraft 1. januar 2020).
const LAB_TEXT = 'Lov om en aktiv beskæftigelsesindsats (LAB), jf. LBK nr. 280 af 1. marts 2024';
const LAB: RuleSource = { text: LAB_TEXT, date: '2024-03-01' };
const REFORM_2026: RuleSource = { text: 'Lov nr. 1750 af 29/12/2025 (beskæftigelsesreformens første fase), LAB kapitel 12 a: ressourceforløb lukker for nye borgere', date: '2026-02-01' };
const REFORM_2027: RuleSource = {
  text: 'Aftale om reform af beskæftigelsesindsatsen (april 2025), "Forenkling af målgrupper": 13 målgrupper bliver 5, alle kontanthjælpsmodtagere mødes som jobparate, uddannelsespålægget afskaffes; forventet i kraft 1. januar 2027 – kommunen bekræfter mod den vedtagne lov, før den skifter',
  date: '2027-01-01',
};
const LAB_MEETINGS: RuleSource = { text: `${LAB_TEXT}, kapitel 7 (jobsamtaler i kontaktforløbet) og seedenes samtaleformer`, date: '2024-03-01' };
// Seeds carry no date of their own: their date is the day jobbot recorded them.
const SEED_ISU: RuleSource = { text: 'Seed 000 (ISU): praktik i 14 dage, forlænges kun med reelt jobperspektiv og god begrundelse', date: '2026-11-23' };
const SEED_ISU_WEEKLY: RuleSource = { text: 'Seed 000 (ISU): korte ugentlige samtaler', date: '2026-11-23' };
const SEED_STV: RuleSource = { text: 'Seed 001 (STV): opfølgning på hver praktik mindst månedligt; S 40-50 sager, VK 30-35 sager', date: '2026-11-23' };
const SEED_CELEBRATE: RuleSource = { text: 'Seed 002 (Viborg): én kugle pr. borger i job eller uddannelse', date: '2026-11-23' };
const LOCAL: RuleSource = { text: 'Lokal praksis (jobbots standard, kommunen kan ændre den)', date: '2026-11-30' };
const SICK_LEAVE: RuleSource = {
  text: 'Sygedagpengeloven § 12-13 (opfølgning mindst hver 4. uge), som ændret ved lovforslag L 66 (2025/26): ansatte sygemeldte, der forventes raskmeldt inden 26 uger, fritages som udgangspunkt for kommunal opfølgning',
  date: '2026-11-30',
};

const weekly = (words: TargetGroupRule['words'], source: RuleSource = SEED_ISU_WEEKLY): TargetGroupRule => ({ words, checkInCadenceDays: 7, openToNew: true, source });

const GROUPS_2020: RuleSet['targetGroups'] = {
  JOBPARAT: weekly({ da: ['jobparat'], en: ['job-ready'] }),
  AKTIVITETSPARAT: weekly({ da: ['aktivitetsparat', 'udsat'], en: ['activity-ready'] }),
  UDDANNELSESPARAT: weekly({ da: ['uddannelsesparat', 'ung'], en: ['education-ready', 'youth'] }),
  RESSOURCEFORLOEB: weekly({ da: ['ressourceforløb', 'ressource'], en: ['resource', 'resource-programme'] }),
  SYGEDAGPENGE: {
    words: { da: ['sygedagpenge', 'syg', 'sdp'], en: ['sickness-benefit', 'sick'] },
    checkInCadenceDays: 28,
    openToNew: true,
    note: {
      da: 'Ansatte sygemeldte, der forventes tilbage inden 26 uger, er undtaget fra kommunal opfølgning – opret kun borgere, I skal følge op på.',
      en: 'Employed people on sick leave who are expected back within 26 weeks are exempt from municipal follow-up – add only citizens you must follow up on.',
    },
    source: SICK_LEAVE,
  },
  DAGPENGE: weekly({ da: ['dagpenge', 'forsikret', 'a-dagpenge'], en: ['unemployment-benefit', 'insured'] }),
  LEDIGHEDSYDELSE: weekly({ da: ['ledighedsydelse', 'ledighed'], en: ['flexjob-unemployment', 'unemployment-allowance'] }),
  FLEKSJOB: { words: { da: ['fleksjob', 'fleks'], en: ['flexjob', 'flex'] }, checkInCadenceDays: 30, openToNew: true, source: LOCAL },
  JOBAFKLARING: { words: { da: ['jobafklaring', 'jobafklaringsforløb'], en: ['job-clarification'] }, checkInCadenceDays: 28, openToNew: true, source: LOCAL },
  INTEGRATION: weekly({ da: ['integration', 'integrationsborger', 'flygtning'], en: ['integration', 'refugee'] }),
};

// "jobsamtale" is the legal term (LAB) for the individual job conversation; "opfølgningssamtale" is the same meeting.
const MEETING_KINDS_2020: NonNullable<RuleSet['meetingKinds']> = {
  INDIVIDUAL: { words: { da: ['individuel', 'individuelt', 'samtale', 'ind', 'jobsamtale', 'opfølgningssamtale', 'individuel-samtale'], en: ['individual', 'ind', 'job-conversation'] }, source: LAB_MEETINGS },
  THREE_PARTY: { words: { da: ['trepart', 'trepartssamtale', 'trepartsmøde', '3-part', '3part'], en: ['three-party', 'threeparty', '3-part', '3part'] }, source: SEED_STV },
  WALK_AND_TALK: { words: { da: ['walk-and-talk', 'gåtur'], en: ['walk-and-talk', 'walk', 'walkandtalk'] }, source: LOCAL },
  PHONE: { words: { da: ['telefon', 'tlf', 'telefonsamtale', 'telefonisk', 'tlf-samtale'], en: ['phone', 'phone-call'] }, source: LAB_MEETINGS },
  VIDEO: { words: { da: ['video', 'videomøde', 'videosamtale', 'teams'], en: ['video', 'teams', 'video-call'] }, source: LAB_MEETINGS },
  COMPANY_VISIT: { words: { da: ['virksomhedsbesøg', 'besøg'], en: ['company-visit', 'visit'] }, source: SEED_STV },
  NETWORK: { words: { da: ['netværk', 'netværksmøde'], en: ['network'] }, source: LOCAL },
};

/** LAB § 6, nr. 1, 2 and 4 (dagpenge, job-ready kontanthjælp, education-ready uddannelseshjælp): the shorter wage subsidies of § 68, nr. 1. */
const LAB_68_1 = ['DAGPENGE', 'JOBPARAT', 'UDDANNELSESPARAT'] as const;

const monthly = (firstAfterDays = 30) => ({ firstAfterDays, everyDays: 30, source: SEED_STV });

const PLACEMENTS: Record<string, PlacementTypeRule> = {
  INTERNSHIP: {
    defaultLength: { days: 14 },
    limits: [
      { groups: ['DAGPENGE', 'JOBPARAT'], max: { weeks: 4 }, onExceed: 'refuse', source: { ...LAB, text: `${LAB_TEXT}, § 61, stk. 1: virksomhedspraktik højst 4 uger for dagpengemodtagere og jobparate` } },
      { groups: 'others', max: { weeks: 13 }, onExceed: 'refuse', source: { ...LAB, text: `${LAB_TEXT}, § 61, stk. 1-2: virksomhedspraktik højst 13 uger for andre målgrupper` } },
    ],
    // Seed 000 asks for very close follow-up at the start: the first one a week in, before a 14-day internship ends.
    followUp: { firstAfterDays: 7, everyDays: 30, source: { text: `${SEED_ISU.text}; ${SEED_STV.text}`, date: SEED_STV.date } },
    extensionNeedsReason: true,
    source: SEED_ISU,
  },
  WAGE_SUBSIDY_PRIVATE: {
    defaultLength: { weeks: 26 },
    limits: [
      { groups: [...LAB_68_1], max: { months: 6 }, onExceed: 'refuse', source: { ...LAB, text: `${LAB_TEXT}, § 68, nr. 1: privat løntilskud højst 6 måneder for dagpengemodtagere, jobparate og uddannelsesparate` } },
    ],
    followUp: monthly(),
    extensionNeedsReason: false,
    source: LOCAL,
  },
  WAGE_SUBSIDY_PUBLIC: {
    defaultLength: { weeks: 26 },
    limits: [
      { groups: [...LAB_68_1], max: { months: 4 }, onExceed: 'refuse', source: { ...LAB, text: `${LAB_TEXT}, § 68, nr. 1: offentligt løntilskud højst 4 måneder for dagpengemodtagere, jobparate og uddannelsesparate` } },
      { groups: ['AKTIVITETSPARAT'], max: { months: 6 }, onExceed: 'refuse', source: { ...LAB, text: `${LAB_TEXT}, § 68, nr. 2: løntilskud højst 6 måneder for aktivitetsparate` } },
    ],
    followUp: monthly(),
    extensionNeedsReason: false,
    source: LOCAL,
  },
  ORDINARY_HOURS: { defaultLength: { weeks: 13 }, limits: [], followUp: monthly(), extensionNeedsReason: false, source: LOCAL },
  UTILITY_WORK: { defaultLength: { weeks: 13 }, limits: [], followUp: monthly(), extensionNeedsReason: false, source: LOCAL },
  ADULT_APPRENTICE: { defaultLength: { days: 365 }, limits: [], followUp: monthly(), extensionNeedsReason: false, source: LOCAL },
  FLEXJOB: { defaultLength: { days: 365 }, limits: [], followUp: monthly(), extensionNeedsReason: false, source: LOCAL },
};

const BASE_2020: RuleSet = {
  id: 'lab-2020',
  title: 'LAB 2020 og seedenes praksis',
  effectiveFrom: '2020-01-01',
  targetGroups: GROUPS_2020,
  placementTypes: PLACEMENTS as RuleSet['placementTypes'],
  caseloadNorms: { CASEWORKER: { min: 40, max: 50, source: SEED_STV }, CONSULTANT: { min: 30, max: 35, source: SEED_STV } },
  jobResults: { kinds: ['ORDINARY_JOB', 'ORDINARY_HOURS', 'FLEXJOB', 'EDUCATION', 'APPRENTICESHIP'], source: SEED_CELEBRATE },
  meetingKinds: MEETING_KINDS_2020,
};

const REFORM_2026_SET: RuleSet = {
  ...BASE_2020,
  id: 'reform-2026',
  title: 'Beskæftigelsesreformen, første fase',
  effectiveFrom: '2026-02-01',
  targetGroups: {
    ...GROUPS_2020,
    RESSOURCEFORLOEB: { ...GROUPS_2020.RESSOURCEFORLOEB!, openToNew: false, source: REFORM_2026 },
  },
};

/**
 * The reform's second phase as a ready set an admin switches to
 * (`/jobbot rules switch reform-2027`), never on its own: the final law and
 * each municipality's local organisation decide the details. Kontanthjælp
 * recipients meet as job-ready (activity- and education-ready move to
 * jobparat, previewed per citizen before the switch); ressourceforløb stays
 * closed to new citizens; the other groups keep their rules.
 */
const reform2027 = (rule: TargetGroupRule): TargetGroupRule => ({ ...rule, source: REFORM_2027 });
const REFORM_2027_SET: RuleSet = {
  ...REFORM_2026_SET,
  id: 'reform-2027',
  title: 'Beskæftigelsesreformen, anden fase (fem målgrupper)',
  effectiveFrom: '2027-01-01',
  optIn: true,
  targetGroups: {
    JOBPARAT: reform2027({ ...GROUPS_2020.JOBPARAT!, words: { da: ['jobparat', 'kontanthjælp'], en: ['job-ready', 'cash-benefit'] } }),
    DAGPENGE: reform2027(GROUPS_2020.DAGPENGE!),
    SYGEDAGPENGE: { ...GROUPS_2020.SYGEDAGPENGE! },
    JOBAFKLARING: reform2027(GROUPS_2020.JOBAFKLARING!),
    LEDIGHEDSYDELSE: reform2027(GROUPS_2020.LEDIGHEDSYDELSE!),
    FLEKSJOB: GROUPS_2020.FLEKSJOB!,
    INTEGRATION: GROUPS_2020.INTEGRATION!,
    RESSOURCEFORLOEB: { ...GROUPS_2020.RESSOURCEFORLOEB!, openToNew: false, source: REFORM_2026 },
  },
  groupMapping: { AKTIVITETSPARAT: 'JOBPARAT', UDDANNELSESPARAT: 'JOBPARAT' },
};

/** Oldest first; `rulesFor(date)` picks the latest one in force whose date has come. Opt-in sets wait for a switch. */
export const SHIPPED_RULE_SETS: readonly RuleSet[] = [BASE_2020, REFORM_2026_SET, REFORM_2027_SET];

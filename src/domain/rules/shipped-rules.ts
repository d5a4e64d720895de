// The rules jobbot ships with: pure data, one rule set per effective date.
// Every rule names its source. Sources marked "lokal praksis" are jobbot's
// defaults from the seeds; a municipality replaces them with a rules file
// (see README, "Rules"). Dates are YYYY-MM-DD.
import type { PlacementTypeRule, RuleSet, RuleSource, TargetGroupRule } from './schema.js';

const LAB: RuleSource = { text: 'Lov om en aktiv beskæftigelsesindsats (LAB), lov nr. 548 af 7. maj 2019', date: '2020-01-01' };
const REFORM_2026: RuleSource = { text: 'Lov nr. 1750 af 29/12/2025 (beskæftigelsesreformens første fase): ressourceforløb lukker for nye borgere', date: '2026-02-01' };
// Seeds carry no date of their own: their date is the day jobbot recorded them.
const SEED_ISU: RuleSource = { text: 'Seed 000 (ISU): praktik i 14 dage, forlænges kun med reelt jobperspektiv og god begrundelse', date: '2026-11-23' };
const SEED_ISU_WEEKLY: RuleSource = { text: 'Seed 000 (ISU): korte ugentlige samtaler', date: '2026-11-23' };
const SEED_STV: RuleSource = { text: 'Seed 001 (STV): opfølgning på hver praktik mindst månedligt; S 40-50 sager, VK 30-35 sager', date: '2026-11-23' };
const SEED_CELEBRATE: RuleSource = { text: 'Seed 002 (Viborg): én kugle pr. borger i job eller uddannelse', date: '2026-11-23' };
const LOCAL: RuleSource = { text: 'Lokal praksis (jobbots standard, kommunen kan ændre den)', date: '2026-11-30' };
const SICK_LEAVE: RuleSource = {
  text: 'Sygedagpengeloven: opfølgning mindst hver 4. uge; ansatte sygemeldte, der forventes tilbage inden 26 uger, er undtaget fra kommunal opfølgning (issue #13; kommunen bekræfter lovhjemlen)',
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

/** Kontanthjælp and uddannelseshjælp groups (public wage subsidy up to 6 months). */
const KONTANTHJAELP = ['JOBPARAT', 'AKTIVITETSPARAT', 'UDDANNELSESPARAT'] as const;

const monthly = (firstAfterDays = 30) => ({ firstAfterDays, everyDays: 30, source: SEED_STV });

const PLACEMENTS: Record<string, PlacementTypeRule> = {
  INTERNSHIP: {
    defaultLength: { days: 14 },
    limits: [
      { groups: ['DAGPENGE', 'JOBPARAT'], max: { weeks: 4 }, onExceed: 'refuse', source: { ...LAB, text: `${LAB.text}: virksomhedspraktik højst 4 uger for dagpengemodtagere og jobparate` } },
      { groups: 'others', max: { weeks: 13 }, onExceed: 'refuse', source: { ...LAB, text: `${LAB.text}: virksomhedspraktik højst 13 uger for andre målgrupper` } },
    ],
    // Seed 000 asks for very close follow-up at the start: the first one a week in, before a 14-day internship ends.
    followUp: { firstAfterDays: 7, everyDays: 30, source: { text: `${SEED_ISU.text}; ${SEED_STV.text}`, date: SEED_STV.date } },
    extensionNeedsReason: true,
    source: SEED_ISU,
  },
  WAGE_SUBSIDY_PRIVATE: { defaultLength: { weeks: 26 }, limits: [], followUp: monthly(), extensionNeedsReason: false, source: LOCAL },
  WAGE_SUBSIDY_PUBLIC: {
    defaultLength: { weeks: 26 },
    limits: [
      { groups: ['DAGPENGE'], max: { months: 4 }, onExceed: 'refuse', source: { ...LAB, text: `${LAB.text}: offentligt løntilskud højst 4 måneder for dagpengemodtagere` } },
      { groups: [...KONTANTHJAELP], max: { months: 6 }, onExceed: 'refuse', source: { ...LAB, text: `${LAB.text}: offentligt løntilskud højst 6 måneder for kontanthjælps- og uddannelseshjælpsmodtagere` } },
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

/** Oldest first; `rulesFor(date)` picks the latest one whose date has come. */
export const SHIPPED_RULE_SETS: readonly RuleSet[] = [BASE_2020, REFORM_2026_SET];

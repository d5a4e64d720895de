/**
 * Plain-chat questions → a structured question, by rules and the small
 * vocabulary in lexicon.ts. Deterministic and pure: the same text on the same
 * day always gives the same answer, and nothing leaves the process.
 *
 * Order of the rules (first match wins):
 *  1. Something that reads like a change ("log møde med C-1042", "kan du
 *     oprette …") is never guessed: it is reported as a write, and the
 *     handler points to the command.
 *  2. A case reference (C-1042) → that citizen's timeline.
 *  3. "hvad kan du?" → help.
 *  4. Concepts, most specific first: targets, per-person overdue ranking,
 *     overdue, upcoming check-ins, placements, outcomes, a colleague's
 *     caseload, the team, one's own caseload.
 * A period ("uge 48", "sidste måned") is taken out first and narrows any of them.
 */
import type { LocalDate } from '../local-date.js';
import { conceptsOf, NOT_A_NAME, type Concept } from './lexicon.js';
import { tokenizeQuestion } from './normalize.js';
import { findPeriod, type Period } from './period.js';

export type Intent =
  | 'overdue'
  | 'upcoming'
  | 'inPlacement'
  | 'myCaseload'
  | 'staffCaseload'
  | 'teamOverview'
  | 'overdueRanking'
  | 'targetProgress'
  | 'outcomes'
  | 'citizenTimeline'
  | 'help';

export const INTENTS: readonly Intent[] = [
  'overdue',
  'upcoming',
  'inPlacement',
  'myCaseload',
  'staffCaseload',
  'teamOverview',
  'overdueRanking',
  'targetProgress',
  'outcomes',
  'citizenTimeline',
  'help',
];

/** Questions only a manager gets an answer to (the whole team, a colleague). */
export const MANAGER_INTENTS: ReadonlySet<Intent> = new Set(['teamOverview', 'overdueRanking', 'staffCaseload']);

export interface Question {
  intent: Intent;
  /** Case reference, uppercased (citizenTimeline). */
  ref?: string;
  /** A colleague as typed: a handle or a first name, lowercase, without @ or possessive s. */
  staff?: string;
  /** Asked about the whole team ("i teamet", "vi", "vores"). */
  team?: boolean;
  period?: Period;
}

/** Which command a write-like message should use instead. */
export type WriteTopic = 'meeting' | 'placement' | 'outcome' | 'citizen' | 'target';

export type Understanding =
  | { kind: 'question'; question: Question }
  | { kind: 'write'; topics: WriteTopic[] }
  | { kind: 'unknown'; suggestions: Intent[]; words: string[] };

const REF_RE = /^[a-z]{1,6}[-_./]?\d{1,10}(?:[-_./][a-z0-9]{1,10})*$/i;
const WEEK_GLUED_RE = /^(?:uge|week|wk)\d{1,2}$/i;
const HANDLE_RE = /^@([a-z0-9._-]+)$/i;
const POLITE_STARTS = new Set(['kan', 'vil', 'ville', 'kunne', 'can', 'could', 'would', 'will', 'please', 'venligst', 'pls', 'gider']);
const NAME_PREPOSITIONS = new Set(['for', 'hos', 'til', 'of', 'med', 'with', 'about', 'om', 'from', 'fra']);
/** Concepts a possessive name may stand before: "Annes sager", "Bos overskredne". */
const POSSESSABLE: readonly Concept[] = ['caseload', 'overdue', 'followUp', 'placement', 'outcome', 'missing'];

function isHelp(words: string[]): boolean {
  const text = words.join(' ');
  return /^(hvad kan (du|jeg)|what can (you|i)|hvordan bruger jeg|how do i use|hjalp|help|kommandoer|commands)\b/.test(text);
}

/** Understands one message. `today` resolves periods ("sidste måned"). */
export function understandQuestion(text: string, today: LocalDate): Understanding {
  const tokens = tokenizeQuestion(text);
  const found = findPeriod(
    tokens.map((t) => t.word),
    today,
  );
  const period = found?.period;
  const used = new Set(found?.used ?? []);
  const rest = tokens.filter((_, i) => !used.has(i));
  const words = rest.map((t) => t.word);
  const perWord = words.map((w) => conceptsOf(w));
  const has = (c: Concept) => perWord.some((set) => set.has(c));

  // 1. Changes are never guessed from chat.
  const first = perWord[0];
  const writeVerbAt = perWord.findIndex((set) => set.has('writeVerb'));
  const firstIsWrite = first?.has('writeVerb') === true && !first.has('questionWord');
  const politeWrite = POLITE_STARTS.has(words[0] ?? '') && writeVerbAt > 0;
  if (firstIsWrite || politeWrite) return { kind: 'write', topics: writeTopics(has, rest.some((t) => REF_RE.test(t.raw))) };

  // 2. A case reference.
  const refToken = rest.find((t) => REF_RE.test(t.raw) && !WEEK_GLUED_RE.test(t.raw) && /\d/.test(t.raw));
  if (refToken) return question({ intent: 'citizenTimeline', ref: refToken.raw.toUpperCase() }, period);

  // 3. Help.
  if (isHelp(words)) return question({ intent: 'help' }, period);

  // 4. Concepts.
  const name = findName(rest.map((t) => t.raw), words, perWord);
  const team = has('team') || has('we');
  const scope = (q: Question): Question => {
    if (name && !(q.intent === 'inPlacement' && name.preposition === 'hos')) return { ...q, staff: name.name };
    return team ? { ...q, team: true } : q;
  };
  const followUpLike = has('followUp');
  if (has('target')) return question({ intent: 'targetProgress' }, period);
  if (has('ranking') && (has('overdue') || has('missing') || followUpLike)) return question({ intent: 'overdueRanking' }, period);
  if (has('overdue') || (has('missing') && (followUpLike || !(has('placement') || has('outcome'))))) {
    return question(scope({ intent: 'overdue' }), period);
  }
  if (followUpLike && (has('upcoming') || has('who') || period !== undefined)) return question(scope({ intent: 'upcoming' }), period);
  if (has('placement')) return question(scope({ intent: 'inPlacement' }), period);
  if (has('outcome')) return question(scope({ intent: 'outcomes' }), period);
  if (name) return question({ intent: 'staffCaseload', staff: name.name }, period);
  if (has('upcoming') && has('who') && !has('caseload')) return question(scope({ intent: 'upcoming' }), period);
  if (has('ranking') && has('caseload')) return question({ intent: 'teamOverview', team: true }, period);
  if (has('team') || (has('we') && (has('how') || has('caseload') || has('count')))) return question({ intent: 'teamOverview', team: true }, period);
  if (has('caseload')) return question({ intent: 'myCaseload' }, period);
  if (followUpLike) return question({ intent: 'upcoming' }, period);
  if (has('how') && (has('self') || words.length <= 4)) return question({ intent: 'myCaseload' }, period);
  if (period && words.filter((w) => !['i', 'in', 'for', 'og', 'and', 'hvad', 'what', 'om', 'about'].includes(w)).length === 0) {
    return question({ intent: 'myCaseload' }, period);
  }
  return { kind: 'unknown', suggestions: suggest(perWord), words };
}

function question(q: Question, period: Period | undefined): Understanding {
  return { kind: 'question', question: period ? { ...q, period } : q };
}

function writeTopics(has: (c: Concept) => boolean, hasRef: boolean): WriteTopic[] {
  const topics: WriteTopic[] = [];
  if (has('target')) topics.push('target');
  if (has('placement')) topics.push('placement');
  if (has('outcome')) topics.push('outcome');
  if (has('followUp')) topics.push('meeting');
  if (has('caseload') || hasRef || topics.length === 0) topics.push('citizen');
  if (topics.length === 1 && topics[0] === 'citizen') topics.push('meeting');
  return topics.slice(0, 3);
}

/**
 * A colleague named in the question: "@anne", "Annes sager", "anne's caseload",
 * "sager for anne", "hvordan går det med bo". Never a word the vocabulary knows.
 */
function findName(raws: string[], words: string[], perWord: Array<Set<Concept>>): { name: string; preposition?: string } | undefined {
  for (const raw of raws) {
    const m = HANDLE_RE.exec(raw);
    if (m?.[1]) return { name: m[1].toLowerCase() };
  }
  const candidate = (w: string | undefined): w is string =>
    w !== undefined && /^[a-z][a-z'.-]{1,30}$/.test(w) && !NOT_A_NAME.has(w) && conceptsOf(w).size === 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const next = perWord[i + 1];
    const possessive = /^(.+?)(?:'s|s|')$/.exec(w);
    const stem = possessive?.[1];
    if (stem && next && POSSESSABLE.some((c) => next.has(c)) && candidate(w) && candidate(stem) && stem.length >= 2) return { name: stem.replace(/'$/, '') };
  }
  for (let i = 1; i < words.length; i++) {
    const preposition = words[i - 1] ?? '';
    const w = words[i];
    if (!NAME_PREPOSITIONS.has(preposition) || !candidate(w)) continue;
    // "for anne" after a caseload or overdue word; "med anne" after "hvordan går det".
    const before = perWord.slice(0, i - 1);
    const fits = ['med', 'with', 'about', 'om'].includes(preposition)
      ? before.some((s) => s.has('how'))
      : before.some((s) => POSSESSABLE.some((c) => s.has(c)));
    if (fits) return { name: w.replace(/'s$/, ''), preposition };
  }
  return undefined;
}

/** What each question is about, to rank suggestions when nothing matched. */
const RELATED: Record<Intent, readonly Concept[]> = {
  overdue: ['overdue', 'missing', 'followUp'],
  upcoming: ['followUp', 'upcoming'],
  inPlacement: ['placement', 'count'],
  myCaseload: ['caseload', 'self', 'how'],
  staffCaseload: [],
  teamOverview: ['team', 'we', 'how'],
  overdueRanking: ['ranking', 'overdue'],
  targetProgress: ['target', 'progress'],
  outcomes: ['outcome', 'count'],
  citizenTimeline: ['history'],
  help: ['helpWord'],
};

/** When nothing is certain, the questions nearest to the words used (the most common first on ties). */
const DEFAULT_ORDER: readonly Intent[] = ['overdue', 'myCaseload', 'inPlacement', 'citizenTimeline', 'teamOverview', 'targetProgress', 'upcoming', 'outcomes', 'overdueRanking'];

function suggest(perWord: Array<Set<Concept>>): Intent[] {
  const score = (intent: Intent) => RELATED[intent].filter((c) => perWord.some((s) => s.has(c))).length;
  return [...DEFAULT_ORDER].sort((a, b) => score(b) - score(a) || DEFAULT_ORDER.indexOf(a) - DEFAULT_ORDER.indexOf(b));
}

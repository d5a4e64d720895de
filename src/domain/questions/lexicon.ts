// The small vocabulary behind question understanding: each concept is a set
// of words, Danish (with inflections) and English. An entry ending in '*' is
// a stem and matches every word that starts with it ("opfølg*" → opfølgning,
// opfølgninger, opfølgningerne). Longer words also match with a typing slip
// or two (see allowedSlips). Entries are written as people spell them; they
// are folded like the user's words before comparing.
import { allowedSlips, boundedEditDistance, foldWord } from './normalize.js';

export type Concept =
  | 'overdue'
  | 'missing'
  | 'followUp'
  | 'placement'
  | 'count'
  | 'self'
  | 'caseload'
  | 'team'
  | 'we'
  | 'how'
  | 'ranking'
  | 'target'
  | 'progress'
  | 'history'
  | 'outcome'
  | 'upcoming'
  | 'who'
  | 'helpWord'
  | 'writeVerb'
  | 'questionWord';

const WORDS: Record<Concept, readonly string[]> = {
  overdue: [
    'overskred*', 'overskrid*', 'overskrevet', 'overskredne', 'forsink*', 'bagud', 'bagefter', 'udestående', 'udeståend*',
    'forfaldne', 'forfalden', 'overdue', 'late', 'behind', 'lapsed', 'overtid', 'overtiden', 'haler',
    // "hvem har vi glemt?": forgotten is overdue, not upcoming.
    'glemt', 'glemte', 'glemme', 'glemmer', 'forgot', 'forgotten', 'forget', 'neglected',
  ],
  missing: ['mangl*', 'mangler', 'missing', 'missed', 'miss', 'lacking', 'need', 'needs', 'trænger', 'skylder', 'owe', 'owed'],
  followUp: [
    'opfølg*', 'opfølning', 'opføling', 'opfølninger', 'følge', 'følg', 'fulgt', 'followup*', 'follow', 'check', 'checkin*', 'tjek*',
    'samtal*', 'møde', 'møder', 'meeting*', 'kontakt*', 'contact*', 'touchpoint*',
  ],
  placement: [
    'praktik*', 'virksomhedspraktik*', 'løntilskud*', 'lts', 'forløb', 'forløbene', 'forløbet', 'internship*', 'intern', 'interns',
    'placement*', 'subsid*', 'nytteindsats*', 'voksenlærling*', 'trainee*',
  ],
  count: ['antal*', 'mange', 'many', 'number', 'count', 'hvormange', 'howmany', 'tal'],
  self: ['min', 'mit', 'mine', 'jeg', 'mig', 'selv', 'my', 'me', 'myself', 'mine', "i'm", 'im'],
  caseload: [
    'sagsstam*', 'sagstam*', 'sagsstak', 'sager', 'sagerne', 'sag', 'borgere', 'borgerne', 'borger', 'caseload*', 'case', 'cases',
    'citizens', 'citizen', 'portefølje*', 'portfolio', 'clients', 'klienter', 'load',
  ],
  team: ['team', 'teamet', 'teamets', 'temaet', 'teamt', 'teams', 'holdet', 'afdeling*', 'gruppen', 'department', 'unit', 'enheden'],
  we: ['vi', 'os', 'vores', 'we', 'us', 'our', "we're"],
  how: [
    'hvordan', 'how', 'status', 'overblik*', 'overview', 'oversigt*', 'går', 'gik', 'doing', 'going', 'står', 'ser', 'looking', 'looks',
    'situation*', 'summary', 'opsummer*', 'sammendrag', 'dashboard', 'tilstand*', 'stand',
  ],
  ranking: ['flest', 'fleste', 'mest', 'most', 'top', 'rangliste*', 'ranking', 'rank', 'ranked', 'værst', 'worst', 'leaderboard', 'pr', 'per', 'fordelt'],
  target: ['mål', 'målet', 'målene', 'målsætning*', 'måltal*', 'target*', 'goal*', 'milepæl*', 'milestone*', 'kpi*', 'produktionsmål*', 'objective*'],
  progress: ['langt', 'progress', 'track', 'pace', 'tempo', 'nået', 'reached', 'achieved', 'fremdrift', 'along'],
  history: [
    'skete', 'sket', 'sker', 'historik*', 'history', 'tidslinje*', 'timeline', 'happened', 'happen', 'happening', 'forløbet', 'hændelse*',
    'events', 'log', 'journal',
  ],
  outcome: [
    'job', 'jobs', 'ansat', 'ansatte', 'ansættelse*', 'resultat*', 'outcome*', 'result*', 'hired', 'employed', 'employment', 'uddannelse*',
    'education', 'fleksjob', 'flexjob', 'læreplads*', 'kugle*', 'kuglerne', 'marble*', 'succes*', 'success*', 'videre', 'raskmeld*',
  ],
  upcoming: ['kommende', 'næste', 'snart', 'upcoming', 'due', 'soon', 'next', 'planlagt*', 'planned', 'forfalder', 'skal', 'should', 'must', 'coming'],
  who: ['hvem', 'who', 'whom', 'which', 'hvilke', 'hvilken', 'hvilket', 'whose'],
  helpWord: ['hjælp', 'help', 'kommandoer', 'commands', 'kan', 'can'],
  writeVerb: [
    'log', 'logge', 'logger', 'registrer*', 'opret*', 'afslut', 'luk', 'flyt', 'slet', 'ret', 'opdater', 'tilføj', 'sæt', 'gem', 'book',
    'start', 'begin', 'stop', 'forlæng', 'add', 'create', 'close', 'delete', 'remove', 'transfer', 'move', 'update', 'set', 'save',
    'extend', 'end', 'record', 'register', 'note', 'noter', 'skriv', 'write', 'change', 'ændr', 'ændre',
  ],
  questionWord: [
    'hvem', 'hvad', 'hvor', 'hvordan', 'hvornår', 'hvilke', 'hvilken', 'hvilket', 'hvorfor', 'er', 'har', 'kan', 'vis', 'giv', 'find',
    'list', 'who', 'what', 'whats', "what's", 'where', 'how', 'which', 'when', 'why', 'is', 'are', 'do', 'does', 'did', 'has', 'have',
    'show', 'give', 'tell', 'get',
  ],
};

interface Entry {
  concept: Concept;
  text: string;
  stem: boolean;
}

const ENTRIES: readonly Entry[] = (Object.entries(WORDS) as Array<[Concept, readonly string[]]>).flatMap(([concept, words]) =>
  words.map((w) => ({ concept, stem: w.endsWith('*'), text: foldWord(w.replace(/\*$/, '')) })),
);

// Concepts compared exactly: short function words would match far too much with slips.
const EXACT_ONLY: ReadonlySet<Concept> = new Set(['self', 'we', 'who', 'questionWord', 'writeVerb', 'helpWord', 'count', 'how', 'upcoming']);

/** The concepts a folded word stands for: exact and stem matches first, then within typing slips. */
export function conceptsOf(word: string): Set<Concept> {
  const found = new Set<Concept>();
  for (const e of ENTRIES) {
    if (word === e.text || (e.stem && word.startsWith(e.text))) found.add(e.concept);
  }
  if (found.size > 0 || /\d/.test(word)) return found;
  const slips = allowedSlips(word.length);
  if (slips === 0) return found;
  for (const e of ENTRIES) {
    if (EXACT_ONLY.has(e.concept) || e.text.length < 5) continue;
    // A stem with a slip: compare against the word's start of the same length.
    const compared = e.stem && word.length > e.text.length ? word.slice(0, e.text.length) : word;
    if (boundedEditDistance(compared, e.text, Math.min(slips, allowedSlips(e.text.length))) <= Math.min(slips, allowedSlips(e.text.length))) {
      found.add(e.concept);
    }
  }
  return found;
}

/** Words that are never a colleague's name, though they come before "sager" or after "for". */
export const NOT_A_NAME: ReadonlySet<string> = new Set(
  [
    'min', 'mit', 'mine', 'din', 'dit', 'dine', 'hans', 'hendes', 'dens', 'dets', 'deres', 'vores', 'jeres', 'alles', 'hvis', 'nogens',
    'teamets', 'teamet', 'team', 'borgerens', 'borgernes', 'dagens', 'ugens', 'manedens', 'arets', 'lederens', 'andres', 'ens', 'alle',
    'nyes', 'gamles', 'its', 'his', 'her', 'their', 'our', 'your', 'my', 'the', 'a', 'an', 'me', 'us', 'them', 'you', 'mig', 'os', 'dig',
    'jer', 'dem', 'i', 'in', 'this', 'last', 'next', 'denne', 'sidste', 'naste', 'uge', 'maned', 'week', 'month', 'today', 'idag',
    'everyone', 'all', 'everybody', 'hvem', 'who', 'hvad', 'what', 'hele', 'whole', 'each', 'hver', 'staff', 'medarbejder',
    'medarbejdere', 'medarbejderne', 'kollega', 'kollegaer', 'det', 'den', 'de', 'en', 'et', 'er', 'har', 'is', 'was', 'fx', 'eg', 'os',
    'flest', 'mest', 'most', 'sa', 'sadan', 'ingen', 'nogen', 'both', 'begge',
  ].map(foldWord),
);

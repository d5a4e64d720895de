// The phrasing table for plain-chat questions: Danish (with inflections and
// common slips) and English. Fixed day: Monday 23 November 2026 (ISO week 48).
import { describe, expect, it } from 'vitest';
import { findPeriod } from '../../src/domain/questions/period.js';
import { tokenizeQuestion } from '../../src/domain/questions/normalize.js';
import { understandQuestion, type Intent, type Question } from '../../src/domain/questions/understand.js';

const TODAY = '2026-11-23';

type Expected = Intent | 'write' | 'unknown';
interface Row {
  text: string;
  expect: Expected;
  ref?: string;
  staff?: string;
  team?: boolean;
  period?: [string, string];
}

const rows: Row[] = [
  // overdue
  { text: 'hvem mangler opfølgning?', expect: 'overdue' },
  { text: 'Hvem mangler opfølgning', expect: 'overdue' },
  { text: 'hvem mangler opfoelgning?', expect: 'overdue' },
  { text: 'hvem mangler opfolgning', expect: 'overdue' },
  { text: 'hvem manglr opfølgning?', expect: 'overdue' },
  { text: 'hvem mangler opføling?', expect: 'overdue' },
  { text: 'hvilke borgere er overskredet?', expect: 'overdue' },
  { text: 'overskredne opfølgninger', expect: 'overdue' },
  { text: 'mine overskredne', expect: 'overdue' },
  { text: 'har jeg nogen forsinkede samtaler?', expect: 'overdue' },
  { text: 'hvem er jeg bagud med?', expect: 'overdue' },
  { text: 'who is overdue?', expect: 'overdue' },
  { text: "who's overdue", expect: 'overdue' },
  { text: 'which citizens are overdue for a check-in?', expect: 'overdue' },
  { text: 'overdue follow-ups', expect: 'overdue' },
  { text: 'am I behind on any follow ups?', expect: 'overdue' },
  { text: 'who have I missed?', expect: 'overdue' },
  { text: 'overdu', expect: 'overdue' },
  { text: 'hvem mangler opfølgning i uge 47?', expect: 'overdue', period: ['2026-11-16', '2026-11-22'] },
  { text: 'hvem mangler opfølgning i teamet?', expect: 'overdue', team: true },
  // "glemt" (forgotten) is overdue; "vi" asks for the team (a manager's; anyone else gets their own)
  { text: 'hvem har vi glemt at følge op på', expect: 'overdue', team: true },
  { text: 'hvem har vi glemt?', expect: 'overdue', team: true },
  { text: 'hvem har jeg glemt at følge op på?', expect: 'overdue' },
  { text: 'har jeg glemt nogen?', expect: 'overdue' },
  { text: 'glemte samtaler', expect: 'overdue' },
  { text: 'hvem har vi glemt i uge 47', expect: 'overdue', team: true, period: ['2026-11-16', '2026-11-22'] },
  { text: 'who have we forgotten to follow up on?', expect: 'overdue', team: true },
  { text: 'who did I forget?', expect: 'overdue' },
  { text: 'hvem har flest glemte opfølgninger?', expect: 'overdueRanking' },
  { text: 'Annes overskredne', expect: 'overdue', staff: 'anne' },
  { text: 'overskredne for bo', expect: 'overdue', staff: 'bo' },
  { text: 'who is overdue for @camilla?', expect: 'overdue', staff: 'camilla' },
  { text: 'forsinkede opfølgninger sidste måned', expect: 'overdue', period: ['2026-10-01', '2026-10-31'] },

  // upcoming
  { text: 'hvem skal jeg følge op på i denne uge?', expect: 'upcoming', period: ['2026-11-23', '2026-11-29'] },
  { text: 'kommende opfølgninger', expect: 'upcoming' },
  { text: 'næste opfølgninger', expect: 'upcoming' },
  { text: 'hvem skal have en samtale i næste uge?', expect: 'upcoming', period: ['2026-11-30', '2026-12-06'] },
  { text: 'mine opfølgninger', expect: 'upcoming' },
  { text: 'opfølgninger i dag', expect: 'upcoming', period: ['2026-11-23', '2026-11-23'] },
  { text: 'who is due this week?', expect: 'upcoming', period: ['2026-11-23', '2026-11-29'] },
  { text: 'upcoming check-ins', expect: 'upcoming' },
  { text: 'which meetings are due tomorrow?', expect: 'upcoming', period: ['2026-11-24', '2026-11-24'] },
  { text: 'follow-ups next week', expect: 'upcoming', period: ['2026-11-30', '2026-12-06'] },

  // in placement
  { text: 'hvor mange er i praktik?', expect: 'inPlacement' },
  { text: 'Hvor mange er i praktik', expect: 'inPlacement' },
  { text: 'hvor mange er i prakitk?', expect: 'inPlacement' },
  { text: 'hvor mange er i praktk', expect: 'inPlacement' },
  { text: 'hvem er i praktik?', expect: 'inPlacement' },
  { text: 'mine praktikker', expect: 'inPlacement' },
  { text: 'aktive forløb', expect: 'inPlacement' },
  { text: 'hvor mange har løntilskud?', expect: 'inPlacement' },
  { text: 'hvor mange er i lontilskud', expect: 'inPlacement' },
  { text: 'hvem er i virksomhedspraktik lige nu', expect: 'inPlacement' },
  { text: 'how many are in an internship?', expect: 'inPlacement' },
  { text: 'how many are in internships', expect: 'inPlacement' },
  { text: 'who is in a placement?', expect: 'inPlacement' },
  { text: 'active placements', expect: 'inPlacement' },
  { text: 'wage subsidy', expect: 'inPlacement' },
  { text: 'praktikker i november', expect: 'inPlacement', period: ['2026-11-01', '2026-11-30'] },
  { text: 'hvor mange var i praktik sidste måned?', expect: 'inPlacement', period: ['2026-10-01', '2026-10-31'] },
  { text: 'praktikker i teamet', expect: 'inPlacement', team: true },
  { text: 'Bos praktikker', expect: 'inPlacement', staff: 'bo' },
  { text: 'hvor mange er i praktik hos Netto?', expect: 'inPlacement' },

  // my caseload
  { text: 'hvordan ser min sagsstamme ud?', expect: 'myCaseload' },
  { text: 'hvordan ser min sagstamme ud', expect: 'myCaseload' },
  { text: 'min sagsstamme', expect: 'myCaseload' },
  { text: 'mine sager', expect: 'myCaseload' },
  { text: 'mine borgere', expect: 'myCaseload' },
  { text: 'hvor mange borgere har jeg?', expect: 'myCaseload' },
  { text: 'hvor mange sager har jeg', expect: 'myCaseload' },
  { text: 'vis min sagsstamme', expect: 'myCaseload' },
  { text: 'sagsstammen', expect: 'myCaseload' },
  { text: 'my caseload', expect: 'myCaseload' },
  { text: 'show my cases', expect: 'myCaseload' },
  { text: 'how many citizens do I have?', expect: 'myCaseload' },
  { text: 'hvordan går det?', expect: 'myCaseload' },
  { text: 'uge 48', expect: 'myCaseload', period: ['2026-11-23', '2026-11-29'] },
  { text: 'i denne måned', expect: 'myCaseload', period: ['2026-11-01', '2026-11-30'] },
  { text: 'sidste måned', expect: 'myCaseload', period: ['2026-10-01', '2026-10-31'] },
  { text: 'last month', expect: 'myCaseload', period: ['2026-10-01', '2026-10-31'] },
  { text: 'this week', expect: 'myCaseload', period: ['2026-11-23', '2026-11-29'] },
  { text: 'min sagsstamme i uge 47', expect: 'myCaseload', period: ['2026-11-16', '2026-11-22'] },
  { text: 'my caseload last month', expect: 'myCaseload', period: ['2026-10-01', '2026-10-31'] },

  // citizen timeline
  { text: 'hvad skete der med C-1042?', expect: 'citizenTimeline', ref: 'C-1042' },
  { text: 'C-1042', expect: 'citizenTimeline', ref: 'C-1042' },
  { text: 'c-1042', expect: 'citizenTimeline', ref: 'C-1042' },
  { text: 'c1042?', expect: 'citizenTimeline', ref: 'C1042' },
  { text: 'historik for C-1042', expect: 'citizenTimeline', ref: 'C-1042' },
  { text: 'tidslinje C-77', expect: 'citizenTimeline', ref: 'C-77' },
  { text: 'hvad er der sket med C-1042 i denne måned', expect: 'citizenTimeline', ref: 'C-1042', period: ['2026-11-01', '2026-11-30'] },
  { text: 'what happened to C-1042?', expect: 'citizenTimeline', ref: 'C-1042' },
  { text: 'timeline for c-1042', expect: 'citizenTimeline', ref: 'C-1042' },
  { text: 'hvornår blev C-1042 oprettet?', expect: 'citizenTimeline', ref: 'C-1042' },
  { text: 'C-1042 uge 48', expect: 'citizenTimeline', ref: 'C-1042', period: ['2026-11-23', '2026-11-29'] },

  // team overview (managers)
  { text: 'hvordan går det i teamet?', expect: 'teamOverview', team: true },
  { text: 'hvordan gaar det i teamet', expect: 'teamOverview', team: true },
  { text: 'hvordan går det i temaet', expect: 'teamOverview', team: true },
  { text: 'teamets sagsstamme', expect: 'teamOverview', team: true },
  { text: 'status på teamet', expect: 'teamOverview', team: true },
  { text: 'overblik over teamet', expect: 'teamOverview', team: true },
  { text: 'hvor mange borgere har vi?', expect: 'teamOverview', team: true },
  { text: 'hvordan går det for os i denne måned', expect: 'teamOverview', team: true, period: ['2026-11-01', '2026-11-30'] },
  { text: 'team overview', expect: 'teamOverview', team: true },
  { text: "how is the team doing?", expect: 'teamOverview', team: true },
  { text: 'hvem har flest sager?', expect: 'teamOverview', team: true },

  // overdue ranking
  { text: 'hvem har flest overskredne?', expect: 'overdueRanking' },
  { text: 'hvem har flest overskredne opfølgninger', expect: 'overdueRanking' },
  { text: 'hvem har flest forsinkede?', expect: 'overdueRanking' },
  { text: 'overskredne pr. medarbejder', expect: 'overdueRanking' },
  { text: 'who has the most overdue?', expect: 'overdueRanking' },
  { text: 'overdue per person', expect: 'overdueRanking' },
  { text: 'hvem mangler flest opfølgninger i uge 48', expect: 'overdueRanking', period: ['2026-11-23', '2026-11-29'] },

  // targets
  { text: 'hvor langt er vi med målene?', expect: 'targetProgress' },
  { text: 'hvor langt er vi med maalene', expect: 'targetProgress' },
  { text: 'hvor langt er vi med malene', expect: 'targetProgress' },
  { text: 'måltal', expect: 'targetProgress' },
  { text: 'når vi målet?', expect: 'targetProgress' },
  { text: 'hvordan går det med målene sidste måned', expect: 'targetProgress', period: ['2026-10-01', '2026-10-31'] },
  { text: 'how are we doing on our targets?', expect: 'targetProgress' },
  { text: 'target progress', expect: 'targetProgress' },
  { text: 'are we on track with the goals this month?', expect: 'targetProgress', period: ['2026-11-01', '2026-11-30'] },

  // a colleague's caseload
  { text: 'Annes sager', expect: 'staffCaseload', staff: 'anne' },
  { text: 'annes sagsstamme', expect: 'staffCaseload', staff: 'anne' },
  { text: 'Bos borgere', expect: 'staffCaseload', staff: 'bo' },
  { text: "Anne's caseload", expect: 'staffCaseload', staff: 'anne' },
  { text: 'Anne’s cases', expect: 'staffCaseload', staff: 'anne' },
  { text: 'sager for anne', expect: 'staffCaseload', staff: 'anne' },
  { text: 'caseload for @bo', expect: 'staffCaseload', staff: 'bo' },
  { text: '@camilla', expect: 'staffCaseload', staff: 'camilla' },
  { text: 'hvordan går det med anne?', expect: 'staffCaseload', staff: 'anne' },
  { text: 'Sørens sager', expect: 'staffCaseload', staff: 'soren' },

  // outcomes
  { text: 'hvor mange er kommet i job i denne måned?', expect: 'outcomes', period: ['2026-11-01', '2026-11-30'] },
  { text: 'resultater sidste måned', expect: 'outcomes', period: ['2026-10-01', '2026-10-31'] },
  { text: 'hvor mange kugler har vi i år?', expect: 'outcomes', team: true, period: ['2026-01-01', '2026-12-31'] },
  { text: 'how many got a job last month?', expect: 'outcomes', period: ['2026-10-01', '2026-10-31'] },
  { text: 'mine resultater', expect: 'outcomes' },

  // help
  { text: 'hvad kan du?', expect: 'help' },
  { text: 'what can you do?', expect: 'help' },

  // writes are never guessed
  { text: 'log møde med C-1042 i dag', expect: 'write' },
  { text: 'opret C-2000', expect: 'write' },
  { text: 'kan du oprette C-2000?', expect: 'write' },
  { text: 'registrer job for C-1042', expect: 'write' },
  { text: 'start praktik for C-1042 hos Netto', expect: 'write' },
  { text: 'please add C-1042 to my caseload', expect: 'write' },
  { text: 'can you log a meeting with C-1042', expect: 'write' },
  { text: 'afslut C-1042', expect: 'write' },
  { text: 'sæt målet til 12', expect: 'write' },

  // not understood
  { text: 'hej med dig', expect: 'unknown' },
  { text: 'hvad er klokken?', expect: 'unknown' },
  { text: 'bananer og æbler', expect: 'unknown' },
  { text: 'what is the weather like', expect: 'unknown' },
];

describe('understandQuestion: the phrasing table', () => {
  it('has at least 100 phrasings', () => {
    expect(rows.length).toBeGreaterThanOrEqual(100);
  });

  it.each(rows)('"$text" → $expect', (row) => {
    const u = understandQuestion(row.text, TODAY);
    const got: Expected = u.kind === 'question' ? u.question.intent : u.kind;
    expect(got).toBe(row.expect);
    if (u.kind !== 'question') return;
    const q: Question = u.question;
    expect(q.ref).toBe(row.ref);
    expect(q.staff).toBe(row.staff);
    if (row.team !== undefined) expect(q.team).toBe(row.team);
    expect(q.period ? [q.period.from, q.period.to] : undefined).toEqual(row.period);
  });

  it('is deterministic', () => {
    for (const row of rows) expect(understandQuestion(row.text, TODAY)).toEqual(understandQuestion(row.text, TODAY));
  });
});

describe('not understood', () => {
  it('ranks the nearest questions first', () => {
    const u = understandQuestion('noget med mål og sånt', TODAY);
    // "mål" alone is a target question; a sentence without a known word falls back to the common ones.
    expect(u.kind).toBe('question');
    const v = understandQuestion('hvad er klokken', TODAY);
    expect(v.kind === 'unknown' && v.suggestions.slice(0, 3)).toEqual(['overdue', 'myCaseload', 'inPlacement']);
  });

  it('suggests the write commands for a write', () => {
    const u = understandQuestion('start praktik for C-1042 hos Netto', TODAY);
    expect(u).toEqual({ kind: 'write', topics: ['placement', 'citizen'] });
  });
});

describe('periods', () => {
  const period = (text: string, today = TODAY) => findPeriod(tokenizeQuestion(text).map((t) => t.word), today)?.period;
  it.each([
    ['uge 48', '2026-11-23', '2026-11-29'],
    ['uge48', '2026-11-23', '2026-11-29'],
    ['week 1', '2027-01-04', '2027-01-10'],
    ['uge 53 2026', '2026-12-28', '2027-01-03'],
    ['uge 52 i 2025', '2025-12-22', '2025-12-28'],
    ['sidste uge', '2026-11-16', '2026-11-22'],
    ['last week', '2026-11-16', '2026-11-22'],
    ['næste måned', '2026-12-01', '2026-12-31'],
    ['forrige måned', '2026-10-01', '2026-10-31'],
    ['i går', '2026-11-22', '2026-11-22'],
    ['yesterday', '2026-11-22', '2026-11-22'],
    ['i år', '2026-01-01', '2026-12-31'],
    ['last year', '2025-01-01', '2025-12-31'],
    ['oktober', '2026-10-01', '2026-10-31'],
    ['december 2025', '2025-12-01', '2025-12-31'],
    ['i 2025', '2025-01-01', '2025-12-31'],
    ['månedens', '2026-11-01', '2026-11-30'],
  ])('%s → %s..%s', (text, from, to) => {
    expect(period(text)).toMatchObject({ from, to });
  });

  it('takes the nearest week or month when no year is given', () => {
    expect(period('uge 50', '2027-01-10')).toMatchObject({ from: '2026-12-07' });
    expect(period('december', '2027-01-10')).toMatchObject({ from: '2026-12-01' });
    expect(period('januar', '2026-12-20')).toMatchObject({ from: '2027-01-01' });
  });

  it('reads month names as the commands do (month-words.ts), at 2026-12-15', () => {
    const dec15 = '2026-12-15';
    expect(period('i januar', dec15)).toMatchObject({ from: '2027-01-01', to: '2027-01-31' });
    expect(period('i jan', dec15)).toMatchObject({ from: '2027-01-01' });
    expect(period('mar', dec15)).toMatchObject({ from: '2027-03-01' });
    expect(period('jul', dec15)).toMatchObject({ from: '2026-07-01' });
    expect(period('jun 2027', dec15)).toMatchObject({ from: '2027-06-01' });
    expect(period('december', dec15)).toMatchObject({ from: '2026-12-01' });
  });

  it('does not take "Jan" the colleague for January', () => {
    expect(period('overskredne for jan', '2026-12-15')).toBeUndefined();
    expect(understandQuestion('overskredne for jan', '2026-12-15')).toMatchObject({ kind: 'question', question: { intent: 'overdue', staff: 'jan' } });
  });

  it('has no period in an ordinary question', () => {
    expect(period('hvem mangler opfølgning')).toBeUndefined();
    expect(period('hvad er næste opfølgning')).toBeUndefined();
  });
});

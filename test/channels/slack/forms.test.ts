// The platform-neutral forms (src/handlers/forms.ts) that Slack modals and
// Teams cards share: which command opens which form, per-field validation,
// and submissions turned into command text the router understands.
import { describe, expect, it } from 'vitest';
import { da } from '../../../src/domain/i18n/da.js';
import { en } from '../../../src/domain/i18n/en.js';
import { FOLLOW_UP_OUTCOMES, MEETING_KINDS, OUTCOME_KINDS, PLACEMENT_END_REASONS, PLACEMENT_TYPES, TARGET_GROUPS, TARGET_METRICS } from '../../../src/domain/enums.js';
import {
  FOLLOW_UP_OUTCOME_WORDS,
  lookup,
  MEETING_KIND_WORDS,
  OUTCOME_KIND_WORDS,
  PLACEMENT_END_REASON_WORDS,
  PLACEMENT_TYPE_WORDS,
  TARGET_GROUP_WORDS,
  TARGET_METRIC_WORDS,
} from '../../../src/domain/vocabulary.js';
import { buildForm, commandWordFor, fieldForError, formForAction, formForCommandText, formToCommandText, quoteToken, validateForm } from '../../../src/handlers/forms.js';
import { tokenize } from '../../../src/domain/command-tokens.js';

const today = '2026-11-23';
const citizens = [{ ref: 'C-1042', initials: 'AB' }];

describe('which form', () => {
  it.each([
    ['meeting', 'meeting'],
    ['samtale', 'meeting'],
    ['/praktik', 'placement'],
    ['placement followup', 'followup'],
    ['praktik opfølgning', 'followup'],
    ['praktik afslut', 'placement-end'],
    ['resultat', 'outcome'],
    ['borger', 'citizen'],
    ['citizen add', 'citizen'],
    ['target', 'target'],
  ])('%s opens %s', (text, form) => expect(formForCommandText(text)).toBe(form));

  it.each(['caseload', 'sager', 'targets', 'jobbot', 'samtale C-1042', 'borger C-1042', 'nonsense'])('%s runs without a form', (text) => {
    expect(formForCommandText(text)).toBeUndefined();
  });

  it('maps button action ids to forms', () => {
    expect(formForAction('meeting.log')).toBe('meeting');
    expect(formForAction('followup.log')).toBe('followup');
    expect(formForAction('reminder.snooze')).toBeUndefined();
    expect(formForAction('toString')).toBeUndefined();
  });
});

describe('command words', () => {
  it.each([
    [MEETING_KIND_WORDS, MEETING_KINDS],
    [PLACEMENT_TYPE_WORDS, PLACEMENT_TYPES],
    [FOLLOW_UP_OUTCOME_WORDS, FOLLOW_UP_OUTCOMES],
    [PLACEMENT_END_REASON_WORDS, PLACEMENT_END_REASONS],
    [OUTCOME_KIND_WORDS, OUTCOME_KINDS],
    [TARGET_GROUP_WORDS, TARGET_GROUPS],
    [TARGET_METRIC_WORDS, TARGET_METRICS],
  ] as const)('every select option reads back as itself', (vocabulary, values) => {
    for (const value of values) expect(lookup(vocabulary as never, commandWordFor(vocabulary as never, value as never))).toBe(value);
  });

  it('quotes text into one token the tokenizer gives back unchanged', () => {
    for (const text of ['Netto Nord', 'Fakta "Syd"', `Bo's "Bar" «x»`, 'enkelt']) {
      expect(tokenize(quoteToken(text))).toEqual([text]);
    }
  });
});

describe('formToCommandText', () => {
  it('meeting', () => {
    const form = buildForm('meeting', { t: da, today, citizens });
    expect(formToCommandText(form, { citizen: 'c-1042', kind: 'THREE_PARTY', date: '2026-11-20', duration: '45', next: '2026-12-01', note: 'aftalt praktik' })).toBe(
      'meeting C-1042 three-party 2026-11-20 45m next:2026-12-01 "aftalt praktik"',
    );
    expect(formToCommandText(form, { citizen: 'C-1042', kind: 'INDIVIDUAL', date: today })).toBe('meeting C-1042 individual 2026-11-23');
  });

  it('placement, follow-up, end, outcome, citizen and target', () => {
    const text = (id: Parameters<typeof buildForm>[0], values: Record<string, string>) => formToCommandText(buildForm(id, { t: da, today, citizens }), values);
    expect(text('placement', { citizen: 'C-1042', company: 'Netto Nord', type: 'INTERNSHIP', from: today, hours: '7,5' })).toBe(
      'placement start C-1042 "Netto Nord" type:internship from:2026-11-23 hours:7.5',
    );
    expect(text('followup', { citizen: 'C-1042', outcome: 'ORDINARY_HOURS_AGREED', date: today, hours: '8', note: '8 timer aftalt' })).toBe(
      'placement followup C-1042 hours-agreed date:2026-11-23 hours:8 "8 timer aftalt"',
    );
    expect(text('placement-end', { citizen: 'C-1042', reason: 'COMPANY_WONT_PAY', date: today })).toBe('placement end C-1042 wont-pay date:2026-11-23');
    expect(text('outcome', { citizen: 'C-1042', kind: 'ORDINARY_JOB', hours: '37', employer: 'Netto Nord' })).toBe('outcome C-1042 job hours:37 employer:"Netto Nord"');
    expect(text('citizen', { ref: 'c-2001', initials: 'ef', group: 'AKTIVITETSPARAT', cadence: '14' })).toBe('citizen add C-2001 initials:EF group:activity-ready cadence:14');
    expect(text('target', { metric: 'JOB_OUTCOMES', target: '5', month: '2026-12' })).toBe('target job 5 2026-12');
  });
});

describe('validateForm', () => {
  const form = buildForm('meeting', { t: da, today, citizens });

  it('accepts a complete submission', () => {
    expect(validateForm(form, { citizen: 'C-1042', kind: 'PHONE', date: today }, da, today)).toBeNull();
  });

  it('puts each error on its own field', () => {
    const errors = validateForm(form, { kind: 'PHONE', date: '2026-11-24', duration: '0', next: '2026-11-24', note: 'x'.repeat(201) }, da, today);
    expect(errors).toEqual({
      citizen: da.forms.errors.required,
      date: da.forms.errors.futureDate,
      duration: da.forms.errors.wholeNumber(1, 600),
      next: da.forms.errors.notAfter(da.forms.date),
      note: da.forms.errors.tooLong(200),
    });
  });

  it('refuses a CPR number in any field, in the reader’s language', () => {
    const errors = validateForm(form, { citizen: 'C-1042', kind: 'PHONE', date: today, note: 'cpr 010190-1234' }, en, today);
    expect(errors).toEqual({ note: en.forms.errors.cpr });
  });

  it('accepts notes that start with a number or a "word:" (values are never re-read as command text)', () => {
    expect(validateForm(form, { citizen: 'C-1042', kind: 'PHONE', date: today, note: '5 min snak' }, da, today)).toBeNull();
    expect(validateForm(form, { citizen: 'C-1042', kind: 'PHONE', date: today, note: 'kl:10 aftalt' }, da, today)).toBeNull();
  });

  it('checks the shape of references, initials and select values', () => {
    const citizen = buildForm('citizen', { t: da, today, citizens: [] });
    expect(validateForm(citizen, { ref: 'Anne Hansen', initials: 'A1', group: 'NOPE' }, da, today)).toEqual({
      ref: da.forms.errors.ref,
      initials: da.forms.errors.initials,
      group: da.forms.errors.choose,
    });
  });
});

describe('fieldForError', () => {
  const meeting = buildForm('meeting', { t: da, today, citizens });
  const placement = buildForm('placement', { t: da, today, citizens });

  it('puts a rule error on the field whose value it names, else on the first field', () => {
    expect(fieldForError(meeting, { citizen: 'C-2001', kind: 'PHONE', date: today }, da.errors.citizenNotYours('C-2001'))).toBe('citizen');
    expect(fieldForError(placement, { citizen: 'C-1042', company: 'Netto Nord', type: 'INTERNSHIP' }, 'Der er allerede et aktivt forløb hos netto nord.')).toBe('company');
    expect(fieldForError(meeting, { citizen: 'C-1042', duration: '45' }, 'Noget gik galt.')).toBe('citizen');
    expect(fieldForError(buildForm('citizen', { t: da, today, citizens: [] }), { ref: 'C-1042' }, 'Borgeren findes allerede.')).toBe('ref');
    expect(fieldForError(buildForm('target', { t: da, today, citizens: [] }), { target: '12' }, 'Kun ledere kan sætte måltal.')).toBe('metric');
  });
});

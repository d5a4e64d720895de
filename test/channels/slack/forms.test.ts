// The platform-neutral forms (src/handlers/forms.ts) that Slack modals and
// Teams cards share: which command opens which form, per-field validation,
// and where a rule error belongs (form-submission.test.ts runs submissions).
import { describe, expect, it } from 'vitest';
import { da } from '../../../src/domain/i18n/da.js';
import { en } from '../../../src/domain/i18n/en.js';
import { buildForm, fieldForError, formForAction, formForCommandText, validateForm } from '../../../src/handlers/forms.js';

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
    expect(fieldForError(buildForm('target', { t: da, today, citizens: [] }), { 'team:MEETINGS': '12' }, 'Kun ledere kan sætte måltal.')).toBe('month');
  });
});

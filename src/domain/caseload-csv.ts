/**
 * The caseload CSV format (issue 6), pure: header names → columns, one record
 * → a checked row or the reason it is rejected. Parsing the CSV text itself is
 * done by csv-parse (src/handlers/csv-files.ts); this file only sees cells.
 *
 * Columns (Danish or English header names, any order, case-insensitive):
 *   reference (required), initialer, målgruppe, sagsbehandler (required: e-mail
 *   or handle), virksomhedskonsulent, kadence_dage, and optionally one active
 *   placement: forløb_virksomhed, forløb_type, forløb_start, forløb_slut.
 * Other columns are listed as not read (so an export can be imported again).
 * Reasons never echo a cell except the case reference and a staff handle or
 * e-mail: a misplaced name or note in a cell must not be repeated or stored.
 */
import { containsCprNumber } from './cpr.js';
import { defaultPlannedEnd } from './rules/rules.js';
import type { PlacementType, TargetGroup } from './enums.js';
import { compareLocalDate, makeLocalDate, type LocalDate } from './local-date.js';
import { parsePlacementType, parseTargetGroup } from './vocabulary.js';

export const IMPORT_COLUMNS = [
  'ref',
  'initials',
  'targetGroup',
  'caseworker',
  'consultant',
  'cadence',
  'placementCompany',
  'placementType',
  'placementStart',
  'placementEnd',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ['ref', 'caseworker'];

const HEADER_WORDS: Record<ImportColumn, readonly string[]> = {
  ref: ['reference', 'ref', 'sagsreference', 'sagsref', 'sagsnr', 'sagsnummer', 'case_reference', 'case_ref', 'citizen_ref', 'citizen_reference'],
  initials: ['initialer', 'initials'],
  targetGroup: ['målgruppe', 'target_group', 'targetgroup', 'group', 'gruppe'],
  caseworker: ['sagsbehandler', 'caseworker', 'rådgiver'],
  consultant: ['virksomhedskonsulent', 'konsulent', 'consultant', 'vk', 'jobformidler'],
  cadence: ['kadence_dage', 'kadence', 'cadence_days', 'cadence'],
  placementCompany: ['forløb_virksomhed', 'praktik_virksomhed', 'virksomhed', 'placement_company', 'company'],
  placementType: ['forløb_type', 'praktik_type', 'forløbstype', 'placement_type', 'type'],
  placementStart: ['forløb_start', 'praktik_start', 'startdato', 'placement_start', 'start'],
  placementEnd: ['forløb_slut', 'praktik_slut', 'slutdato', 'placement_end', 'slut', 'end'],
};

function headerKey(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[\s.-]+/g, '_');
}

export interface HeaderMap {
  /** Column → index in the record. */
  index: Partial<Record<ImportColumn, number>>;
  missing: ImportColumn[];
  ignored: string[];
}

export function mapHeader(header: readonly string[]): HeaderMap {
  const index: Partial<Record<ImportColumn, number>> = {};
  const ignored: string[] = [];
  header.forEach((cell, i) => {
    const key = headerKey(cell);
    const column = IMPORT_COLUMNS.find((c) => HEADER_WORDS[c].some((w) => headerKey(w) === key));
    if (column && index[column] === undefined) index[column] = i;
    else if (cell.trim()) ignored.push(cell.trim().slice(0, 40));
  });
  return { index, missing: REQUIRED_COLUMNS.filter((c) => index[c] === undefined), ignored };
}

/** Lines (1-based) of the raw file text that hold something shaped like a CPR number. */
export function cprLines(text: string): number[] {
  return text.split(/\r\n|\n|\r/).flatMap((line, i) => (containsCprNumber(line) ? [i + 1] : []));
}

export interface ImportPlacement {
  company: string;
  type: PlacementType;
  start: LocalDate;
  /** Planned end; absent means "keep" for an existing placement, the default length for a new one. */
  end?: LocalDate;
}

export interface ImportRow {
  line: number;
  ref: string;
  initials?: string;
  targetGroup?: TargetGroup;
  /** Lowercased handle (without @) or e-mail. */
  caseworker: string;
  consultant?: string;
  cadence?: number;
  placement?: ImportPlacement;
}

export type RejectReason =
  | { code: 'refMissing' | 'refInvalid' | 'initialsInvalid' | 'groupUnknown' | 'caseworkerMissing' | 'cadenceInvalid' }
  | { code: 'placementIncomplete' | 'placementTypeUnknown' | 'endBeforeStart' | 'companyTooLong' | 'closed' | 'placementEnded' }
  | { code: 'placementRunning'; company: string }
  | { code: 'duplicate'; firstLine: number }
  | { code: 'dateInvalid'; column: 'placementStart' | 'placementEnd' }
  | { code: 'staffUnknown'; column: 'caseworker' | 'consultant'; value: string | null }
  | { code: 'staffWrongRole'; column: 'caseworker' | 'consultant'; value: string };

export type CheckedRow = { ok: true; row: ImportRow } | { ok: false; line: number; ref: string | null; reason: RejectReason };

const REF_RE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;
const STAFF_RE = /^@?[a-z0-9._%+-]+(@[a-z0-9.-]+\.[a-z]{2,})?$/i;
export const CADENCE_LIMITS = { min: 1, max: 180 } as const;
const MAX_COMPANY_LENGTH = 100;
/** Default length of a new placement from the file when no end date is given. */

/** A staff cell as a lookup key, and whether it is safe to repeat in a message. */
export function staffKey(cell: string): { key: string; echo: string | null } {
  const key = cell.trim().toLowerCase().replace(/^@/, '');
  return { key, echo: STAFF_RE.test(cell.trim()) ? key : null };
}

/** dd-mm-yyyy (Danish Excel), dd.mm.yyyy, dd/mm/yyyy, d-m-yy or yyyy-mm-dd. */
export function parseCsvDate(cell: string): LocalDate | undefined {
  const text = cell.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (m) return makeLocalDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})([-./])(\d{1,2})\2(\d{4}|\d{2})$/.exec(text);
  if (!m) return undefined;
  const year = (m[4] ?? '').length === 2 ? 2000 + Number(m[4]) : Number(m[4]);
  return makeLocalDate(year, Number(m[3]), Number(m[1]));
}

export function checkRecord(record: readonly string[], line: number, header: HeaderMap): CheckedRow {
  const cell = (c: ImportColumn) => {
    const i = header.index[c];
    return i === undefined ? '' : (record[i] ?? '').trim();
  };
  const rawRef = cell('ref');
  const reject = (reason: RejectReason, ref: string | null = REF_RE.test(rawRef) && /\d/.test(rawRef) ? rawRef.toUpperCase() : null): CheckedRow => ({ ok: false, line, ref, reason });
  if (!rawRef) return reject({ code: 'refMissing' }, null);
  if (!REF_RE.test(rawRef) || !/\d/.test(rawRef)) return reject({ code: 'refInvalid' }, null);
  const row: ImportRow = { line, ref: rawRef.toUpperCase(), caseworker: '' };

  const initials = cell('initials');
  if (initials) {
    if (!/^[A-Za-zÆØÅæøå]{1,4}$/.test(initials)) return reject({ code: 'initialsInvalid' });
    row.initials = initials.toUpperCase();
  }
  const group = cell('targetGroup');
  if (group) {
    const parsed = parseTargetGroup(group);
    if (!parsed) return reject({ code: 'groupUnknown' });
    row.targetGroup = parsed;
  }
  const caseworker = cell('caseworker');
  if (!caseworker) return reject({ code: 'caseworkerMissing' });
  row.caseworker = staffKey(caseworker).key;
  const consultant = cell('consultant');
  if (consultant) row.consultant = staffKey(consultant).key;
  const cadence = cell('cadence');
  if (cadence) {
    const value = Number(cadence);
    if (!/^\d+$/.test(cadence) || value < CADENCE_LIMITS.min || value > CADENCE_LIMITS.max) return reject({ code: 'cadenceInvalid' });
    row.cadence = value;
  }

  const company = cell('placementCompany');
  const type = cell('placementType');
  const start = cell('placementStart');
  const end = cell('placementEnd');
  if (company || type || start || end) {
    if (!company || !start) return reject({ code: 'placementIncomplete' });
    if (company.length > MAX_COMPANY_LENGTH) return reject({ code: 'companyTooLong' });
    const placementType = type ? parsePlacementType(type) : 'INTERNSHIP';
    if (!placementType) return reject({ code: 'placementTypeUnknown' });
    const startOn = parseCsvDate(start);
    if (!startOn) return reject({ code: 'dateInvalid', column: 'placementStart' });
    const placement: ImportPlacement = { company, type: placementType, start: startOn };
    if (end) {
      const endOn = parseCsvDate(end);
      if (!endOn) return reject({ code: 'dateInvalid', column: 'placementEnd' });
      if (compareLocalDate(endOn, startOn) < 0) return reject({ code: 'endBeforeStart' });
      placement.end = endOn;
    }
    row.placement = placement;
  }
  return { ok: true, row };
}

/** The planned end of a placement the file creates, unless the file says: the same defaults as /placement start (the rules table, for the citizen's group). */
export function newPlacementEnd(p: ImportPlacement, group: TargetGroup): LocalDate {
  return p.end ?? defaultPlannedEnd(p.type, group, p.start);
}

/** dd-mm-yyyy, the date Danish Excel reads without asking. */
export function csvDate(d: LocalDate): string {
  return `${d.slice(8, 10)}-${d.slice(5, 7)}-${d.slice(0, 4)}`;
}

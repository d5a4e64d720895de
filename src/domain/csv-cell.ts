// CSV injection (OWASP): a spreadsheet runs a cell that begins with = + - @
// (or a tab / carriage return before one) as a formula. Every text cell we
// write that begins with one of them gets a leading single quote, which Excel
// and LibreOffice show as text. Numbers we compute (counts, days overdue) are
// written as numbers and left alone; any text, even "-2" typed by a user, is
// neutralised: erring on the safe side.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCsvCell(cell: string | number): string {
  if (typeof cell === 'number') return String(cell);
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Reading our own export back (import): the quote we added is dropped again, so a round trip changes nothing. */
export function unneutraliseCsvCell(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

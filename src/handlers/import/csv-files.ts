// CSV in and out through csv-parse / csv-stringify (the CSV project's own,
// well-kept parser and writer: quoting, embedded separators and newlines,
// BOMs). Out: what Danish Excel opens without a wizard: semicolons, UTF-8
// with a byte-order mark, CRLF line ends.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { neutraliseCsvCell, unneutraliseCsvCell } from '../../domain/csv-cell.js';

export interface CsvRecord {
  cells: string[];
  /** Line in the file where the record starts (1-based; the header is line 1). */
  line: number;
}

/** The separator of a file: whichever of ; , or tab the header line uses most (Excel in Denmark writes ;). */
function detectDelimiter(text: string): string {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
  const counts = [';', ',', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  return counts.sort((a, b) => b.n - a.n)[0]?.n ? (counts[0]?.d ?? ';') : ';';
}

/** Records with their line numbers, or undefined when the text is not CSV at all. */
export function readCsv(text: string): CsvRecord[] | undefined {
  try {
    const rows = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: false,
      info: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number; records: number } }>;
    // info.lines is the line where the record ended; records spanning lines are rare, and start there or earlier.
    return rows
      .map((r) => ({ cells: r.record.map(unneutraliseCsvCell), line: r.info.lines }))
      .filter((r) => r.cells.some((c) => c.trim() !== ''));
  } catch {
    return undefined;
  }
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** The one CSV writer: every export goes through it, so every cell is neutralised (csv-cell.ts). */
export function writeCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return `\uFEFF${stringify(rows.map((r) => r.map(neutraliseCsvCell)), { delimiter: ';', record_delimiter: '\r\n' })}`;
}

/** A file name safe on every platform: "sagsstamme-vest-2026-11-23.csv". */
export function exportFileName(kind: string, teamName: string, date: string): string {
  const slug = teamName
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${kind}-${slug || 'team'}-${date}.csv`;
}

// Rows of a large CSV whose first column starts with a code prefix, found by byte search so that a
// 38 MB file with 620,000 lines is neither decoded nor split whole: only the matching lines are.
import { parse } from 'csv-parse/sync';
import { ImportError } from './import-error.ts';

export interface CsvRow {
  row: Record<string, string>;
  /** 1-based line number in the file, for messages. */
  line: number;
}

const NL = 0x0a;

export function csvRowsWithPrefix(bytes: Buffer, prefix: string, location: string): CsvRow[] {
  const headerEnd = bytes.indexOf(NL);
  const header = bytes.subarray(0, headerEnd < 0 ? bytes.length : headerEnd).toString('utf8').replace(/\r$/, '');
  const needle = Buffer.from(`\n${prefix}`);
  const picked: string[] = [header];
  const lines: number[] = [];
  let line = 1;
  let counted = 0;
  for (let at = bytes.indexOf(needle, 0); at >= 0; ) {
    // Count the newlines skipped since the last match: the line number of this one.
    for (let nl = bytes.indexOf(NL, counted); nl >= 0 && nl <= at; nl = bytes.indexOf(NL, nl + 1)) {
      line++;
      counted = nl + 1;
    }
    const end = bytes.indexOf(NL, at + 1);
    picked.push(bytes.subarray(at + 1, end < 0 ? bytes.length : end).toString('utf8').replace(/\r$/, ''));
    lines.push(line);
    at = end < 0 ? -1 : bytes.indexOf(needle, end);
  }
  try {
    const rows = parse(picked.join('\n'), { columns: true, skip_empty_lines: true, relax_column_count: true }) as Record<string, string>[];
    return rows.map((row, i) => ({ row, line: lines[i]! }));
  } catch (err) {
    throw new ImportError(`${location}: ${(err as Error).message}`);
  }
}

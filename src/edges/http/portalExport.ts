/**
 * The portal's exports for FTOP: a CSV file and an Excel workbook of a view's rows, the customer,
 * tenant and workload first, then the playbook's FTOP columns in its order and with its names.
 * Both are written as the rows arrive, so an export of thousands of rows is never held whole.
 *
 * A spreadsheet runs a CSV cell that starts with = + - @ (or a tab or carriage return) as a
 * formula: such cells get a leading apostrophe, which spreadsheets show as text. The workbook's
 * cells are typed as text, so nothing in them runs and they keep exactly what was saved.
 * csv-stringify and exceljs write the formats (both maintained and widely used).
 */
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { FTOP_FIELD_LABELS } from '../../playbook/ftopFields';
import { L3_NOT_YET_DEFINED } from '../../playbook/l3Reasons';
import { EXPORT_LEAD_COLUMNS, type PortalRow } from '../../application/portal/portalContract';

export const EXPORT_COLUMNS: readonly string[] = [
  ...EXPORT_LEAD_COLUMNS,
  ...FTOP_FIELD_LABELS.map(([, label]) => label),
];

export type ExportFormat = 'csv' | 'xlsx';

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The cells of one row, in the columns' order; a row without FTOP values leaves them empty. */
export function exportCells(row: PortalRow): string[] {
  return [
    row.customerName,
    row.tenantId,
    row.workloadName,
    // What FTOP is to hold: the cards' "leave it empty" for L3 is an empty cell here.
    ...FTOP_FIELD_LABELS.map(([field]) => {
      const value = row.fields?.[field] ?? '';
      return value === L3_NOT_YET_DEFINED ? '' : value;
    }),
  ];
}

/** A CSV cell a spreadsheet would run as a formula, made text. */
export function neutralised(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** Writes the rows to `out` in the format; rejects (leaving `out` unfinished) if reading fails. */
export async function writeExport(
  format: ExportFormat,
  rows: AsyncIterable<PortalRow>,
  out: Writable,
): Promise<number> {
  return format === 'csv' ? writeCsv(rows, out) : writeWorkbook(rows, out);
}

async function writeCsv(rows: AsyncIterable<PortalRow>, out: Writable): Promise<number> {
  // The byte-order mark lets Excel open the file as UTF-8.
  out.write('\ufeff');
  const csv = stringify({ header: true, columns: [...EXPORT_COLUMNS], record_delimiter: '\r\n' });
  csv.pipe(out);
  let count = 0;
  try {
    for await (const row of rows) {
      if (!csv.write(exportCells(row).map(neutralised))) await drained(csv);
      count += 1;
    }
  } catch (error) {
    csv.unpipe(out);
    throw error;
  }
  await new Promise<void>((resolve) => {
    csv.once('end', resolve);
    csv.end();
  });
  return count;
}

async function writeWorkbook(rows: AsyncIterable<PortalRow>, out: Writable): Promise<number> {
  // Loaded on the first workbook only: it is large, and most instances never write one.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet('No Intent', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((header) => ({
    header,
    width: Math.max(14, header.length + 2),
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let count = 0;
  for await (const row of rows) {
    // Strings stay strings: exceljs writes a cell as a formula only when given one as an object.
    sheet.addRow(exportCells(row)).commit();
    count += 1;
  }
  sheet.commit();
  await workbook.commit();
  return count;
}

function drained(stream: NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve) => stream.once('drain', resolve));
}

import type { RecordStatus } from '../../../application/declarationRecord';

const LABELS: Record<RecordStatus, string> = {
  'awaiting-confirmation': 'Awaiting confirmation',
  confirmed: 'Confirmed',
  rejected: 'Rejected',
  recorded: 'Recorded (intent declared)',
};

export function recordStatusLabel(status: RecordStatus): string {
  return LABELS[status];
}

/** Dates in cards: to the minute, in UTC, the same for every reader. */
export function cardDateTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

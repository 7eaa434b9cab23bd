import { FTOP_FIELD_LABELS, type FtopFields } from '../../../playbook/ftopFields';
import type { LabelledValue } from './cardTemplate';

export interface WorkloadFields {
  readonly workloadName: string;
  readonly fields: FtopFields;
}

/**
 * One row per FTOP field, named as the playbook's columns. Where workloads differ (scenario 5
 * keeps each workload's own L2, L3 and note), the field gets one row per workload, so shared
 * values are never repeated.
 */
export function ftopFieldRows(perWorkload: readonly WorkloadFields[]): LabelledValue[] {
  if (perWorkload.length === 0) return [];
  return FTOP_FIELD_LABELS.flatMap(([key, label]) => {
    const values = perWorkload.map(({ fields }) => shown(fields[key]));
    if (values.every((value) => value === values[0])) return [{ label, value: values[0] ?? '' }];
    return perWorkload.map(({ workloadName }, index) => ({
      label: `${label} (${workloadName})`,
      value: values[index] ?? '',
    }));
  });
}

function shown(value: string): string {
  return value === '' ? '(leave empty)' : value;
}

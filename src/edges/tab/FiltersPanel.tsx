/** The filters of a view: every one a labelled native select or date, so keyboards and phones cope. */
import { Button, Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import type { LifecycleState } from '../../playbook/entitlement';
import type { FtopFields } from '../../playbook/ftopFields';
import { L2_REASONS } from '../../playbook/noIntentReasons';
import { SCENARIOS } from '../../playbook/scenarios';
import type { PortalPerson, PortalQuery } from '../../application/portal/portalContract';
import { LIFECYCLE_LABELS, STAGE_LABELS } from './words';

/** Each filter as its select holds it; '' is "any". */
export interface Filters {
  readonly l1: string;
  readonly l2: string;
  readonly lifecycle: string;
  readonly scenario: string;
  readonly stage: string;
  readonly fm: string;
  readonly from: string;
  readonly to: string;
  readonly ftop: string;
}

export const NO_FILTERS: Filters = {
  l1: '',
  l2: '',
  lifecycle: '',
  scenario: '',
  stage: '',
  fm: '',
  from: '',
  to: '',
  ftop: '',
};

export function activeFilterCount(filters: Filters): number {
  return Object.values(filters).filter((value) => value !== '').length;
}

/** The filters as the query's fields; the selects only offer values the contract allows. */
export function filtersToQuery(filters: Filters): Partial<PortalQuery> {
  const or = <T,>(value: string) => (value === '' ? undefined : (value as T));
  return {
    l1: or<FtopFields['l1']>(filters.l1),
    l2: or<string>(filters.l2),
    lifecycle: or<LifecycleState>(filters.lifecycle),
    scenario: filters.scenario === '' ? undefined : Number(filters.scenario),
    stage: or<'assignment' | 'delivery'>(filters.stage),
    fm: or<string>(filters.fm),
    from: or<string>(filters.from),
    to: or<string>(filters.to),
    ftop: or<'entered' | 'not-entered'>(filters.ftop),
  };
}

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(12rem, 1fr))',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    alignItems: 'end',
  },
  // Long options (the scenarios) must not widen a select past its column.
  field: {
    minWidth: '0',
    gridTemplateColumns: 'minmax(0, 1fr)',
    '& select': { minWidth: '0', textOverflow: 'ellipsis' },
  },
});

export function FiltersPanel(props: {
  id: string;
  filters: Filters;
  onChange: (filters: Filters) => void;
  fms: readonly PortalPerson[];
}) {
  const styles = useStyles();
  const { filters } = props;
  const set = (name: keyof Filters) => (value: string) =>
    props.onChange({ ...filters, [name]: value });
  const selectFor = (name: keyof Filters, label: string, options: [string, string][]) => (
    <Field label={label} className={styles.field}>
      <Select value={filters[name]} onChange={(_event, data) => set(name)(data.value)}>
        <option value="">Any</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </Select>
    </Field>
  );
  return (
    <section id={props.id} aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`} style={{ fontSize: tokens.fontSizeBase400 }}>
        Filters
      </h2>
      <div className={styles.grid}>
        {selectFor('l1', 'L1 value', [
          ['In Progress', 'In Progress'],
          ['No Intent', 'No Intent'],
        ])}
        {selectFor(
          'l2',
          'L2 value',
          L2_REASONS.map((reason) => [reason.name, reason.name]),
        )}
        {selectFor(
          'lifecycle',
          'Where it stands',
          Object.entries(LIFECYCLE_LABELS).map(([value, text]) => [value, text]),
        )}
        {selectFor(
          'scenario',
          'Scenario',
          SCENARIOS.map((s) => [String(s.number), `${s.number}. ${s.title}`]),
        )}
        {selectFor(
          'stage',
          'Stage',
          Object.entries(STAGE_LABELS).map(([value, text]) => [value, text]),
        )}
        {selectFor(
          'fm',
          'FM',
          props.fms.map((fm) => [fm.aadObjectId, fm.name]),
        )}
        <Field label="Declared from" className={styles.field}>
          <Input
            type="date"
            value={filters.from}
            onChange={(_e, data) => set('from')(data.value)}
          />
        </Field>
        <Field label="Declared to" className={styles.field}>
          <Input type="date" value={filters.to} onChange={(_e, data) => set('to')(data.value)} />
        </Field>
        {selectFor('ftop', 'In FTOP', [
          ['entered', 'Entered in FTOP'],
          ['not-entered', 'Not entered in FTOP'],
        ])}
        <div>
          <Button
            icon={<DismissRegular />}
            disabled={activeFilterCount(filters) === 0}
            onClick={() => props.onChange(NO_FILTERS)}
          >
            Clear filters
          </Button>
        </div>
      </div>
    </section>
  );
}

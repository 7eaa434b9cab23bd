/** The rows of a page: a sortable table, or at phone width a list of cards. */
import {
  Badge,
  Link,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import type { PortalRow, PortalSort } from '../../application/portal/portalContract';
import { NOT_APPLICABLE } from '../../playbook/ftopFields';
import { dateText, dateTimeText } from './dates';
import { ftopStateText, lifecycleText } from './words';

export interface Sorting {
  readonly sort: PortalSort;
  readonly dir: 'asc' | 'desc';
}

const useStyles = makeStyles({
  scroller: { overflowX: 'auto' },
  table: { minWidth: '56rem' },
  openLink: {
    textAlign: 'start',
    justifySelf: 'start',
    fontWeight: tokens.fontWeightSemibold,
  },
  row: { cursor: 'pointer' },
  small: {
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    display: 'block',
  },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, marginTop: '2px' },
  badge: { whiteSpace: 'nowrap' },
  cards: {
    listStyle: 'none',
    padding: '0',
    margin: '0',
    display: 'grid',
    gap: tokens.spacingVerticalM,
  },
  card: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground2,
    display: 'grid',
    gap: tokens.spacingVerticalXS,
  },
});

/** Whether the reader may decide, and where the declaration stands, as badges. */
function StatusBadges(props: { row: PortalRow }) {
  const styles = useStyles();
  const { row } = props;
  return (
    <span className={styles.badges}>
      <Badge
        className={styles.badge}
        appearance="outline"
        color={row.lifecycle === 'awaiting-decision' ? 'warning' : 'informative'}
      >
        {lifecycleText(row)}
      </Badge>
      {row.canDecide && (
        <Badge className={styles.badge} appearance="filled" color="brand">
          Your decision
        </Badge>
      )}
    </span>
  );
}

function statusText(row: PortalRow): string {
  if (!row.fields) return 'No status held';
  const { l1, l2 } = row.fields;
  // Scenario 1 (In Progress) has no L2: the playbook's "N/A" says nothing here.
  return l2 && l2 !== NOT_APPLICABLE ? `${l1}: ${l2}` : l1;
}

/** The customer's name, which opens the details: the keyboard's way into a row. */
function OpenLink(props: { row: PortalRow; onOpen: (row: PortalRow) => void }) {
  const styles = useStyles();
  // Closing the details puts the focus back here, where the reader was.
  const restoreFocusHere = useRestoreFocusTarget();
  const { row } = props;
  return (
    <Link
      {...restoreFocusHere}
      className={styles.openLink}
      aria-label={`${row.customerName}, ${row.workloadName}: details`}
      onClick={(event) => {
        // The table's row would open the same details again.
        event.stopPropagation();
        props.onOpen(row);
      }}
    >
      {row.customerName}
    </Link>
  );
}

/** Whether the reader was selecting text (a tenant id to copy) rather than clicking the row. */
function selectingText(): boolean {
  return (window.getSelection()?.toString() ?? '') !== '';
}

/** The table's columns; widths in shares of the table, so a tenant id fits on two lines. */
const COLUMNS: readonly { label: string; width: string; sort?: PortalSort }[] = [
  { label: 'Customer', width: '20%', sort: 'customerName' },
  { label: 'Workload', width: '12%', sort: 'workloadName' },
  { label: 'Status', width: '18%' },
  { label: 'Scenario', width: '7%' },
  { label: 'FM', width: '10%' },
  { label: 'Declared', width: '10%', sort: 'declaredAt' },
  { label: 'FTOP', width: '10%' },
  { label: 'Last change', width: '13%', sort: 'updatedAt' },
];

export function EntitlementTable(props: {
  rows: readonly PortalRow[];
  sorting: Sorting;
  onSort: (sort: PortalSort) => void;
  onOpen: (row: PortalRow) => void;
}) {
  const styles = useStyles();
  const direction = (sort: PortalSort) =>
    props.sorting.sort !== sort
      ? undefined
      : props.sorting.dir === 'asc'
        ? 'ascending'
        : 'descending';
  return (
    <div className={styles.scroller}>
      <Table className={styles.table} aria-label="Entitlements" sortable>
        <TableHeader>
          <TableRow>
            {COLUMNS.map((column) =>
              column.sort ? (
                <TableHeaderCell
                  key={column.label}
                  style={{ width: column.width }}
                  sortable
                  sortDirection={direction(column.sort)}
                  onClick={() => props.onSort(column.sort!)}
                >
                  {column.label}
                </TableHeaderCell>
              ) : (
                <TableHeaderCell key={column.label} style={{ width: column.width }}>
                  {column.label}
                </TableHeaderCell>
              ),
            )}
          </TableRow>
        </TableHeader>
        <TableBody>
          {props.rows.map((row) => (
            <TableRow
              key={row.id}
              className={styles.row}
              onClick={() => {
                if (!selectingText()) props.onOpen(row);
              }}
            >
              <TableCell>
                <OpenLink row={row} onOpen={props.onOpen} />
                <span className={styles.small}>{row.tenantId}</span>
              </TableCell>
              <TableCell>{row.workloadName}</TableCell>
              <TableCell>
                {statusText(row)}
                <StatusBadges row={row} />
              </TableCell>
              <TableCell>{row.scenarioNumber ?? ''}</TableCell>
              <TableCell>{row.fm?.name ?? ''}</TableCell>
              <TableCell>{dateText(row.declaredAt)}</TableCell>
              <TableCell>{ftopStateText(row)}</TableCell>
              <TableCell>{dateTimeText(row.updatedAt)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

export function EntitlementCards(props: {
  rows: readonly PortalRow[];
  onOpen: (row: PortalRow) => void;
}) {
  const styles = useStyles();
  return (
    <ul className={styles.cards} aria-label="Entitlements">
      {props.rows.map((row) => (
        <li key={row.id} className={styles.card}>
          <OpenLink row={row} onOpen={props.onOpen} />
          <Text>{row.workloadName}</Text>
          <Text>{statusText(row)}</Text>
          <StatusBadges row={row} />
          <span className={styles.small}>
            {[
              row.scenarioNumber ? `Scenario ${row.scenarioNumber}` : null,
              row.fm?.name,
              row.declaredAt ? `declared ${dateText(row.declaredAt)}` : null,
              `FTOP: ${ftopStateText(row).toLowerCase()}`,
            ]
              .filter(Boolean)
              .join(' · ')}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The view's picture: No Intent by L2 reason and by workload, declarations per week, and how
 * long pending decisions have waited. Each chart has its numbers as a table for screen readers.
 * The server keeps these counts per view as the rows change, so they cover the whole view: the
 * search and filters narrow the list, not the charts.
 */
import {
  HorizontalBarChart,
  VerticalBarChart,
  type ChartProps,
  type VerticalBarChartDataPoint,
} from '@fluentui/react-charts';
import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import type {
  PortalCharts,
  PortalCount,
  PortalViewId,
} from '../../application/portal/portalContract';
import { calendarDayText, shortDayText } from './dates';
import type { PortalApi } from './portalApi';
import { useSharedStyles } from './styles';
import { problemText } from './words';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 30rem), 1fr))',
    gap: tokens.spacingVerticalL,
  },
  figure: {
    margin: '0',
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: '0',
  },
  heading: { fontSize: tokens.fontSizeBase400, margin: `0 0 ${tokens.spacingVerticalS}` },
  chart: { height: '16rem' },
  note: { margin: `0 0 ${tokens.spacingVerticalS}`, color: tokens.colorNeutralForeground2 },
});

export default function ChartsPanel(props: {
  id: string;
  api: PortalApi;
  view: PortalViewId;
  /** Changes when the rows change (a decision), so the charts are drawn again. */
  version: number;
}) {
  const styles = useStyles();
  const { api, view, version } = props;
  const [charts, setCharts] = useState<PortalCharts | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let current = true;
    setProblem(null);
    api.charts({ view }).then(
      (answer) => current && setCharts(answer),
      (error: unknown) => current && setProblem(problemText(error, api.signIn.kind)),
    );
    return () => {
      current = false;
    };
  }, [api, view, version, reloads]);

  return (
    <section id={props.id} aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`} className={styles.heading}>
        Charts
      </h2>
      <p className={styles.note}>
        For everything in this view; the search and filters do not apply.
      </p>
      {problem && (
        <MessageBar intent="error">
          <MessageBarBody>{problem}</MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => setReloads((n) => n + 1)}>Try again</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {!charts && !problem && <Spinner size="small" label="Counting…" />}
      {charts && (
        <div className={styles.grid}>
          <BarsAcross
            id="chart-l2"
            title="No Intent entitlements by L2 reason"
            counts={charts.byL2}
          />
          <BarsAcross
            id="chart-workload"
            title="No Intent entitlements by workload"
            counts={charts.byWorkload}
          />
          <BarsUp
            id="chart-week"
            title="Entitlements declared per week"
            counts={charts.perWeek}
            labelHeader="Week of"
            axisText={shortDayText}
            tableText={calendarDayText}
            manyBars
          />
          <BarsUp
            id="chart-pending"
            title="Entitlements awaiting a decision, by calendar days waited"
            counts={charts.pendingAge}
            labelHeader="Waiting"
          />
        </div>
      )}
    </section>
  );
}

/** Long labels (reasons, workloads) read best above their own bars. */
function BarsAcross(props: { id: string; title: string; counts: readonly PortalCount[] }) {
  const largest = Math.max(1, ...props.counts.map((c) => c.count));
  const data: ChartProps[] = props.counts.map((c) => ({
    chartTitle: c.label,
    chartData: [
      {
        legend: c.label,
        horizontalBarChartdata: { x: c.count, total: largest },
        color: tokens.colorBrandBackground,
      },
    ],
  }));
  return (
    <ChartFigure id={props.id} title={props.title} counts={props.counts} labelHeader="Value">
      <HorizontalBarChart data={data} chartDataMode="default" hideRatio={data.map(() => true)} />
    </ChartFigure>
  );
}

function BarsUp(props: {
  id: string;
  title: string;
  counts: readonly PortalCount[];
  labelHeader: string;
  /** How a label reads under its bar, and in the table; the label itself by default. */
  axisText?: (label: string) => string;
  tableText?: (label: string) => string;
  /** Twelve weeks' labels do not fit side by side: they are drawn slanted. */
  manyBars?: boolean;
}) {
  const styles = useStyles();
  const { axisText = same, tableText = same } = props;
  const data: VerticalBarChartDataPoint[] = props.counts.map((c) => ({
    x: axisText(c.label),
    y: c.count,
    legend: tableText(c.label),
  }));
  return (
    <ChartFigure
      id={props.id}
      title={props.title}
      counts={props.counts.map((c) => ({ ...c, label: tableText(c.label) }))}
      labelHeader={props.labelHeader}
    >
      <div className={styles.chart}>
        <VerticalBarChart
          data={data}
          chartTitle={props.title}
          colors={[tokens.colorBrandBackground]}
          useSingleColor
          hideLegend
          wrapXAxisLables={!props.manyBars}
          rotateXAxisLables={props.manyBars === true}
          height={256}
        />
      </div>
    </ChartFigure>
  );
}

const same = (label: string) => label;

function ChartFigure(props: {
  id: string;
  title: string;
  counts: readonly PortalCount[];
  labelHeader: string;
  children: ReactNode;
}) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const empty = props.counts.every((c) => c.count === 0);
  return (
    <figure className={styles.figure} aria-labelledby={`${props.id}-title`}>
      <h3 id={`${props.id}-title`} className={styles.heading}>
        {props.title}
      </h3>
      {empty ? <p>Nothing to count here yet.</p> : props.children}
      <table className={shared.visuallyHidden}>
        <caption>{props.title}</caption>
        <thead>
          <tr>
            <th scope="col">{props.labelHeader}</th>
            <th scope="col">Count</th>
          </tr>
        </thead>
        <tbody>
          {props.counts.map((c) => (
            <tr key={c.label}>
              <td>{c.label}</td>
              <td>{c.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

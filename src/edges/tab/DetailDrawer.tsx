/** One entitlement: what it holds, the FTOP values under the playbook's names, and its history. */
import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  Field,
  MessageBar,
  MessageBarBody,
  makeStyles,
  OverlayDrawer,
  Spinner,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { CheckmarkRegular, DismissRegular, ProhibitedRegular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type {
  PortalDetail,
  PortalHistoryEntry,
  PortalRow,
  PortalViewId,
} from '../../application/portal/portalContract';
import { FTOP_FIELD_LABELS } from '../../playbook/ftopFields';
import { dateTimeText } from './dates';
import { PortalApiError, type PortalApi } from './portalApi';
import { useSharedStyles } from './styles';
import { TRANSITION_TITLES } from '../../playbook/entitlement';
import { ftopStateText, lifecycleText, problemText, STAGE_LABELS } from './words';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  heading: { fontSize: tokens.fontSizeBase400, margin: `${tokens.spacingVerticalS} 0` },
  decision: {
    display: 'grid',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  note: { margin: '0' },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  timeline: {
    listStyle: 'none',
    margin: '0',
    padding: '0',
    borderInlineStartWidth: tokens.strokeWidthThick,
    borderInlineStartStyle: 'solid',
    borderInlineStartColor: tokens.colorNeutralStroke1,
  },
  event: {
    position: 'relative',
    padding: `0 0 ${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    '::before': {
      content: '""',
      position: 'absolute',
      insetInlineStart: '-7px',
      top: '4px',
      width: '10px',
      height: '10px',
      borderRadius: '50%',
      backgroundColor: tokens.colorBrandForeground1,
      border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralBackground1}`,
    },
  },
  eventTitle: { fontWeight: tokens.fontWeightSemibold, margin: '0' },
  eventMeta: { color: tokens.colorNeutralForeground2, margin: '0' },
  changes: {
    margin: `${tokens.spacingVerticalXS} 0`,
    paddingInlineStart: tokens.spacingHorizontalXL,
  },
  comment: {
    margin: `${tokens.spacingVerticalXS} 0`,
    paddingInlineStart: tokens.spacingHorizontalM,
    borderInlineStartWidth: tokens.strokeWidthThick,
    borderInlineStartStyle: 'solid',
    borderInlineStartColor: tokens.colorNeutralStroke2,
    fontStyle: 'italic',
  },
});

// The server answers a decision before it brings the rows up to date: about 8 s in all.
const ROW_CATCH_UP_DELAYS_MS = [250, 500, 1000, 2000, 4000];

/**
 * Whether the detail's row has been rewritten since the decision. Where it stands and the
 * history come from the ledger at once; the rest of the row (the FTOP values, the FTOP task,
 * the date decided) only once the row is.
 */
function rowCaughtUp(fresh: PortalDetail, decided: PortalRow): boolean {
  return fresh.row.updatedAt !== decided.updatedAt;
}

export function DetailDrawer(props: {
  api: PortalApi;
  view: PortalViewId;
  /** The row as the list shows it; null when the drawer is closed. */
  row: PortalRow | null;
  onClose: () => void;
  /** The row as it is after a decision; null when it left this view. */
  onRowChanged: (row: PortalRow | null) => void;
  onMessage: (message: string) => void;
}) {
  const styles = useStyles();
  const { api, view, row } = props;
  const [detail, setDetail] = useState<PortalDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  // Kept here, not in the form: the form goes away once the declaration is decided.
  const [decisionAnswer, setDecisionAnswer] = useState<DecisionNews | null>(null);
  // The declaration just decided here: its form stays hidden while the row catches up.
  const [decidedId, setDecidedId] = useState<string | null>(null);
  const [catchingUp, setCatchingUp] = useState(false);

  const answerRef = useRef<HTMLDivElement>(null);
  const tenantId = row?.tenantId;
  const workloadId = row?.workloadId;

  useEffect(() => {
    setDecisionAnswer(null);
    setDecidedId(null);
  }, [tenantId, workloadId]);

  // The buttons that had the focus are gone after a decision: the answer takes it.
  useEffect(() => {
    if (decisionAnswer) answerRef.current?.focus();
  }, [decisionAnswer]);

  // Keyed on the entitlement, not the row object: a row redrawn after a decision is the same.
  useEffect(() => {
    if (!tenantId || !workloadId) return;
    let current = true;
    setProblem(null);
    api.entitlement(view, tenantId, workloadId).then(
      (answer) => current && setDetail(answer),
      (error: unknown) => current && setProblem(problemText(error, api.signIn.kind)),
    );
    return () => {
      current = false;
    };
  }, [api, view, tenantId, workloadId, reload]);

  const shown = detail && row && detail.row.id === row.id ? detail : null;
  const summary = shown?.row ?? row;

  /** `decided` is the row as it was when the decision was asked. */
  const afterDecision = async (answer: DecisionNews, decided: PortalRow) => {
    setDecisionAnswer(answer);
    props.onMessage(answer.text);
    if (!answer.reached) return;
    if (answer.decided) setDecidedId(decided.declarationId);
    setCatchingUp(true);
    try {
      let fresh = await api.entitlement(view, decided.tenantId, decided.workloadId);
      for (const delay of answer.decided ? ROW_CATCH_UP_DELAYS_MS : []) {
        if (rowCaughtUp(fresh, decided)) break;
        await new Promise((resolve) => setTimeout(resolve, delay));
        fresh = await api.entitlement(view, decided.tenantId, decided.workloadId);
      }
      setDetail(fresh);
      props.onRowChanged(fresh.row);
    } catch (error) {
      if (error instanceof PortalApiError && (error.status === 403 || error.status === 404)) {
        props.onRowChanged(null);
      } else {
        setReload((n) => n + 1);
      }
    } finally {
      setCatchingUp(false);
    }
  };

  return (
    <OverlayDrawer
      open={row !== null}
      position="end"
      size="medium"
      onOpenChange={(_event, data) => {
        if (!data.open) props.onClose();
      }}
      aria-labelledby="detail-title"
    >
      <DrawerHeader>
        <DrawerHeaderTitle
          heading={{ id: 'detail-title' }}
          action={
            <Button
              appearance="subtle"
              aria-label="Close details"
              icon={<DismissRegular />}
              onClick={props.onClose}
            />
          }
        >
          {summary ? `${summary.customerName}: ${summary.workloadName}` : 'Details'}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody className={styles.body}>
        {decisionAnswer && (
          <div ref={answerRef} tabIndex={-1}>
            <MessageBar intent={decisionAnswer.decided ? 'success' : 'warning'}>
              <MessageBarBody>{decisionAnswer.text}</MessageBarBody>
            </MessageBar>
          </div>
        )}
        {catchingUp && <Spinner size="small" label="Bringing the details up to date…" />}
        {summary && <Facts row={summary} />}
        {summary?.canDecide && summary.declarationId && summary.declarationId !== decidedId && (
          <DecisionForm
            key={summary.declarationId}
            api={api}
            row={summary}
            declarationId={summary.declarationId}
            onAnswer={afterDecision}
          />
        )}
        {summary && <FtopValues row={summary} />}
        <section aria-labelledby="history-heading">
          <h3 id="history-heading" className={styles.heading}>
            History
          </h3>
          {problem && (
            <MessageBar intent="error">
              <MessageBarBody>{problem}</MessageBarBody>
            </MessageBar>
          )}
          {!shown && !problem && <Spinner size="small" label="Loading the history…" />}
          {shown && <Timeline history={shown.history} />}
        </section>
      </DrawerBody>
    </OverlayDrawer>
  );
}

function Facts(props: { row: PortalRow }) {
  const shared = useSharedStyles();
  const { row } = props;
  const facts: [string, string][] = [
    ['Tenant id', row.tenantId],
    ['Where it stands', lifecycleText(row)],
    ['Scenario', row.scenarioNumber ? String(row.scenarioNumber) : ''],
    ['Stage', row.stage ? STAGE_LABELS[row.stage] : ''],
    ['FM', row.fm?.name ?? ''],
    ['Declared', dateTimeText(row.declaredAt)],
    ['Decided', dateTimeText(row.decidedAt)],
    [
      'In FTOP',
      row.ftopEnteredAt
        ? `${ftopStateText(row)} (entered ${dateTimeText(row.ftopEnteredAt)})`
        : ftopStateText(row),
    ],
    ['Notice', row.channel ? `${row.channel.teamName} › ${row.channel.channelName}` : 'Not posted'],
    ['Reference', row.declarationId ?? ''],
  ];
  return (
    <dl className={shared.facts}>
      {facts
        .filter(([, value]) => value !== '')
        .map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

function FtopValues(props: { row: PortalRow }) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const { fields } = props.row;
  return (
    <section aria-labelledby="ftop-heading">
      <h3 id="ftop-heading" className={styles.heading}>
        FTOP values
      </h3>
      {fields ? (
        <dl className={shared.facts}>
          {FTOP_FIELD_LABELS.map(([key, label]) => (
            <div key={key} style={{ display: 'contents' }}>
              <dt>{label}</dt>
              <dd>{fields[key] || '(blank)'}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p>The bot holds no FTOP values for this entitlement.</p>
      )}
    </section>
  );
}

/** What came of a decision: the server's sentence, or why it could not be asked. */
interface DecisionNews {
  readonly text: string;
  readonly decided: boolean;
  /** The server answered, so the row may have changed. */
  readonly reached: boolean;
}

function DecisionForm(props: {
  api: PortalApi;
  /** The row the decision is about, as shown now. */
  row: PortalRow;
  declarationId: string;
  onAnswer: (answer: DecisionNews, decided: PortalRow) => Promise<void>;
}) {
  const styles = useStyles();
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState<'confirmed' | 'rejected' | null>(null);

  const decide = async (outcome: 'confirmed' | 'rejected') => {
    setSending(outcome);
    let news: DecisionNews;
    try {
      const result = await props.api.decide({
        tenantId: props.row.tenantId,
        declarationId: props.declarationId,
        outcome,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      news = { text: result.message, decided: result.decided, reached: true };
    } catch (error) {
      news = { text: problemText(error, props.api.signIn.kind), decided: false, reached: false };
    }
    setSending(null);
    await props.onAnswer(news, props.row);
  };

  return (
    <section aria-labelledby="decision-heading" className={styles.decision}>
      <h3 id="decision-heading" className={styles.heading}>
        Your decision
      </h3>
      <p className={styles.note}>
        It decides the whole declaration: every workload it names for this customer.
      </p>
      <Field label="Comment for the FM (optional)">
        <Textarea
          value={comment}
          onChange={(_e, data) => setComment(data.value)}
          resize="vertical"
        />
      </Field>
      <div className={styles.buttons}>
        <Button
          appearance="primary"
          icon={<CheckmarkRegular />}
          disabled={sending !== null}
          onClick={() => void decide('confirmed')}
        >
          {sending === 'confirmed' ? 'Confirming…' : 'Confirm'}
        </Button>
        <Button
          icon={<ProhibitedRegular />}
          disabled={sending !== null}
          onClick={() => void decide('rejected')}
        >
          {sending === 'rejected' ? 'Rejecting…' : 'Reject'}
        </Button>
      </div>
    </section>
  );
}

function Timeline(props: { history: readonly PortalHistoryEntry[] }) {
  const styles = useStyles();
  if (props.history.length === 0) return <p>Nothing has happened to this entitlement yet.</p>;
  return (
    <ol className={styles.timeline} aria-label="History, newest first">
      {props.history.map((entry, index) => (
        <li key={`${entry.at}-${index}`} className={styles.event}>
          <p className={styles.eventTitle}>
            {TRANSITION_TITLES[entry.kind]}
            {entry.scenarioNumber ? ` (scenario ${entry.scenarioNumber})` : ''}
          </p>
          <p className={styles.eventMeta}>
            by {entry.by.name}, <time dateTime={entry.at}>{dateTimeText(entry.at)}</time>
          </p>
          {entry.changes.length > 0 && (
            <ul className={styles.changes}>
              {entry.changes.map((change) => (
                <li key={change}>{change}</li>
              ))}
            </ul>
          )}
          {entry.comment && <blockquote className={styles.comment}>{entry.comment}</blockquote>}
        </li>
      ))}
    </ol>
  );
}

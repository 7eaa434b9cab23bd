/** The signed-in tab: who you are, the views you may open, and the open view. */
import {
  Badge,
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Field,
  Select,
  Spinner,
  Tab,
  TabList,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PortalMe, PortalViewInfo } from '../../application/portal/portalContract';
import { EntitlementsView } from './EntitlementsView';
import { PortalApi, type SignIn } from './portalApi';
import { fallbackViewTitle, problemText } from './words';

/** More views than this (a global manager sees every team) are offered as a list to choose from. */
const MOST_VIEWS_AS_TABS = 6;

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  appName: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  who: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  nav: { padding: `0 ${tokens.spacingHorizontalS}` },
  // On a narrow screen the views go onto a second line rather than out of sight.
  views: { flexWrap: 'wrap' },
  viewPicker: {
    maxWidth: '420px',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
  },
  devBanner: { margin: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL} 0` },
  main: { padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}` },
  notice: { marginBottom: tokens.spacingVerticalS },
});

export function Portal(props: {
  signIn: SignIn;
  initialView: string | null;
  /** Development sign-in only: go back to the picker. */
  onSwitchPerson: (() => void) | undefined;
}) {
  const styles = useStyles();
  const api = useMemo(() => new PortalApi(props.signIn), [props.signIn]);
  const [me, setMe] = useState<PortalMe | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [view, setView] = useState<string | null>(null);
  // The first view opens with the search box focused; a view chosen later leaves the focus on
  // the view tabs, where the keyboard is.
  const [focusSearch, setFocusSearch] = useState(true);
  // Why the view the tab was opened on is not the one shown.
  const [notice, setNotice] = useState<string | null>(null);

  const loadMe = useCallback(() => {
    setProblem(null);
    api.me().then(
      (answer) => {
        setMe(answer);
        const asked = props.initialView;
        const known = answer.views.some((v) => v.id === asked);
        // "Awaiting me" and "All entitlements" are personal tabs every person has in Teams; one
        // who decides nothing is shown their own entitlements instead of a refusal.
        const personalOnly = asked === 'awaiting' || asked === 'org';
        if (asked && !known && personalOnly) {
          setNotice(
            asked === 'awaiting'
              ? 'Nothing awaits your decision: only managers decide. Here are your own entitlements.'
              : 'Only global managers see all entitlements. Here are your own.',
          );
        }
        setView(asked && (known || !personalOnly) ? asked : (answer.views[0]?.id ?? null));
      },
      (error: unknown) => setProblem(problemText(error, props.signIn.kind)),
    );
  }, [api, props.initialView, props.signIn.kind]);

  useEffect(loadMe, [loadMe]);

  useEffect(() => {
    if (!view) return;
    const url = new URL(location.href);
    url.searchParams.set('view', view);
    history.replaceState(null, '', url);
  }, [view]);

  /** Another view chosen: the search no longer takes the focus, and the last notice goes. */
  const openView = (id: string) => {
    setFocusSearch(false);
    setNotice(null);
    setView(id);
  };

  // A channel tab shows its channel only; elsewhere, every view of the person, and the one the
  // URL names even when it is not among them (the server then says whether it may be opened).
  const views: PortalViewInfo[] = useMemo(() => {
    const listed = me?.views ?? [];
    if (!view || listed.some((v) => v.id === view)) return [...listed];
    const asked = { id: view, title: fallbackViewTitle(view, listed) };
    return view.startsWith('channel:') ? [asked] : [...listed, asked];
  }, [me, view]);
  const current = views.find((v) => v.id === view);
  const isDev = props.signIn.kind === 'dev' || me?.devSignIn === true;

  return (
    <>
      <header className={styles.header}>
        <Text className={styles.appName}>No Intent portal</Text>
        {me && (
          <div className={styles.who}>
            <Text>
              Signed in as <strong>{me.person.name}</strong>
            </Text>
            {me.isManager && <Badge appearance="tint">Manager</Badge>}
          </div>
        )}
      </header>
      {isDev && (
        <MessageBar intent="warning" className={styles.devBanner}>
          <MessageBarBody>
            <MessageBarTitle>Development sign-in</MessageBarTitle>
            {me ? `You are acting as ${me.person.name}. ` : ''}Local mode only: not for real
            customers&apos; data.
          </MessageBarBody>
          {props.onSwitchPerson && (
            <MessageBarActions>
              <Button onClick={props.onSwitchPerson}>Change person</Button>
            </MessageBarActions>
          )}
        </MessageBar>
      )}
      {views.length > 1 && (
        <nav aria-label="Views" className={styles.nav}>
          {views.length > MOST_VIEWS_AS_TABS ? (
            <Field label="View" className={styles.viewPicker}>
              <Select value={view ?? ''} onChange={(_event, data) => openView(data.value)}>
                {views.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.title}
                  </option>
                ))}
              </Select>
            </Field>
          ) : (
            <TabList
              className={styles.views}
              selectedValue={view ?? undefined}
              onTabSelect={(_event, data) => openView(String(data.value))}
            >
              {views.map((v) => (
                <Tab key={v.id} value={v.id}>
                  {v.title}
                </Tab>
              ))}
            </TabList>
          )}
        </nav>
      )}
      <main className={styles.main}>
        {problem && (
          <MessageBar intent="error">
            <MessageBarBody>{problem}</MessageBarBody>
            <MessageBarActions>
              <Button onClick={loadMe}>Try again</Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {notice && (
          <MessageBar intent="info" className={styles.notice}>
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
        {!me && !problem && <Spinner label="Signing you in…" />}
        {me && !current && (
          <>
            <h1>Nothing to show yet</h1>
            <p>
              You have no entitlements to see here: you have declared none, none await your
              decision, and no notice went to your teams.
            </p>
          </>
        )}
        {me && current && (
          <EntitlementsView
            key={current.id}
            api={api}
            me={me}
            view={current}
            focusSearch={focusSearch}
          />
        )}
      </main>
    </>
  );
}

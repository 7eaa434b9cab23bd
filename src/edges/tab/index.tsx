/**
 * The No Intent portal tab. Inside Teams it takes the theme, locale and sign-in from Teams;
 * in a plain browser it offers the development sign-in when the server has one (local mode).
 */
import { FluentProvider, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { PortalDevPeople, PortalPerson } from '../../application/portal/portalContract';
import { setReaderLocale } from './dates';
import { DevSignInPicker, rememberDevPerson, rememberedDevPerson } from './DevSignIn';
import { fetchDevPeople, type SignIn } from './portalApi';
import { Portal } from './Portal';
import { useSharedStyles } from './styles';
import { connectToTeams } from './teamsHost';
import { fluentTheme, themeFromUrl, type ThemeName } from './themes';
import { problemText } from './words';

type Start =
  | { readonly step: 'starting' }
  | { readonly step: 'choose-person'; readonly people: PortalDevPeople['people'] }
  | { readonly step: 'signed-in'; readonly signIn: SignIn }
  | { readonly step: 'not-in-teams' }
  | { readonly step: 'failed'; readonly message: string };

const urlView = new URLSearchParams(location.search).get('view');

function TabRoot() {
  const styles = useSharedStyles();
  const [theme, setTheme] = useState<ThemeName>(() => themeFromUrl(location.search));
  const [start, setStart] = useState<Start>({ step: 'starting' });
  const [teamsView, setTeamsView] = useState<string | null>(null);
  const [devPeople, setDevPeople] = useState<PortalDevPeople['people']>([]);

  useEffect(() => {
    void (async () => {
      const teams = await connectToTeams();
      if (teams) {
        setTheme(teams.theme);
        teams.onThemeChange(setTheme);
        setReaderLocale(teams.locale);
        setTeamsView(teams.view);
        setStart({ step: 'signed-in', signIn: { kind: 'teams', getToken: teams.getToken } });
        teams.loaded();
        return;
      }
      try {
        const dev = await fetchDevPeople();
        if (!dev) {
          setStart({ step: 'not-in-teams' });
          return;
        }
        setDevPeople(dev.people);
        const remembered = rememberedDevPerson(dev.people);
        setStart(
          remembered
            ? { step: 'signed-in', signIn: { kind: 'dev', person: remembered } }
            : { step: 'choose-person', people: dev.people },
        );
      } catch (error) {
        setStart({ step: 'failed', message: problemText(error, null) });
      }
    })();
  }, []);

  useEffect(() => {
    document.documentElement.style.colorScheme = theme === 'light' ? 'light' : 'dark';
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const chooseDevPerson = (person: PortalPerson) => {
    rememberDevPerson(person);
    setStart({ step: 'signed-in', signIn: { kind: 'dev', person } });
  };
  const switchDevPerson = () => {
    rememberDevPerson(null);
    setStart({ step: 'choose-person', people: devPeople });
  };

  return (
    <FluentProvider theme={fluentTheme(theme)}>
      {/* Not on the provider: Fluent copies its classes to every popup's portal. */}
      <div className={styles.page}>
        {start.step === 'starting' && (
          <main className={styles.centred}>
            <Spinner label="Opening the No Intent portal…" />
          </main>
        )}
        {start.step === 'choose-person' && (
          <DevSignInPicker people={start.people} onChoose={chooseDevPerson} />
        )}
        {start.step === 'signed-in' && (
          <Portal
            key={start.signIn.kind === 'dev' ? start.signIn.person.aadObjectId : 'teams'}
            signIn={start.signIn}
            initialView={urlView ?? teamsView}
            onSwitchPerson={start.signIn.kind === 'dev' ? switchDevPerson : undefined}
          />
        )}
        {start.step === 'not-in-teams' && (
          <main className={styles.centred}>
            <h1>Open this tab in Microsoft Teams</h1>
            <p>
              The No Intent portal signs you in through Teams, so it only works there. In Teams,
              open the No Intent app and choose its &ldquo;My entitlements&rdquo; tab, or the No
              Intent tab of your account team&apos;s channel.
            </p>
          </main>
        )}
        {start.step === 'failed' && (
          <main className={styles.centred}>
            <h1>The No Intent portal could not open</h1>
            <MessageBar intent="error">
              <MessageBarBody>{start.message}</MessageBarBody>
            </MessageBar>
          </main>
        )}
      </div>
    </FluentProvider>
  );
}

createRoot(document.getElementById('root')!).render(<TabRoot />);

/** The development sign-in: local mode only, so a browser or the tests can act as a person. */
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
} from '@fluentui/react-components';
import { PersonRegular } from '@fluentui/react-icons';
import type { PortalDevPeople, PortalPerson } from '../../application/portal/portalContract';
import { useSharedStyles } from './styles';

const REMEMBERED_PERSON = 'noIntentPortal.devPerson';

export function rememberedDevPerson(people: PortalDevPeople['people']): PortalPerson | null {
  const id = sessionStorage.getItem(REMEMBERED_PERSON);
  return people.find((person) => person.aadObjectId === id) ?? null;
}

export function rememberDevPerson(person: PortalPerson | null): void {
  if (person) sessionStorage.setItem(REMEMBERED_PERSON, person.aadObjectId);
  else sessionStorage.removeItem(REMEMBERED_PERSON);
}

export function DevSignInPicker(props: {
  people: PortalDevPeople['people'];
  onChoose: (person: PortalPerson) => void;
}) {
  const styles = useSharedStyles();
  return (
    <main className={styles.centred}>
      <h1>Development sign-in</h1>
      <MessageBar intent="warning">
        <MessageBarBody>
          <MessageBarTitle>For local development only.</MessageBarTitle>
          The bot runs without an app id, so you may act as any of these people. In Teams, the tab
          signs you in itself, and the server refuses this sign-in.
        </MessageBarBody>
      </MessageBar>
      {props.people.length === 0 ? (
        <Text as="p">
          No one is offered: start the bot with development people (npm run dev offers the
          Playground&apos;s), or open the tab in Teams.
        </Text>
      ) : (
        <Text as="p">Choose who you are:</Text>
      )}
      <ul aria-label="People" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {props.people.map((person) => (
          <li key={person.aadObjectId} style={{ marginBottom: '0.5rem' }}>
            <Button icon={<PersonRegular />} onClick={() => props.onChoose(person)}>
              {person.name} ({person.role})
            </Button>
          </li>
        ))}
      </ul>
    </main>
  );
}

/**
 * Every card a dialog sends carries a step token: who the card belongs to and which step sent
 * it. A submit whose token is not the dialog's current one comes from a stale card (an earlier
 * step, a finished declaration) or from someone else's card, and must change nothing.
 */
import { randomBytes } from 'node:crypto';

const SEPARATOR = '~';

export function newStepToken(ownerId: string): string {
  return `${ownerId}${SEPARATOR}${randomBytes(6).toString('base64url')}`;
}

/** The owner's id, or undefined when the text is not a step token at all. */
export function stepTokenOwner(token: string): string | undefined {
  const at = token.lastIndexOf(SEPARATOR);
  return at > 0 ? token.slice(0, at) : undefined;
}

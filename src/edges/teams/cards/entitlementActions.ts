/** The next steps a person may take on an entitlement, as buttons on lists and details. */
import {
  ftopTask,
  ftopTaskOwner,
  isAwaitingDecision,
  type EntitlementState,
} from '../../../playbook/entitlement';

export interface EntitlementActions {
  /** The FTOP button's title, or empty when there is nothing for this person to enter. */
  readonly enterButton: string;
  /** The task the FTOP button records, so a later tap of an old card changes nothing. */
  readonly enterTask: string;
  readonly enterDeclarationId: string;
  /** The declaration to declare again from, or empty. */
  readonly declareAgainId: string;
  /** The declaration this person may withdraw, or empty. */
  readonly withdrawId: string;
}

export function entitlementActions(state: EntitlementState, viewer: string): EntitlementActions {
  const task = ftopTask(state);
  const pending = isAwaitingDecision(state) ? state.declaration : null;
  const closed = !pending && state.closed?.by.aadObjectId === viewer ? state.closed : null;
  return {
    enterButton:
      task && ftopTaskOwner(state)?.aadObjectId === viewer
        ? task.kind === 'put-back'
          ? 'I have put FTOP back'
          : 'I have entered these in FTOP'
        : '',
    enterTask: task?.kind ?? '',
    enterDeclarationId: task?.declarationId ?? '',
    declareAgainId: closed?.declarationId ?? '',
    withdrawId: pending?.by.aadObjectId === viewer ? pending.declarationId : '',
  };
}

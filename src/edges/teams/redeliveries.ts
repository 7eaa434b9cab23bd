/**
 * Teams delivers an activity again when the bot's answer was slow or lost. A message activity
 * (typed text or a card submit) is handled once: its id is kept in this instance's memory while
 * it runs, and with the person's dialog state once the turn has saved it, where every instance
 * sees it. Invokes and installs need no record: deciding, withdrawing and registering a team
 * find the ledger already changed the second time.
 */
import {
  ActivityTypes,
  type BotState,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';

/** Activity ids kept per conversation: far more than Teams redelivers, small in the state. */
const KEPT_PER_CONVERSATION = 20;
/** Activity ids kept in memory, across conversations. */
const KEPT_IN_MEMORY = 2_000;

export class Redeliveries {
  private readonly handled: StatePropertyAccessor<string[]>;
  private readonly recent = new Set<string>();

  constructor(state: BotState) {
    this.handled = state.createProperty<string[]>('handledActivityIds');
  }

  /** True when this activity was handled before; else it is recorded as handled now. */
  async isRedelivery(context: TurnContext): Promise<boolean> {
    const { id, type } = context.activity;
    if (type !== ActivityTypes.Message || !id) return false;
    const key = `${context.activity.conversation.id}|${id}`;
    if (this.recent.has(key)) return true;
    this.remember(key);
    const handled = (await this.handled.get(context)) ?? [];
    if (handled.includes(id)) return true;
    await this.handled.set(context, [...handled.slice(1 - KEPT_PER_CONVERSATION), id]);
    return false;
  }

  private remember(key: string): void {
    this.recent.add(key);
    if (this.recent.size > KEPT_IN_MEMORY) {
      const oldest = this.recent.values().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
  }
}

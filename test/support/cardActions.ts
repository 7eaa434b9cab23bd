/** Finding a button's data in what the bot sent, as a person scanning the cards would. */

export type ActionData = Record<string, unknown>;

/** The first `data` object, in document order, that matches. */
export function findActionData(
  node: unknown,
  matches: (data: ActionData) => boolean,
): ActionData | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findActionData(item, matches);
      if (found) return found;
    }
    return undefined;
  }
  if (node && typeof node === 'object') {
    const data = (node as { data?: unknown }).data;
    if (data && typeof data === 'object' && matches(data as ActionData)) return data as ActionData;
    for (const value of Object.values(node)) {
      const found = findActionData(value, matches);
      if (found) return found;
    }
  }
  return undefined;
}

/** The data of the newest card (last in the list) with a button for this action. */
export function latestActionData(
  cards: readonly unknown[],
  action: string,
): ActionData | undefined {
  for (const card of [...cards].reverse()) {
    const found = findActionData(card, (data) => data.action === action);
    if (found) return found;
  }
  return undefined;
}

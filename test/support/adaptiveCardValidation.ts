/** Parses a card with the Adaptive Cards SDK (as Teams' renderer would) and lists its problems. */
// The package's main entry is an ES module build that Node 20 cannot load; the UMD build works.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: { message: string }[] };
  };
  SerializationContext: new () => {
    eventCount: number;
    getEventAt(index: number): { message: string };
  };
};

export function cardProblems(card: unknown): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const parseEvents = Array.from(
    { length: context.eventCount },
    (_, i) => context.getEventAt(i).message,
  );
  const validation = parsed.validateProperties().validationEvents.map((e) => e.message);
  return [...parseEvents, ...validation];
}

/** Size as Teams counts it: the serialized card in UTF-16 code units, twice as many bytes. */
export function cardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/**
 * What a card must do to be read and acted on, checked on its JSON: every input labelled, with an
 * error message, and marked required unless a person may leave it empty; text only in colours
 * that keep their contrast in Teams' light, dark and high-contrast themes; times only as
 * Adaptive Cards' DATE and TIME functions in TextBlocks, so Teams shows the reader's own time.
 */

/** Inputs a person may leave empty, and why; every other input is marked required. */
export const OPTIONAL_INPUTS: Readonly<Record<string, string>> = {
  comment: "a manager's reason for a rejection is optional",
  'comment-${declarationId}': "a manager's reason for a rejection is optional",
  filter: 'an empty search lists every declaration',
};

/**
 * Default follows the theme; Accent and Attention stay above 4.5:1 in every Teams theme. Good
 * and Warning are bright green and yellow in some Teams palettes, and Light and Dark ignore the
 * theme (white text on the light theme, near-black on the dark one).
 */
const READABLE_COLOURS = ['default', 'accent', 'attention'];

/** The one form both the JS renderer and Teams read: RFC 3339 in UTC, to the second. */
const DATE_OR_TIME =
  /^\{\{(?:DATE\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ(?:, (?:SHORT|LONG|COMPACT))?\)|TIME\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\))\}\}$/;

interface Element {
  readonly type?: string;
  readonly [key: string]: unknown;
}

function elements(node: unknown): Element[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (!node || typeof node !== 'object') return [];
  const children = Object.values(node).flatMap(elements);
  return 'type' in node ? [node as Element, ...children] : children;
}

/**
 * Problems of a template as written (`template`: `isRequired` may be a binding, for an input
 * that is required only in some scenarios) or of a card as sent.
 */
export function readabilityProblems(card: unknown, as: 'template' | 'card'): string[] {
  return elements(card).flatMap((element) => {
    const { type = '' } = element;
    const where = `${type} ${String(element.id ?? element.text ?? '')}`.slice(0, 80);
    const problems: string[] = [];
    if (type.startsWith('Input.')) {
      if (!nonEmpty(element.label)) problems.push(`${where}: no label`);
      if (!nonEmpty(element.errorMessage)) problems.push(`${where}: no errorMessage`);
      const required = element.isRequired;
      if (as === 'card' && required !== undefined && typeof required !== 'boolean') {
        problems.push(`${where}: isRequired is not a boolean`);
      }
      const optional = String(element.id) in OPTIONAL_INPUTS;
      const marked = required === true || (as === 'template' && isBinding(required));
      if (as === 'template' && !optional && !marked) problems.push(`${where}: not isRequired`);
    }
    if (type === 'TextBlock' || type === 'TextRun') {
      const colour = String(element.color ?? 'default').toLowerCase();
      if (!READABLE_COLOURS.includes(colour)) problems.push(`${where}: color ${colour}`);
      if (element.isSubtle === true && colour !== 'default') {
        problems.push(`${where}: isSubtle on ${colour}`);
      }
    }
    const text = typeof element.text === 'string' ? element.text : '';
    if (type === 'TextBlock') {
      for (const call of text.match(/\{\{.*?\}\}/g) ?? []) {
        // A template's binding stands where the card will have the moment.
        const moment =
          as === 'template' ? call.replace(/\$\{[^}]*\}/g, '2026-01-01T00:00:00Z') : call;
        if (!DATE_OR_TIME.test(moment)) problems.push(`${where}: ${call} is not a DATE or TIME`);
      }
    }
    if (/\d\d:\d\d UTC/.test(text)) problems.push(`${where}: a time in UTC`);
    return problems;
  });
}

function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

function isBinding(value: unknown): boolean {
  return typeof value === 'string' && /^\$\{.+\}$/.test(value);
}

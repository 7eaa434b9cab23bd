/**
 * The server-side schema of every card submit. Teams delivers whatever the card (or a forger)
 * sent, so each action's values are checked for type and size before anything reads them.
 */
import { z } from 'zod';
import { MAX_CUSTOMER_NAME_LENGTH } from '../../application/declarationDraft';
import { MAX_REASON_LENGTH } from '../../playbook/playbookProblems';

/** Longer than any real id; only there so a forged megabyte is refused before it is parsed. */
const MAX_ID_LENGTH = 100;
const MAX_TOKEN_LENGTH = 200;

const id = z.string().max(MAX_ID_LENGTH);
const optionalId = id.optional();
const stepToken = z.string().min(1).max(MAX_TOKEN_LENGTH);

const submits = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('submitCustomer'),
    stepToken,
    customerName: z
      .string()
      .max(MAX_CUSTOMER_NAME_LENGTH * 2)
      .optional(),
    tenantId: z.string().max(MAX_ID_LENGTH).optional(),
    workloadIds: z.string().max(2000).optional(),
  }),
  z.object({ action: z.literal('chooseScenario'), stepToken, scenarioId: id }),
  z.object({
    action: z.literal('submitAnswers'),
    stepToken,
    l2ReasonId: optionalId,
    l3ReasonId: optionalId,
    // Twice the limit: the playbook's own check then says how long it is and what to cut.
    detailedReason: z
      .string()
      .max(MAX_REASON_LENGTH * 2)
      .optional(),
    engagementScenarioId: optionalId,
    kickoffDate: optionalId,
  }),
  z.object({
    action: z.literal('reviseReason'),
    stepToken,
    detailedReason: z
      .string()
      .max(MAX_REASON_LENGTH * 2)
      .optional(),
  }),
  z.object({ action: z.literal('keepReason'), stepToken }),
  z.object({ action: z.literal('backToScenarios'), stepToken }),
  z.object({
    action: z.literal('confirm'),
    stepToken,
    noticeChannel: z.string().max(400).optional(),
  }),
  z.object({
    action: z.literal('edit'),
    stepToken,
    target: z.enum(['customer', 'scenario', 'answers']),
  }),
  z.object({ action: z.literal('cancel'), stepToken }),
]);

export type DialogSubmit = z.infer<typeof submits>;

export type SubmitCheck =
  | { readonly ok: true; readonly submit: DialogSubmit }
  | { readonly ok: false; readonly reason: string };

export function checkDialogSubmit(value: unknown): SubmitCheck {
  const parsed = submits.safeParse(value);
  if (parsed.success) return { ok: true, submit: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'the card';
  if (issue?.code === 'too_big') return { ok: false, reason: `${field} is too long.` };
  return { ok: false, reason: `${field} has a value this step does not accept.` };
}

/** A card button that runs a command, such as the welcome card's "Declare No Intent". */
const commandSubmit = z.object({ action: z.literal('command'), command: z.string().max(50) });

export function commandOfSubmit(value: unknown): string | undefined {
  const parsed = commandSubmit.safeParse(value);
  return parsed.success ? parsed.data.command : undefined;
}

/** The step token of a submit, if it carries a well-formed one. */
export function stepTokenOfSubmit(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const token = (value as { stepToken?: unknown }).stepToken;
  return typeof token === 'string' && token.length <= MAX_TOKEN_LENGTH ? token : undefined;
}

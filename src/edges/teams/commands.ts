/** What the FM can type, in any scope. The manifest's command lists offer the same. */

export type Command =
  | 'declare'
  | 'my declarations'
  | 'awaiting my decision'
  | 'reminders'
  | 'help'
  | 'cancel'
  | 'start over';

export interface CommandInfo {
  readonly command: Command;
  readonly description: string;
  /** Other ways people say the same. */
  readonly aliases: readonly string[];
}

export const COMMANDS: readonly CommandInfo[] = [
  {
    command: 'declare',
    description: 'Record No Intent (or intent without the FastTrack Center) for a customer',
    aliases: ['no intent', 'declare no intent', 'new', 'start', 'hi', 'hello', 'hey'],
  },
  {
    command: 'my declarations',
    description:
      'Your declarations, what each needs next, with buttons; add a name to narrow it ("my declarations contoso")',
    aliases: ['my records', 'list', 'status'],
  },
  {
    command: 'awaiting my decision',
    description: 'Managers: declarations waiting for your confirmation',
    aliases: ['pending', 'to confirm', 'awaiting'],
  },
  {
    command: 'reminders',
    description:
      'Which reminders you get (decisions, kickoff days, FTOP, re-validation), and switches',
    aliases: ['my reminders', 'notifications', 'reminder settings'],
  },
  { command: 'help', description: 'What I can do', aliases: ['?', 'what can you do'] },
  { command: 'cancel', description: 'Stop the declaration in progress', aliases: ['stop', 'quit'] },
  {
    command: 'start over',
    description: 'Restart the declaration from the beginning',
    aliases: ['restart', 'reset'],
  },
];

export function recognizeCommand(text: string): Command | undefined {
  const said = text
    .toLowerCase()
    .replace(/[.!?]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (said === '') return undefined;
  return COMMANDS.find((c) => c.command === said || c.aliases.includes(said))?.command;
}

export function helpText(): string {
  const lines = COMMANDS.map((c) => `- **${c.command}**: ${c.description}`);
  return [
    'I record customer No Intent declarations as the FastTrack playbook says, and tell the account team.',
    '',
    ...lines,
    '',
    "In a channel or group chat, @mention me first. Each person's declaration is their own.",
  ].join('\n');
}

/** A command with what was typed after it: "my declarations contoso" narrows the list. */
export function recognizeCommandWithArgument(
  text: string,
): { readonly command: Command; readonly argument: string } | undefined {
  const exact = recognizeCommand(text);
  if (exact) return { command: exact, argument: '' };
  const said = text.replace(/\s+/g, ' ').trim();
  for (const info of COMMANDS.filter((c) => c.command === 'my declarations')) {
    for (const name of [info.command, ...info.aliases]) {
      if (said.toLowerCase().startsWith(`${name} `)) {
        return { command: info.command, argument: said.slice(name.length + 1).trim() };
      }
    }
  }
  return undefined;
}

/** Reading a card's field rows the way a person reads them: the value beside a label. */
export function fieldValue(card: unknown, label: string): string | undefined {
  let value: string | undefined;
  const textOf = (column: unknown) =>
    JSON.stringify(column).match(/"text":"((?:[^"\\]|\\.)*)"/)?.[1];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const columns = (node as { type?: string; columns?: unknown[] }).columns;
      if (columns?.length === 2 && textOf(columns[0]) === label) {
        value = JSON.parse(`"${textOf(columns[1])}"`) as string;
      }
      Object.values(node).forEach(visit);
    }
  };
  visit(card);
  return value;
}

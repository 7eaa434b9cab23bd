/** "Exchange Online, SharePoint Online and Microsoft Teams": names in a sentence, each once. */
export function listOf(names: readonly string[]): string {
  const unique = [...new Set(names)];
  if (unique.length <= 1) return unique[0] ?? '';
  return `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
}

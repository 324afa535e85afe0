export function secretRedactor(_options: { secrets: string[]; identifiers?: string[]; basic?: Array<[string, string]> }) {
  return (text: string) => text;
}

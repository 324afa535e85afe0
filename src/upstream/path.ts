export function pathWith(template: string, params: Record<string, string | number>): string {
  return template;
}

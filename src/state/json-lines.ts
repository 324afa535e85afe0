/** Files of JSON lines (the audit log's and the usage history's file stores). */
import { readFileSync } from 'node:fs';

/**
 * Every line of the file parsed, in order, and how many lines it had; a missing file is empty. A torn line
 * (a crash mid-append) is skipped, not fatal; any other read error is.
 */
export function readJsonLines<T>(filePath: string): { values: T[]; lineCount: number } {
  let text = '';
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const lines = text.split('\n').filter(Boolean);
  const values: T[] = [];
  for (const line of lines) {
    try {
      values.push(JSON.parse(line) as T);
    } catch {
      // Torn: skipped.
    }
  }
  return { values, lineCount: lines.length };
}

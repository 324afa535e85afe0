/** Lookups by id answer null, not an error, for what does not exist or is hidden from the caller (NOT_FOUND). */
import { isCode } from '../../core/errors';

export function nullWhenNotFound<T>(load: () => T): T | null {
  try {
    return load();
  } catch (error) {
    if (isCode(error, 'NOT_FOUND')) return null;
    throw error;
  }
}

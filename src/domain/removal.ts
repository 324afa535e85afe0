/**
 * Removing one thing, with a payload that tells the truth (docs/architecture.md, "Meaning across
 * accounts"): `deleted: true, count: 1` when it was removed, `deleted: false, count: 0` when the provider
 * says it was not there (NOT_FOUND from the provider). Removal is therefore idempotent: asking twice is not
 * an error. An account that does not exist or is hidden stays NOT_FOUND: that is refused before the call.
 * Where a provider answers a removal of something absent as success, its adapter checks first and answers
 * NOT_FOUND, so the payload still says whether anything went.
 */
import { isCode } from '../core/errors';
import type { ClearOutcome } from './clearing';

export async function removeOne(remove: () => Promise<void>): Promise<ClearOutcome> {
  try {
    await remove();
  } catch (error) {
    if (isCode(error, 'NOT_FOUND')) return { deleted: false, count: 0 };
    throw error;
  }
  return { deleted: true, count: 1 };
}

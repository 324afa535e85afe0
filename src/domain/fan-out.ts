/**
 * Runs one operation on many accounts in parallel. One account failing never hides the others: each
 * outcome is kept, in account order.
 */
import type { RegisteredAccount } from './registry';

export type AccountOutcome<T> = { account: RegisteredAccount; ok: true; value: T } | { account: RegisteredAccount; ok: false; error: unknown };

/** `run` for every target (an account, or anything that carries one, such as a domain Target), in parallel. */
export async function fanOut<S extends { account: RegisteredAccount }, T>(targets: readonly S[], run: (target: S) => Promise<T>): Promise<AccountOutcome<T>[]> {
  return Promise.all(
    targets.map(async (target): Promise<AccountOutcome<T>> => {
      try {
        return { account: target.account, ok: true, value: await run(target) };
      } catch (error) {
        return { account: target.account, ok: false, error };
      }
    }),
  );
}

/**
 * Runs one operation on many accounts in parallel. One account failing never hides the others: each
 * outcome is kept, in account order.
 */
import type { RegisteredAccount } from './registry';

export type AccountOutcome<T> =
  | { account: RegisteredAccount; ok: true; value: T }
  | { account: RegisteredAccount; ok: false; error: unknown };

export async function fanOut<T>(
  accounts: readonly RegisteredAccount[],
  run: (account: RegisteredAccount) => Promise<T>,
): Promise<AccountOutcome<T>[]> {
  return Promise.all(
    accounts.map(async (account): Promise<AccountOutcome<T>> => {
      try {
        return { account, ok: true, value: await run(account) };
      } catch (error) {
        return { account, ok: false, error };
      }
    }),
  );
}

/**
 * What every provider's usage figures say (README, "How the graph behaves across accounts"), for each fixture with USAGE:
 * the period they cover, a window covered only by figures of exactly that window (a provider that cannot
 * report it shows its own period, marked), remaining that does not move with the window, and request
 * counts that add up.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { FIXTURES } from './fixtures';
import { startContractEstate, type ContractEstate } from './estate';
import { assertRequestCountsAddUp } from '../support/usage-figures';

interface Figures {
  period: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  coversRequestedWindow: boolean | null;
  bandwidthRemainingBytes: number | null;
  requestsTotal: number | null;
  requestsSucceeded: number | null;
  requestsFailed: number | null;
}

const USAGE = `query ContractUsage($id: ID!, $from: DateTime, $to: DateTime) {
  account(id: $id) { usage(from: $from, to: $to) { period periodStart periodEnd coversRequestedWindow bandwidthRemainingBytes requestsTotal requestsSucceeded requestsFailed } }
}`;

let estate: ContractEstate;

before(async () => {
  estate = await startContractEstate();
});

after(async () => {
  await estate?.stop();
});

async function usage(accountId: string, window: { from?: string; to?: string } = {}): Promise<Figures> {
  const data = await estate.client.data<{ account: { usage: Figures } }, Record<string, unknown>>(USAGE, { id: accountId, ...window });
  return data.account.usage;
}

for (const fixture of FIXTURES.filter((candidate) => candidate.capabilities.includes('USAGE'))) {
  test(`${fixture.name}: usage says its period, covers a window only with figures of exactly that window, and keeps remaining whatever the window`, async () => {
    const own = await usage(fixture.accountId);
    assert.ok(own.period === 'BILLING_PERIOD' || own.period === 'LIFETIME', `its own period without a window: ${own.period}`);
    assert.equal(own.coversRequestedWindow, null);
    if (own.period === 'LIFETIME') assert.deepEqual([own.periodStart, own.periodEnd], [null, null]);
    else assert.ok(own.periodStart !== null && own.periodEnd !== null && own.periodStart <= own.periodEnd, 'a billing period has bounds');
    assertRequestCountsAddUp(own, 'own period');

    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() - 3_600_000).toISOString();
    const windowed = await usage(fixture.accountId, { from, to });
    if (windowed.coversRequestedWindow) {
      assert.deepEqual([windowed.period, windowed.periodStart, windowed.periodEnd], ['REQUESTED_WINDOW', from, to]);
    } else {
      // Cannot report the window: its own period, marked, never figures of some third period.
      assert.equal(windowed.coversRequestedWindow, false);
      assert.deepEqual([windowed.period, windowed.periodStart, windowed.periodEnd], [own.period, own.periodStart, own.periodEnd]);
    }
    assert.equal(windowed.bandwidthRemainingBytes, own.bandwidthRemainingBytes, 'remaining = plan limit − usage in the plan period, whatever the window');
    assertRequestCountsAddUp(windowed, 'window');
  });
}

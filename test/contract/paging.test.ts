/**
 * Paging invariants, for every provider and every connection it pages (proxies; sub-users where it has
 * them): a walk `first` at a time, for several sizes, returns exactly the list one large read returns, in
 * the same order, with no duplicate; `totalCount` is the same on every page and exact (or null);
 * `endCursor` is null exactly on an empty page; `hasNextPage` is true on every page but the last. A page
 * of proxies calls only the provider's proxy list, and only the pages of it that cover the window.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FIXTURES, type PagedField } from './fixtures';
import { startContractEstate, type ContractEstate } from './estate';
import { accountPages, allIds, proxiesAcrossAccounts, walkPages, type Page } from './operations';

/** Small sizes: every item on a page of its own, then windows that do not divide the fixtures' lists. */
const PAGE_SIZES = [1, 3, 5] as const;
/** A window of at most 5 spans at most two of a provider's list pages (none holds fewer than 5). */
const MAX_LIST_CALLS_PER_PAGE = 2;

let estate: ContractEstate;

before(async () => {
  estate = await startContractEstate();
});

after(async () => {
  await estate?.stop();
});

/** The invariants one walk must keep, against the reference list. */
function assertWalk(pages: Page[], reference: string[], label: string): void {
  const walked = pages.flatMap((page) => page.ids);
  assert.equal(new Set(walked).size, walked.length, `${label}: no id twice`);
  assert.deepEqual(walked, reference, `${label}: every item once, in order`);

  const totals = new Set(pages.map((page) => page.totalCount));
  assert.equal(totals.size, 1, `${label}: totalCount the same on every page (${[...totals].join(', ')})`);
  const [total] = totals;
  if (total !== null) assert.equal(total, reference.length, `${label}: totalCount exact`);

  pages.forEach((page, index) => {
    const last = index === pages.length - 1;
    assert.equal(page.endCursor === null, page.ids.length === 0, `${label}, page ${index + 1}: endCursor null exactly when the page is empty`);
    assert.equal(page.hasNextPage, !last, `${label}, page ${index + 1}: hasNextPage ${!last}`);
  });
  // A promised next page is never empty: only a walk of an empty list ends on an empty page.
  assert.ok(pages.length === 1 || pages[pages.length - 1].ids.length > 0, `${label}: no empty page after a promised next one`);
}

/** Sizes for the walk across accounts: pages that end inside one account and start in the next. */
const CROSS_ACCOUNT_PAGE_SIZES = [4, 7] as const;

describe('paging across accounts', () => {
  test(`walking Query.proxies ${CROSS_ACCOUNT_PAGE_SIZES.join(' and ')} at a time returns every account's proxies once, account after account`, async () => {
    const reference: string[] = [];
    for (const fixture of FIXTURES) reference.push(...(await allIds(accountPages(estate.client, fixture.accountId, 'proxies'))));
    for (const first of CROSS_ACCOUNT_PAGE_SIZES)
      assertWalk(await walkPages(proxiesAcrossAccounts(estate.client), first), reference, `across accounts by ${first}`);
  });

  test('a page of zero proxies across accounts is empty, with no cursor and no next page', async () => {
    const page = await proxiesAcrossAccounts(estate.client)(0, null);
    assert.deepEqual({ ids: page.ids, endCursor: page.endCursor, hasNextPage: page.hasNextPage }, { ids: [], endCursor: null, hasNextPage: false });
  });
});

for (const fixture of FIXTURES) {
  const fields: PagedField[] = fixture.capabilities.includes('SUB_USERS') ? ['proxies', 'subUsers'] : ['proxies'];

  describe(`${fixture.name}: paging`, () => {
    for (const field of fields) {
      test(`walking ${field} ${PAGE_SIZES.join(', ')} at a time returns every item once, in order, with consistent page information`, async () => {
        const pages = accountPages(estate.client, fixture.accountId, field);
        const reference = await allIds(pages);
        assert.ok(reference.length > Math.max(...PAGE_SIZES), `${field}: the fixture seeds more items than the largest page size`);
        for (const first of PAGE_SIZES) assertWalk(await walkPages(pages, first), reference, `${field} by ${first}`);
      });

      test(`a page of zero ${field} is empty, with no cursor and no next page`, { todo: fixture.gaps?.[`${field}ZeroPage`] }, async () => {
        const page = await accountPages(estate.client, fixture.accountId, field)(0, null);
        assert.deepEqual({ ids: page.ids, endCursor: page.endCursor, hasNextPage: page.hasNextPage }, { ids: [], endCursor: null, hasNextPage: false });
      });
    }

    test("each page of proxies calls only the provider's proxy list, at most twice", async () => {
      const server = estate.simulator(fixture).server;
      for (const first of PAGE_SIZES) {
        const endpoints: string[][] = [];
        await walkPages(accountPages(estate.client, fixture.accountId, 'proxies'), first, {
          beforePage: () => server.resetCalls(),
          afterPage: () => endpoints.push(server.calls.map((call) => call.endpoint)),
        });
        endpoints.forEach((calls, index) => {
          const label = `by ${first}, page ${index + 1}`;
          assert.deepEqual(
            calls.filter((endpoint) => !fixture.proxyListEndpoints.includes(endpoint)),
            [],
            `${label}: only proxy-list calls`,
          );
          assert.ok(calls.length >= 1 && calls.length <= MAX_LIST_CALLS_PER_PAGE, `${label}: ${calls.length} proxy-list calls`);
        });
      }
    });
  });
}

/**
 * Operations the contract suite sends, built from a fixture's samples, and the reading of their answers.
 * Provider-neutral: everything provider-specific comes in through the fixture.
 */
import { encodeGlobalId } from '../../src/domain/ids';
import type { EntityKind } from '../../src/providers/contract/records';
import type { GraphQLResult, GraphQLTestClient } from '../support/graphql-client';
import type { AccountRead, PagedField, ProviderFixture, SampleWrite } from './fixtures';

/** A selection for each account field a fixture may name. */
export const ACCOUNT_READS: Record<AccountRead, string> = {
  profile: 'profile { email }',
  plan: 'plan { name }',
  usage: 'usage { bandwidthUsedBytes }',
  proxies: 'proxies(first: 1) { totalCount }',
  subUsers: 'subUsers(first: 1) { totalCount }',
  ipAuthorizations: 'ipAuthorizations { id }',
  hostnameAuthorizations: 'hostnameAuthorizations { id }',
  dnsOverrides: 'dnsOverrides { id }',
  servers: 'servers { hostname }',
};

/** A graph id of something the account does not hold (a plausible native id, so it reaches the provider). */
export function missingId(kind: EntityKind, accountId: string): string {
  return encodeGlobalId(kind, accountId, '999999991');
}

/** The GraphQL `Provider` value of a fixture. */
export function providerEnum(fixture: ProviderFixture): string {
  return fixture.provider.toUpperCase();
}

export function readAccount(
  client: GraphQLTestClient,
  accountId: string,
  selection: string,
): Promise<GraphQLResult<{ account: Record<string, unknown> | null }>> {
  return client.request(`query ContractRead($id: ID!) { account(id: $id) { ${selection} } }`, { id: accountId });
}

/** Every `extensions.code` of the errors, then every `error.code` inside the data (multi-account results). */
export function allCodes(result: GraphQLResult<unknown>): string[] {
  const codes = result.errors.map((error) => String(error.extensions?.code));
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'error' && inner && typeof inner === 'object' && 'code' in inner) codes.push(String((inner as { code: unknown }).code));
        else visit(inner);
      }
    }
  };
  visit(result.data);
  return codes;
}

let uniqueCounter = 0;
/** A value no earlier call of this process used: keeps created names and IPs apart between tests. */
export function nextUnique(): number {
  uniqueCounter += 1;
  return uniqueCounter;
}

const SUB_USER_FIELDS = 'id username';
const IP_RESULT_FIELDS = 'ok alreadyDone removedCount notApplied error { code } ipAuthorization { id ip user expiresAt }';

export function createSubUser(client: GraphQLTestClient, fixture: ProviderFixture, accountId: string, unique = nextUnique()) {
  return client.request<{ createSubUser: { id: string; username: string } }, unknown>(
    `mutation ContractCreateSubUser($input: CreateSubUserInput!) { createSubUser(input: $input) { ${SUB_USER_FIELDS} } }`,
    { input: { ...fixture.samples.subUser!(String(unique)), accountId } },
  );
}

export function createDnsOverride(client: GraphQLTestClient, fixture: ProviderFixture, accountId: string, unique = nextUnique()) {
  return client.request<{ createDnsOverride: { id: string; hostname: string } }, unknown>(
    `mutation ContractCreateDnsOverride($input: CreateDnsOverrideInput!) { createDnsOverride(input: $input) { id hostname } }`,
    { input: { ...fixture.samples.dnsOverride!(String(unique)), accountId } },
  );
}

export function addHostnameAuthorization(client: GraphQLTestClient, accountId: string, hostname: string) {
  return client.request<{ addHostnameAuthorization: { id: string; hostname: string } }, unknown>(
    `mutation ContractAddHostname($accountId: ID!, $hostname: String!) { addHostnameAuthorization(accountId: $accountId, hostname: $hostname) { id hostname } }`,
    { accountId, hostname },
  );
}

export interface IpResult {
  ok: boolean;
  alreadyDone: boolean;
  removedCount: number | null;
  notApplied: string[];
  error: { code: string } | null;
  ipAuthorization: { id: string; ip: string; user: string | null; expiresAt: string | null } | null;
}

export function authorizeIp(client: GraphQLTestClient, input: Record<string, unknown>) {
  return client.request<{ authorizeIp: IpResult[] }, unknown>(
    `mutation ContractAuthorizeIp($input: AuthorizeIpInput!) { authorizeIp(input: $input) { ${IP_RESULT_FIELDS} } }`,
    { input },
  );
}

export function revokeIp(client: GraphQLTestClient, ip: string, accountIds: string[]) {
  return client.request<{ revokeIp: IpResult[] }, unknown>(
    `mutation ContractRevokeIp($ip: String!, $accountIds: [ID!]) { revokeIp(ip: $ip, accountIds: $accountIds) { ${IP_RESULT_FIELDS} } }`,
    { ip, accountIds },
  );
}

/** Runs one of the writes a fixture can name, with the fixture's samples, on `accountId`. */
export function runSampleWrite(client: GraphQLTestClient, fixture: ProviderFixture, write: SampleWrite, accountId: string): Promise<GraphQLResult<unknown>> {
  const unique = nextUnique();
  switch (write) {
    case 'createSubUser':
      return createSubUser(client, fixture, accountId, unique);
    case 'createDnsOverride':
      return createDnsOverride(client, fixture, accountId, unique);
    case 'addHostnameAuthorization':
      return addHostnameAuthorization(client, accountId, fixture.samples.hostname!(String(unique)));
  }
}

/** One page of a connection: node ids and the page's claims. */
export interface Page {
  ids: string[];
  totalCount: number | null;
  hasNextPage: boolean;
  endCursor: string | null;
}

/** Reads one page of one connection. */
export type PageReader = (first: number, after: string | null) => Promise<Page>;

interface ConnectionJson {
  totalCount: number | null;
  edges: Array<{ node: { id: string } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const CONNECTION_SELECTION = 'totalCount edges { node { id } } pageInfo { hasNextPage endCursor }';

function toPage(connection: ConnectionJson): Page {
  return {
    ids: connection.edges.map((edge) => edge.node.id),
    totalCount: connection.totalCount,
    hasNextPage: connection.pageInfo.hasNextPage,
    endCursor: connection.pageInfo.endCursor,
  };
}

/** Pages of one account's `proxies` or `subUsers`. */
export function accountPages(client: GraphQLTestClient, accountId: string, field: PagedField): PageReader {
  return async (first, after) => {
    const data = await client.data<{ account: Record<PagedField, ConnectionJson> }, unknown>(
      `query ContractPage($id: ID!, $first: Int!, $after: String) { account(id: $id) { ${field}(first: $first, after: $after) { ${CONNECTION_SELECTION} } } }`,
      { id: accountId, first, after },
    );
    return toPage(data.account[field]);
  };
}

/** Pages of `Query.proxies`: every account's proxies, account after account. */
export function proxiesAcrossAccounts(client: GraphQLTestClient): PageReader {
  return async (first, after) => {
    const data = await client.data<{ proxies: ConnectionJson }, unknown>(
      `query ContractAcross($first: Int!, $after: String) { proxies(first: $first, after: $after) { ${CONNECTION_SELECTION} } }`,
      { first, after },
    );
    return toPage(data.proxies);
  };
}

/** Called around each page a walk reads (to count the upstream calls of one page, say). */
export interface WalkHooks {
  beforePage?(index: number): void;
  afterPage?(page: Page, index: number): void;
}

/** Every page, `first` at a time, until a page says there is no next one (at most 500 pages). */
export async function walkPages(read: PageReader, first: number, hooks: WalkHooks = {}): Promise<Page[]> {
  const pages: Page[] = [];
  let after: string | null = null;
  do {
    hooks.beforePage?.(pages.length);
    const page: Page = await read(first, after);
    hooks.afterPage?.(page, pages.length);
    pages.push(page);
    after = page.endCursor;
    if (!page.hasNextPage) break;
  } while (pages.length < 500);
  return pages;
}

/** The ids of every item, read 100 at a time. */
export async function allIds(read: PageReader): Promise<string[]> {
  return (await walkPages(read, 100)).flatMap((page) => page.ids);
}

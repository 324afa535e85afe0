/**
 * Capabilities ⇔ facets, by walking the schema: for every account, every field and mutation a capability
 * gates answers UNSUPPORTED_BY_PROVIDER without any upstream call when the account lacks the capability,
 * and never does when it has it. The table below names the capability of every schema field that reaches a
 * provider; a field that is in neither the table nor NEEDS_NO_CAPABILITY fails the suite, so a new field
 * cannot dodge the walk.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import type { Capability } from '../../src/core/providers';
import type { ErrorCode } from '../../src/core/errors';
import type { GraphQLResult, GraphQLTestClient } from '../support/graphql-client';
import { FIXTURES } from './fixtures';
import { startContractEstate, type ContractEstate } from './estate';
import { allCodes, missingId, providerEnum } from './operations';

interface ProbeTarget {
  accountId: string;
  provider: string;
}

interface Probe {
  capability: Capability;
  /** An operation whose input passes every check that comes before the provider is chosen. */
  query: string;
  variables(target: ProbeTarget): Record<string, unknown>;
  /** Undoes what the probe did on an account that has the capability. */
  cleanup?(client: GraphQLTestClient, data: Record<string, unknown>): Promise<void>;
}

const inOneDay = () => new Date(Date.now() + 86_400_000).toISOString();
const PROBE_IP = '203.0.113.250';
const PROBE_HOSTNAME = 'contract-probe.example.net';
const byId = (kind: Parameters<typeof missingId>[0]) => (target: ProbeTarget) => ({ id: missingId(kind, target.accountId) });
const byAccount = (target: ProbeTarget) => ({ id: target.accountId });
const readField = (capability: Capability, selection: string): Probe => ({
  capability,
  query: `query Probe($id: ID!) { account(id: $id) { ${selection} } }`,
  variables: byAccount,
});

/** Deletes what a create probe made, when it made something. */
const deleteCreated =
  (created: string, deleteMutation: string) =>
  async (client: GraphQLTestClient, data: Record<string, unknown>): Promise<void> => {
    const item = data[created] as { id: string } | null;
    if (item) await client.request(`mutation Cleanup($id: ID!) { ${deleteMutation}(id: $id) { deleted } }`, { id: item.id });
  };

/** Each schema field that reaches a provider, and the capability it needs. */
const PROBES: Record<string, Probe> = {
  'Account.profile': readField('PROFILE', 'profile { email }'),
  'Account.plan': readField('PLAN', 'plan { name }'),
  'Account.usage': readField('USAGE', 'usage { bandwidthUsedBytes }'),
  'Account.proxies': readField('PROXIES', 'proxies(first: 1) { totalCount }'),
  'Account.subUsers': readField('SUB_USERS', 'subUsers(first: 1) { totalCount }'),
  'Account.ipAuthorizations': readField('IP_AUTHORIZATIONS', 'ipAuthorizations { id }'),
  'Account.ipAuthorizationUsers': readField('IP_AUTHORIZATION_USERS', 'ipAuthorizationUsers { username }'),
  'Account.hostnameAuthorizations': readField('HOSTNAME_AUTHORIZATIONS', 'hostnameAuthorizations { id }'),
  'Account.dnsOverrides': readField('DNS_OVERRIDES', 'dnsOverrides { id }'),
  'Account.servers': readField('SERVERS', 'servers { hostname }'),
  'Account.services': readField('SERVICES', 'services { id }'),
  'Account.proxyCredentials': readField('PROXY_CREDENTIALS', 'proxyCredentials { username }'),
  'Account.proxyReplacements': readField('PROXY_REPLACEMENT', 'proxyReplacements(first: 1) { totalCount }'),
  'Account.proxyList': readField('PROXIES', 'proxyList(format: HOST_PORT, first: 1) { lineCount }'),
  'Account.usageSeries': readField('USAGE_HISTORY', `usageSeries(from: "${new Date(Date.now() - 3 * 3_600_000).toISOString()}") { hourStart }`),
  'Account.proxyActivity': readField('PROXY_ACTIVITY', 'proxyActivity(first: 1) { totalCount }'),
  'Account.replacedProxies': readField('PROXY_REPLACEMENT', 'replacedProxies(first: 1) { totalCount }'),
  'Account.downloadToken': readField('DOWNLOAD_TOKENS', 'downloadToken(scope: ACTIVITY) { expiresAt }'),
  'Account.proxyUserListOptions': readField('GENERATED_PROXY_LISTS', 'proxyUserListOptions(filter: { countries: ["US"] }) { username hasAccess }'),
  'Account.formattedProxyList': readField('GENERATED_PROXY_LISTS', 'formattedProxyList(filter: { countries: ["US"] }, authentication: IP_ADDRESS)'),
  'Account.residentialProxyList': readField('GENERATED_PROXY_LISTS', 'residentialProxyList(input: { count: 1 })'),
  'Account.proxyGateway': readField('PROXY_GATEWAY', 'proxyGateway { host usernameFor(targeting: { rotate: true }) }'),
  'Account.proxyListStatus': readField('PROXY_ALLOCATION', 'proxyListStatus { state unallocatedCount }'),
  'Account.proxyListStats': readField('PROXY_ALLOCATION', 'proxyListStats { asns { asn } }'),
  'Account.proxySettings': readField('PROXY_SETTINGS', 'proxySettings { requestTimeoutSeconds }'),

  // Cross-account queries ask an account that is named explicitly, so one that cannot answer says so.
  'Query.proxies': {
    capability: 'PROXIES',
    query: 'query Probe($id: ID!) { proxies(first: 1, filter: { accountIds: [$id] }) { edges { cursor } } }',
    variables: byAccount,
  },
  'Query.proxyList': {
    capability: 'PROXIES',
    query: 'query Probe($id: ID!) { proxyList(format: HOST_PORT, first: 1, filter: { accountIds: [$id] }) { lineCount } }',
    variables: byAccount,
  },
  'Query.ipAuthorizations': {
    capability: 'IP_AUTHORIZATIONS',
    query: 'query Probe($id: ID!) { ipAuthorizations(filter: { accountIds: [$id] }) { id } }',
    variables: byAccount,
  },
  'Query.dnsOverrides': {
    capability: 'DNS_OVERRIDES',
    query: 'query Probe($id: ID!) { dnsOverrides(filter: { accountIds: [$id] }) { id } }',
    variables: byAccount,
  },
  'Query.proxy': { capability: 'PROXIES', query: 'query Probe($id: ID!) { proxy(id: $id) { id } }', variables: byId('Proxy') },
  'Query.subUser': { capability: 'SUB_USERS', query: 'query Probe($id: ID!) { subUser(id: $id) { id } }', variables: byId('SubUser') },
  'Query.proxyReplacement': {
    capability: 'PROXY_REPLACEMENT',
    query: 'query Probe($id: ID!) { proxyReplacement(id: $id) { id } }',
    variables: byId('ProxyReplacement'),
  },
  'Query.countryPools': { capability: 'COUNTRY_POOLS', query: 'query Probe($id: ID!) { countryPools(accountId: $id) { country } }', variables: byAccount },
  'Query.networkServers': {
    capability: 'NETWORK_SERVERS',
    query: 'query Probe($provider: Provider!) { networkServers(provider: $provider) { hostname } }',
    variables: (target) => ({ provider: target.provider }),
  },

  'Mutation.createSubUser': {
    capability: 'SUB_USERS',
    query: 'mutation Probe($id: ID!) { createSubUser(input: { accountId: $id, username: "contractprobe" }) { id } }',
    variables: byAccount,
    cleanup: deleteCreated('createSubUser', 'deleteSubUser'),
  },
  'Mutation.updateSubUser': {
    capability: 'SUB_USERS',
    query: 'mutation Probe($id: ID!) { updateSubUser(id: $id, input: { label: "probe" }) { id } }',
    variables: byId('SubUser'),
  },
  'Mutation.deleteSubUser': { capability: 'SUB_USERS', query: 'mutation Probe($id: ID!) { deleteSubUser(id: $id) { deleted } }', variables: byId('SubUser') },
  'Mutation.setSubUserActive': {
    capability: 'SUB_USER_ACTIVATION',
    query: 'mutation Probe($id: ID!) { setSubUserActive(id: $id, active: true) { id } }',
    variables: byId('SubUser'),
  },
  'Mutation.refreshSubUserProxies': {
    capability: 'SUB_USER_PROXY_REFRESH',
    query: 'mutation Probe($id: ID!) { refreshSubUserProxies(id: $id) { id } }',
    variables: byId('SubUser'),
  },
  'Mutation.importSubUser': {
    capability: 'SUB_USER_IMPORT',
    query: 'mutation Probe($id: ID!) { importSubUser(accountId: $id, username: "contract-nobody") { id } }',
    variables: byAccount,
  },
  // authorizeIp before revokeIp: the revoke undoes the authorization on accounts that have the capability.
  'Mutation.authorizeIp': {
    capability: 'IP_AUTHORIZATIONS',
    query: `mutation Probe($id: ID!) { authorizeIp(input: { ip: "${PROBE_IP}", accountIds: [$id] }) { ok error { code } } }`,
    variables: byAccount,
  },
  'Mutation.revokeIp': {
    capability: 'IP_AUTHORIZATIONS',
    query: `mutation Probe($id: ID!) { revokeIp(ip: "${PROBE_IP}", accountIds: [$id]) { ok error { code } } }`,
    variables: byAccount,
  },
  'Mutation.revokeIpAuthorization': {
    capability: 'IP_AUTHORIZATIONS',
    query: 'mutation Probe($id: ID!) { revokeIpAuthorization(id: $id) { deleted } }',
    variables: byId('IpAuthorization'),
  },
  'Mutation.updateIpAuthorization': {
    capability: 'IP_AUTHORIZATION_UPDATES',
    query: 'mutation Probe($id: ID!, $expiresAt: DateTime!) { updateIpAuthorization(id: $id, input: { expiresAt: $expiresAt }) { id } }',
    variables: (target) => ({ id: missingId('IpAuthorization', target.accountId), expiresAt: inOneDay() }),
  },
  'Mutation.clearIpAuthorizations': {
    capability: 'IP_AUTHORIZATIONS',
    query: 'mutation Probe($id: ID!) { clearIpAuthorizations(accountId: $id) { deleted } }',
    variables: byAccount,
  },
  // add before remove, for the same reason.
  'Mutation.addHostnameAuthorization': {
    capability: 'HOSTNAME_AUTHORIZATIONS',
    query: `mutation Probe($id: ID!) { addHostnameAuthorization(accountId: $id, hostname: "${PROBE_HOSTNAME}") { id } }`,
    variables: byAccount,
  },
  'Mutation.removeHostnameAuthorization': {
    capability: 'HOSTNAME_AUTHORIZATIONS',
    query: `mutation Probe($id: ID!) { removeHostnameAuthorization(accountId: $id, hostname: "${PROBE_HOSTNAME}") { deleted } }`,
    variables: byAccount,
  },
  'Mutation.authorizeProxyServer': {
    capability: 'PROXY_SERVER_AUTHORIZATION',
    query: 'mutation Probe($id: ID!) { authorizeProxyServer(accountId: $id, host: "contract-probe") { hostname } }',
    variables: byAccount,
  },
  'Mutation.deauthorizeProxyServer': {
    capability: 'PROXY_SERVER_AUTHORIZATION',
    query: 'mutation Probe($id: ID!) { deauthorizeProxyServer(accountId: $id, host: "contract-probe") { deleted } }',
    variables: byAccount,
  },
  'Mutation.createDnsOverride': {
    capability: 'DNS_OVERRIDES',
    query: `mutation Probe($id: ID!, $expiresAt: DateTime!) {
      createDnsOverride(input: { accountId: $id, server: "contract-probe", hostname: "${PROBE_HOSTNAME}", ip: "203.0.113.251", expiresAt: $expiresAt }) { id }
    }`,
    variables: (target) => ({ id: target.accountId, expiresAt: inOneDay() }),
    cleanup: deleteCreated('createDnsOverride', 'deleteDnsOverride'),
  },
  'Mutation.updateDnsOverride': {
    capability: 'DNS_OVERRIDES',
    query: 'mutation Probe($id: ID!) { updateDnsOverride(id: $id, input: { ip: "203.0.113.252" }) { id } }',
    variables: byId('DnsOverride'),
  },
  'Mutation.deleteDnsOverride': {
    capability: 'DNS_OVERRIDES',
    query: 'mutation Probe($id: ID!) { deleteDnsOverride(id: $id) { deleted } }',
    variables: byId('DnsOverride'),
  },
  'Mutation.clearDnsOverrides': {
    capability: 'DNS_OVERRIDES',
    query: 'mutation Probe($id: ID!) { clearDnsOverrides(accountId: $id) { deleted } }',
    variables: byAccount,
  },
  'Mutation.replaceProxies': {
    capability: 'PROXY_REPLACEMENT',
    query: `mutation Probe($id: ID!) {
      replaceProxies(input: { accountId: $id, toReplace: { type: COUNTRY, countryCode: "US", count: 1 }, replaceWith: [{ type: ANY, count: 1 }], dryRun: true }) { id }
    }`,
    variables: byAccount,
  },
  'Mutation.refreshProxyList': {
    capability: 'PROXY_LIST_REFRESH',
    query: 'mutation Probe($id: ID!) { refreshProxyList(accountId: $id) { id } }',
    variables: byAccount,
  },
  'Mutation.updateProxyCredentials': {
    capability: 'PROXY_CREDENTIALS',
    query: 'mutation Probe($id: ID!) { updateProxyCredentials(accountId: $id, input: { requestTimeoutSeconds: 60 }) { id } }',
    variables: byAccount,
  },
  'Mutation.resetDownloadToken': {
    capability: 'DOWNLOAD_TOKENS',
    query: 'mutation Probe($id: ID!) { resetDownloadToken(accountId: $id, scope: ACTIVITY) { expiresAt } }',
    variables: byAccount,
  },
  'Mutation.updateProxySettings': {
    capability: 'PROXY_SETTINGS',
    query: 'mutation Probe($id: ID!) { updateProxySettings(accountId: $id, input: { autoReplaceOutOfRotationProxies: false }) { id } }',
    variables: byAccount,
  },
  // With the capability and nothing unallocated, this is BAD_USER_INPUT after one status read: never a write.
  'Mutation.allocateUnallocatedCountries': {
    capability: 'PROXY_ALLOCATION',
    query: 'mutation Probe($id: ID!) { allocateUnallocatedCountries(accountId: $id, countries: [{ country: "US", count: 1 }]) { id } }',
    variables: byAccount,
  },
  'Mutation.updateService': {
    capability: 'SERVICES',
    query: 'mutation Probe($id: ID!) { updateService(id: $id, input: { name: "probe" }) { id } }',
    variables: byId('Service'),
  },
  'Query.serviceAdjustment': {
    capability: 'SERVICES',
    query: 'query Probe($id: ID!) { serviceAdjustment(id: $id) { id } }',
    variables: byId('ServiceAdjustment'),
  },
  'Query.subUserAccessRule': {
    capability: 'SUB_USER_ACCESS_RULES',
    query: 'query Probe($id: ID!) { subUserAccessRule(id: $id) { id } }',
    variables: byId('SubUserAccessRule'),
  },
  'Mutation.createSubUserAccessRule': {
    capability: 'SUB_USER_ACCESS_RULES',
    query: 'mutation Probe($subUserId: ID!, $serviceId: ID!) { createSubUserAccessRule(input: { subUserId: $subUserId, serviceId: $serviceId }) { id } }',
    variables: (target) => ({ subUserId: missingId('SubUser', target.accountId), serviceId: missingId('Service', target.accountId) }),
  },
  'Mutation.setSubUserAccessType': {
    capability: 'SUB_USER_ACCESS_RULES',
    query: 'mutation Probe($id: ID!) { setSubUserAccessType(id: $id, accessType: SERVICE_RESTRICTED) { id } }',
    variables: byId('SubUser'),
  },
  'Mutation.deleteSubUserAccessRule': {
    capability: 'SUB_USER_ACCESS_RULES',
    query: 'mutation Probe($id: ID!) { deleteSubUserAccessRule(id: $id) { deleted } }',
    variables: byId('SubUserAccessRule'),
  },
  'Mutation.cancelService': {
    capability: 'SERVICES',
    query: 'mutation Probe($id: ID!) { cancelService(id: $id, input: { reason: OTHER }) { id } }',
    variables: byId('Service'),
  },
};

/** Fields that reach no provider, or answer for every account whatever it supports, and why. */
const NEEDS_NO_CAPABILITY: Record<string, string> = {
  'Query.auditLog': "ProxyGraph's own audit log, no provider",
  'Account.usageHistory': "ProxyGraph's own store, no provider; null without USAGE (test/graph/usage-history.test.ts)",
  'Query.viewer': "the caller's own principal, no provider",
  'Account.id': 'configuration',
  'Account.label': 'configuration',
  'Account.provider': 'configuration',
  'Account.capabilities': 'derived from the facets, no upstream call',
  'Query.accounts': 'configuration',
  'Query.account': 'configuration',
  'Query.usage': 'lists every account; one without USAGE says supported: false (tested below)',
  'Query._service': 'federation: the SDL',
  'Query._entities': 'federation: resolves references by id through the same loaders as the fields above',
  'Mutation.resetProviderCredentials': 'admin action on any account; closes a breaker, calls no provider',
};

/** The error vocabulary (core/errors.ts), as a record so the compiler keeps it complete. */
const VOCABULARY: Record<ErrorCode, true> = {
  BAD_USER_INPUT: true,
  UNAUTHENTICATED: true,
  FORBIDDEN: true,
  NOT_FOUND: true,
  UNSUPPORTED_BY_PROVIDER: true,
  PROVIDER_AUTH_FAILED: true,
  PROVIDER_FORBIDDEN: true,
  PLAN_LIMIT: true,
  CONFLICT: true,
  RATE_LIMITED: true,
  PROVIDER_UNAVAILABLE: true,
  PROVIDER_ERROR: true,
};

let estate: ContractEstate;

before(async () => {
  estate = await startContractEstate();
});

after(async () => {
  await estate?.stop();
});

function describeResult(result: GraphQLResult<unknown>): string {
  return JSON.stringify({ errors: result.errors.map((error) => ({ code: error.extensions?.code, message: error.message })), data: result.data }).slice(0, 600);
}

describe('the schema walk covers every field that reaches a provider', () => {
  test('every field of Account, Query and Mutation is in the capability table or named as needing none, and the table names only real fields', async () => {
    const introspection = await estate.client.data<IntrospectionQuery, unknown>(getIntrospectionQuery());
    const schema = buildClientSchema(introspection);
    const fields = ['Account', 'Query', 'Mutation'].flatMap((typeName) => {
      const type = schema.getType(typeName);
      assert.ok(type && 'getFields' in type, `${typeName} is an object type`);
      return Object.keys(type.getFields()).map((field) => `${typeName}.${field}`);
    });
    const unclassified = fields.filter((field) => !(field in PROBES) && !(field in NEEDS_NO_CAPABILITY));
    assert.deepEqual(unclassified, [], 'give each new field a probe (and its capability) or a reason it needs none');
    const stale = [...Object.keys(PROBES), ...Object.keys(NEEDS_NO_CAPABILITY)].filter((field) => !fields.includes(field));
    assert.deepEqual(stale, [], 'fields the table names that the schema no longer has');
  });
});

for (const fixture of FIXTURES) {
  describe(`${fixture.name}: capabilities predict which fields answer`, () => {
    test('the account reports the capabilities its fixture declares', async () => {
      const data = await estate.client.data<{ account: { capabilities: string[] } }, unknown>('query($id: ID!) { account(id: $id) { capabilities } }', {
        id: fixture.accountId,
      });
      assert.deepEqual([...data.account.capabilities].sort(), [...fixture.capabilities].sort());
    });

    test('a field or mutation whose capability the account lacks is UNSUPPORTED_BY_PROVIDER with no upstream call; with the capability it never is', async () => {
      const target: ProbeTarget = { accountId: fixture.accountId, provider: providerEnum(fixture) };
      // Every field is probed before the test fails, so one run names every field that breaks the rule.
      const problems: string[] = [];
      for (const [field, probe] of Object.entries(PROBES)) {
        estate.resetCalls();
        const result = await estate.client.request<Record<string, unknown>, unknown>(probe.query, probe.variables(target));
        const codes = allCodes(result);
        const about = `${field} (${probe.capability}): ${describeResult(result)}`;
        if (!fixture.capabilities.includes(probe.capability)) {
          if (codes.length === 0 || codes.some((code) => code !== 'UNSUPPORTED_BY_PROVIDER')) problems.push(`answered without the capability: ${about}`);
          if (result.errors.some((error) => error.extensions?.provider !== providerEnum(fixture))) problems.push(`names no provider: ${about}`);
          if (estate.upstreamCalls() > 0) problems.push(`called the provider without the capability: ${about}`);
        } else {
          if (codes.includes('UNSUPPORTED_BY_PROVIDER')) problems.push(`unsupported with the capability: ${about}`);
          if (codes.some((code) => !(code in VOCABULARY))) problems.push(`a code outside the vocabulary: ${about}`);
          if (result.data) await probe.cleanup?.(estate.client, result.data);
        }
      }
      assert.deepEqual(problems, []);
    });
  });
}

describe('usage across accounts', () => {
  test('Query.usage lists every account, supported exactly where the account has USAGE', async () => {
    const data = await estate.client.data<{ usage: { accounts: Array<{ supported: boolean; account: { id: string } }> } }, unknown>(
      '{ usage { accounts { supported account { id } } } }',
    );
    for (const fixture of FIXTURES) {
      const entry = data.usage.accounts.find((candidate) => candidate.account.id === fixture.accountId);
      assert.ok(entry, `${fixture.name} is listed`);
      assert.equal(entry.supported, fixture.capabilities.includes('USAGE'), fixture.name);
    }
  });
});

/**
 * Every operation the dashboard sends, with the shapes it reads. All are valid against today's
 * schema.graphql (test/browser/web-operations.test.ts validates them). The usage-history query is apart, in
 * usage-history.ts, until Account.usageHistory is merged.
 */
import { gql } from '@apollo/client';
import type { TypedDocumentNode } from '@apollo/client';

export type Provider = 'WEBSHARE' | 'PROXYMESH' | 'WONDERPROXY' | 'PINGPROXIES';
export const PROVIDERS: Provider[] = ['WEBSHARE', 'PROXYMESH', 'WONDERPROXY', 'PINGPROXIES'];
export const PROXY_STATUSES = ['OK', 'DEGRADED', 'DOWN', 'UNKNOWN'] as const;
export const PROXY_TYPES = ['DATACENTER', 'ISP', 'RESIDENTIAL', 'MOBILE', 'ROTATING_GATEWAY'] as const;
export const PROXY_LIST_FORMATS = ['HOST_PORT', 'HOST_PORT_USER_PASS', 'USER_PASS_AT_HOST_PORT', 'URL', 'CSV'] as const;

export interface OperationError {
  code: string;
  message: string;
  retryAfterSeconds?: number | null;
}

export interface Viewer {
  name: string | null;
  scopes: string[];
  authenticated: boolean;
}

export const VIEWER: TypedDocumentNode<{ viewer: Viewer }, Record<string, never>> = gql`
  query DashboardViewer {
    viewer {
      name
      scopes
      authenticated
    }
  }
`;

export interface AccountSummary {
  id: string;
  label: string | null;
  provider: Provider;
  capabilities: string[];
}

export interface UsageFigures {
  bandwidthUsedBytes: number | null;
  bandwidthLimitBytes: number | null;
  bandwidthRemainingBytes: number | null;
  requestsTotal: number | null;
  period: string | null;
  periodStart: string | null;
  periodEnd: string | null;
}

export interface OverviewData {
  accounts: (AccountSummary & {
    plan: {
      name: string | null;
      type: string | null;
      status: string | null;
      proxyCount: number | null;
      periodStart: string | null;
      periodEnd: string | null;
      bandwidthLimitBytes: number | null;
    } | null;
  })[];
  usage: {
    accounts: { account: { id: string }; supported: boolean; usage: UsageFigures | null; error: OperationError | null }[];
  };
}

export const OVERVIEW: TypedDocumentNode<OverviewData, Record<string, never>> = gql`
  query DashboardOverview {
    accounts {
      id
      label
      provider
      capabilities
      plan {
        name
        type
        status
        proxyCount
        periodStart
        periodEnd
        bandwidthLimitBytes
      }
    }
    usage {
      accounts {
        account {
          id
        }
        supported
        usage {
          bandwidthUsedBytes
          bandwidthLimitBytes
          bandwidthRemainingBytes
          requestsTotal
          period
          periodStart
          periodEnd
        }
        error {
          code
          message
          retryAfterSeconds
        }
      }
    }
  }
`;

export const ACCOUNTS: TypedDocumentNode<{ accounts: AccountSummary[] }, Record<string, never>> = gql`
  query DashboardAccounts {
    accounts {
      id
      label
      provider
      capabilities
    }
  }
`;

export interface ProxyFilter {
  providers?: Provider[];
  accountIds?: string[];
  countries?: string[];
  statuses?: string[];
  types?: string[];
}

export interface ProxyNode {
  id: string;
  host: string;
  ports: { http: number | null; socks5: number | null };
  country: string | null;
  city: string | null;
  status: string;
  type: string | null;
  provider: Provider;
  account: { id: string; label: string | null };
}

export interface PageInfo {
  endCursor: string | null;
  hasNextPage: boolean;
}

export const PROXIES: TypedDocumentNode<
  { proxies: { totalCount: number | null; edges: { node: ProxyNode }[]; pageInfo: PageInfo } },
  { filter: ProxyFilter; first: number; after: string | null }
> = gql`
  query DashboardProxies($filter: ProxyFilter, $first: Int, $after: String) {
    proxies(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
          host
          ports {
            http
            socks5
          }
          country
          city
          status
          type
          provider
          account {
            id
            label
          }
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`;

export const PROXY_LIST: TypedDocumentNode<
  { proxyList: { text: string; lineCount: number; skippedCount: number; pageInfo: PageInfo } },
  { format: string; filter: ProxyFilter; first: number }
> = gql`
  query DashboardProxyList($format: ProxyListFormat!, $filter: ProxyFilter, $first: Int) {
    proxyList(format: $format, filter: $filter, first: $first) {
      text
      lineCount
      skippedCount
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`;

export interface AccountOperationResult {
  ok: boolean;
  alreadyDone: boolean;
  notApplied: string[];
  error: OperationError | null;
  account: { id: string; label: string | null; provider: Provider };
}

export const AUTHORIZE_IP: TypedDocumentNode<{ authorizeIp: AccountOperationResult[] }, { input: { ip: string; accountIds?: string[] } }> = gql`
  mutation DashboardAuthorizeIp($input: AuthorizeIpInput!) {
    authorizeIp(input: $input) {
      ok
      alreadyDone
      notApplied
      error {
        code
        message
        retryAfterSeconds
      }
      account {
        id
        label
        provider
      }
    }
  }
`;

export interface AccessData {
  account: {
    id: string;
    ipAuthorizations?:
      | { id: string; ip: string; user: string | null; expiresAt: string | null; createdAt: string | null; subUser: { id: string; username: string } | null }[]
      | null;
    hostnameAuthorizations?: { id: string; hostname: string; subUser: { id: string; username: string } | null }[] | null;
    dnsOverrides?: { id: string; server: string; hostname: string; ip: string; expiresAt: string; status: string }[] | null;
    subUsers?: {
      totalCount: number | null;
      edges: {
        node: {
          id: string;
          username: string;
          label: string | null;
          active: boolean;
          bandwidthLimitBytes: number | null;
          monthlyBandwidthLimitBytes: number | null;
          bandwidthUsedBytes: number | null;
          monthlyBandwidthUsedBytes: number | null;
          maxThreads: number | null;
        };
      }[];
    } | null;
  } | null;
}

export const ACCESS: TypedDocumentNode<AccessData, { id: string; ips: boolean; hostnames: boolean; dns: boolean; subUsers: boolean }> = gql`
  query DashboardAccess($id: ID!, $ips: Boolean!, $hostnames: Boolean!, $dns: Boolean!, $subUsers: Boolean!) {
    account(id: $id) {
      id
      ipAuthorizations @include(if: $ips) {
        id
        ip
        user
        expiresAt
        createdAt
        subUser {
          id
          username
        }
      }
      hostnameAuthorizations @include(if: $hostnames) {
        id
        hostname
        subUser {
          id
          username
        }
      }
      dnsOverrides @include(if: $dns) {
        id
        server
        hostname
        ip
        expiresAt
        status
      }
      subUsers(first: 100) @include(if: $subUsers) {
        totalCount
        edges {
          node {
            id
            username
            label
            active
            bandwidthLimitBytes
            monthlyBandwidthLimitBytes
            bandwidthUsedBytes
            monthlyBandwidthUsedBytes
            maxThreads
          }
        }
      }
    }
  }
`;

export const REVOKE_IP_AUTHORIZATION: TypedDocumentNode<{ revokeIpAuthorization: { deleted: boolean } }, { id: string }> = gql`
  mutation DashboardRevokeIpAuthorization($id: ID!) {
    revokeIpAuthorization(id: $id) {
      deleted
    }
  }
`;

export const ADD_HOSTNAME: TypedDocumentNode<{ addHostnameAuthorization: { id: string } }, { accountId: string; hostname: string }> = gql`
  mutation DashboardAddHostname($accountId: ID!, $hostname: String!) {
    addHostnameAuthorization(accountId: $accountId, hostname: $hostname) {
      id
    }
  }
`;

export const REMOVE_HOSTNAME: TypedDocumentNode<
  { removeHostnameAuthorization: { deleted: boolean } },
  { accountId: string; hostname: string; subUserId: string | null }
> = gql`
  mutation DashboardRemoveHostname($accountId: ID!, $hostname: String!, $subUserId: ID) {
    removeHostnameAuthorization(accountId: $accountId, hostname: $hostname, subUserId: $subUserId) {
      deleted
    }
  }
`;

export const DELETE_DNS_OVERRIDE: TypedDocumentNode<{ deleteDnsOverride: { deleted: boolean } }, { id: string }> = gql`
  mutation DashboardDeleteDnsOverride($id: ID!) {
    deleteDnsOverride(id: $id) {
      deleted
    }
  }
`;

export const SET_SUB_USER_ACTIVE: TypedDocumentNode<{ setSubUserActive: { id: string; active: boolean } }, { id: string; active: boolean }> = gql`
  mutation DashboardSetSubUserActive($id: ID!, $active: Boolean!) {
    setSubUserActive(id: $id, active: $active) {
      id
      active
    }
  }
`;

export interface AuditEntry {
  id: string;
  at: string;
  principal: string;
  operation: string | null;
  accountId: string;
  provider: Provider;
  action: string;
  targets: string[];
  outcome: string;
}

export const AUDIT_LOG: TypedDocumentNode<
  { auditLog: { edges: { cursor: string; node: AuditEntry }[]; pageInfo: PageInfo } },
  { first: number; after: string | null; filter: { accountIds?: string[] } | null }
> = gql`
  query DashboardAuditLog($first: Int, $after: String, $filter: AuditLogFilter) {
    auditLog(first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          id
          at
          principal
          operation
          accountId
          provider
          action
          targets
          outcome
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`;

/** Every document above, for the test that validates them against the schema. */
export const ALL_OPERATIONS = [
  VIEWER,
  OVERVIEW,
  ACCOUNTS,
  PROXIES,
  PROXY_LIST,
  AUTHORIZE_IP,
  ACCESS,
  REVOKE_IP_AUTHORIZATION,
  ADD_HOSTNAME,
  REMOVE_HOSTNAME,
  DELETE_DNS_OVERRIDE,
  SET_SUB_USER_ACTIVE,
  AUDIT_LOG,
];

export interface ProxyStatusChange {
  proxy: { id: string; host: string; status: string; account: { id: string; label: string | null } };
  previousStatus: string;
  status: string;
  observedAt: string;
}

/**
 * Proxies whose status changes, on every account the key may see that lists proxies. The payload's
 * `proxy { id status }` lands in the cache under the proxy's id, so every list showing it updates.
 */
export const PROXY_STATUS_CHANGES: TypedDocumentNode<{ proxyStatusChanged: ProxyStatusChange }, Record<string, never>> = gql`
  subscription DashboardProxyStatusChanges {
    proxyStatusChanged {
      proxy {
        id
        host
        status
        account {
          id
          label
        }
      }
      previousStatus
      status
      observedAt
    }
  }
`;

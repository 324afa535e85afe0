/**
 * The audit log: every write to a provider is recorded where all mutations cross (the write view's facets)
 * with who, what, which account and how it ended, never a secret; `auditLog` shows the entries of the
 * accounts the caller may see, newest first, in pages.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startHarness, type Harness } from '../support/harness';
import { errorCodes } from '../support/graphql-client';
import { FileAuditLog } from '../../src/state/audit-log';

const KEYS = { admin: 'audit-admin-key-0123456789abcdef', twinReader: 'audit-twin-reader-0123456789abcd' };
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const AUDIT = `query Audit($first: Int, $after: String, $filter: AuditLogFilter) {
  auditLog(first: $first, after: $after, filter: $filter) {
    edges { cursor node { id at principal requestId operation accountId provider action targets outcome upstreamRequestId } }
    pageInfo { hasNextPage endCursor }
  }
}`;
type AuditPage = {
  auditLog: {
    edges: Array<{ cursor: string; node: Record<string, unknown> & { action: string; accountId: string; targets: string[]; outcome: string } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

let harness: Harness;
/** An entry as the file log stores it (one sub-user created on `ws`), for the store's own tests. */
const storedEntry = (operation: string | null) => ({
  at: new Date().toISOString(),
  principal: 'p',
  requestId: null,
  operation,
  accountId: 'ws',
  provider: 'webshare' as const,
  action: 'subUsers.create',
  targets: [] as string[],
  outcome: 'OK',
  upstreamRequestId: null,
});
const as = (key: string) => harness.client.withHeaders({ authorization: `Bearer ${key}` });

before(async () => {
  harness = await startHarness({
    auth: {
      mode: 'apiKeys',
      keys: [
        { name: 'admin', sha256: sha256(KEYS.admin), scopes: ['read', 'write', 'credentials'], accounts: ['*'] },
        { name: 'twin-reader', sha256: sha256(KEYS.twinReader), scopes: ['read'], accounts: ['ws-twin'] },
      ],
    },
    extraAccounts: (webshare) => [{ id: 'ws-twin', provider: 'webshare', baseUrl: webshare.origin, credentials: { token: webshare.credentials.token } }],
  });
});
after(() => harness?.stop());

describe('recording', () => {
  test('each kind of write is recorded with its principal, request, operation, account, targets and outcome; a secret never is', async () => {
    const admin = as(KEYS.admin);
    await admin.request('mutation AddIp { authorizeIp(input: { ip: "31.14.15.61", accountIds: ["ws"] }) { ok } }', undefined, {
      'x-request-id': 'audit-req-1',
    });
    await admin.request('mutation NewPassword { updateProxyCredentials(accountId: "ws", input: { password: "auditSecret9876" }) { id } }');
    const created = await admin.data<{ createSubUser: { id: string } }, unknown>(
      'mutation Create { createSubUser(input: { accountId: "ws-twin", label: "audited" }) { id } }',
    );
    await admin.request('mutation Remove($id: ID!) { deleteSubUser(id: $id) { deleted } }', { id: created.createSubUser.id });
    await admin.request('mutation Gone { revokeIp(ip: "31.14.15.250", accountIds: ["ws"]) { ok } }');

    const page = await admin.data<AuditPage, unknown>(AUDIT, { first: 20 });
    const entries = page.auditLog.edges.map((edge) => edge.node);
    const byAction = (action: string) => entries.find((entry) => entry.action === action);
    const added = byAction('ipAuthorizations.authorize')!;
    assert.deepEqual(
      {
        principal: added.principal,
        requestId: added.requestId,
        operation: added.operation,
        accountId: added.accountId,
        provider: added.provider,
        outcome: added.outcome,
      },
      { principal: 'admin', requestId: 'audit-req-1', operation: 'AddIp', accountId: 'ws', provider: 'WEBSHARE', outcome: 'OK' },
    );
    assert.ok(added.targets.includes('31.14.15.61'));
    assert.equal(byAction('proxyCredentials.update')?.outcome, 'OK');
    assert.equal(byAction('subUsers.create')?.accountId, 'ws-twin');
    assert.equal(byAction('subUsers.delete')?.outcome, 'OK');
    // Newest first; revoking an IP the account does not hold sends no write, so it leaves no entry.
    assert.equal(entries[0].operation, 'Remove');
    assert.ok(!entries.some((entry) => entry.operation === 'Gone'));
    assert.ok(!JSON.stringify(page).includes('auditSecret9876'));
    assert.ok(!JSON.stringify(page).includes(harness.webshare.credentials.token));
  });

  test('a write the provider refuses is recorded with its error code', async () => {
    harness.webshare.server.injectFault({
      endpoint: 'POST /api/v2/proxy/ipauthorization/',
      status: 400,
      body: { ip_address: ['Enter a valid IPv4 or IPv6 address.'] },
      times: 1,
    });
    await as(KEYS.admin).request('mutation Refused { authorizeIp(input: { ip: "31.14.15.62", accountIds: ["ws"] }) { ok } }');
    const page = await as(KEYS.admin).data<AuditPage, unknown>(AUDIT, { first: 1, filter: { actions: ['ipAuthorizations.authorize'] } });
    assert.equal(page.auditLog.edges[0].node.outcome, 'BAD_USER_INPUT');
    assert.deepEqual(page.auditLog.edges[0].node.targets, ['31.14.15.62']);
  });
});

describe('reading', () => {
  test('a key sees only the entries of the accounts it may see, and pages follow their cursors without repeats', async () => {
    const twin = await as(KEYS.twinReader).data<AuditPage, unknown>(AUDIT, { first: 50 });
    assert.ok(twin.auditLog.edges.length >= 2);
    assert.ok(twin.auditLog.edges.every((edge) => edge.node.accountId === 'ws-twin'));

    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 20; pages += 1) {
      const page: AuditPage = await as(KEYS.admin).data<AuditPage, unknown>(AUDIT, { first: 2, after });
      seen.push(...page.auditLog.edges.map((edge) => String(edge.node.id)));
      if (!page.auditLog.pageInfo.hasNextPage) break;
      after = page.auditLog.pageInfo.endCursor;
    }
    const all = await as(KEYS.admin).data<AuditPage, unknown>(AUDIT, { first: 100 });
    assert.deepEqual(
      seen,
      all.auditLog.edges.map((edge) => String(edge.node.id)),
    );
    assert.equal(new Set(seen).size, seen.length);
  });

  test('a foreign cursor or an action that is not facet.method is BAD_USER_INPUT', async () => {
    assert.deepEqual(errorCodes(await as(KEYS.admin).request(AUDIT, { first: 2, after: 'b2Zmc2V0OjE5OQ' })), ['BAD_USER_INPUT']);
    assert.deepEqual(errorCodes(await as(KEYS.admin).request(AUDIT, { first: 2, filter: { actions: ['drop table'] } })), ['BAD_USER_INPUT']);
  });
});

test('the file log keeps entries across restarts and drops those past the retention', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const path = join(mkdtempSync(join(tmpdir(), 'audit-')), 'audit.jsonl');
  const old = { id: '000000000000001-000000001', ...storedEntry(null), at: new Date(Date.now() - 40 * 86_400_000).toISOString() };
  writeFileSync(path, `${JSON.stringify(old)}\n`);
  const first = new FileAuditLog(path, 30);
  await first.append({ ...old, at: new Date().toISOString() });
  const again = new FileAuditLog(path, 30);
  const { entries } = await again.list({ first: 10, accountIds: new Set(['ws']) });
  assert.equal(entries.length, 1);
  assert.notEqual(entries[0].at, old.at);
});

test('the file log keeps at most its entry bound in memory and on disk, oldest dropped first', async () => {
  const { mkdtempSync, readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const path = join(mkdtempSync(join(tmpdir(), 'audit-')), 'audit.jsonl');
  const log = new FileAuditLog(path, 30, 3);
  for (const operation of ['a', 'b', 'c', 'd', 'e']) await log.append(storedEntry(operation));
  assert.deepEqual(
    (await log.list({ first: 10, accountIds: new Set(['ws']) })).entries.map((kept) => kept.operation),
    ['e', 'd', 'c'],
  );
  assert.equal(readFileSync(path, 'utf8').split('\n').filter(Boolean).length, 5);
  const reopened = new FileAuditLog(path, 30, 3);
  assert.deepEqual(
    (await reopened.list({ first: 10, accountIds: new Set(['ws']) })).entries.map((kept) => kept.operation),
    ['e', 'd', 'c'],
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(readFileSync(path, 'utf8').split('\n').filter(Boolean).length, 3);
});

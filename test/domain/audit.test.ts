/**
 * Every kind of write is audited where every mutation path crosses it (the write view's facets, domain/audit.ts):
 * for each write method of each facet, a call through the write view leaves one entry naming the action,
 * the targets and the outcome; a call that fails leaves the error code; reads leave nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FACET_NAMES, FACET_WRITES, type AccountSession, type FacetName } from '../../src/providers/contract/session';
import { ProxyGraphError } from '../../src/core/errors';
import { Principal } from '../../src/domain/principal';
import { RequestScope } from '../../src/domain/request-scope';
import { FileAuditLog } from '../../src/state/audit-log';
import { fakeScope } from '../support/fake-accounts';

/** A session with every facet; each method answers a record, or fails with CONFLICT when `failing`. */
function everyFacet(failing: boolean): AccountSession {
  const session: Record<string, unknown> = {};
  for (const name of FACET_NAMES) {
    session[name] = new Proxy(
      {},
      {
        get: (_target, method) =>
          typeof method === 'string'
            ? async () => {
                if (failing) throw new ProxyGraphError('CONFLICT', `${name}.${method} refused`);
                return { nativeId: 'answer-1' };
              }
            : undefined,
      },
    );
  }
  return session as AccountSession;
}

async function auditedCalls(failing: boolean) {
  const log = new FileAuditLog(null, 90);
  const { registry } = fakeScope([{ id: 'acct', session: () => everyFacet(failing) }]);
  const scope = new RequestScope(new Principal('auditor', new Set(['read', 'write']), '*'), registry, {
    deadlineAtMs: Number.POSITIVE_INFINITY,
    maxUpstreamCalls: Number.POSITIVE_INFINITY,
    requestId: 'req-audit',
    auditLog: log,
  });
  scope.operationName = 'EveryWrite';
  const expected: string[] = [];
  for (const name of FACET_NAMES) {
    for (const method of FACET_WRITES[name] as readonly string[]) {
      expected.push(`${name}.${method}`);
      const facet = scope.writes.facet('acct', name as FacetName) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
      await facet[method]('target-9').catch(() => undefined);
    }
    // A read through the read view is not a write.
    const reader = scope.reads.facet('acct', name as FacetName) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    await reader.list?.().catch(() => undefined);
  }
  const { entries } = await log.list({ first: 1_000, accountIds: new Set(['acct']) });
  return { expected, entries: [...entries].reverse() };
}

test('every write method of every facet leaves one entry with its action, target, request and OK', async () => {
  const { expected, entries } = await auditedCalls(false);
  assert.equal(expected.length, 29, 'the write kinds FACET_WRITES lists');
  assert.deepEqual(
    entries.map((entry) => entry.action),
    expected,
  );
  for (const entry of entries) {
    assert.equal(entry.outcome, 'OK', entry.action);
    assert.deepEqual(entry.targets, ['target-9'], entry.action);
    assert.equal(entry.principal, 'auditor');
    assert.equal(entry.requestId, 'req-audit');
    assert.equal(entry.operation, 'EveryWrite');
  }
});

test('a write that fails is recorded with its error code', async () => {
  const { expected, entries } = await auditedCalls(true);
  assert.deepEqual(
    entries.map((entry) => [entry.action, entry.outcome]),
    expected.map((action) => [action, 'CONFLICT']),
  );
});

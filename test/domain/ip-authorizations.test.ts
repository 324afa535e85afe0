/**
 * The cross-account IP rules (domain/ip-authorizations.ts) with fake sessions: which accounts are reached,
 * idempotency whatever the arguments, what a provider cannot honour, configured defaults, and a later
 * expiry extending an entry.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ProxyGraphError } from '../../src/core/errors';
import type { AuthorizeIpParams, UpdateIpAuthorizationParams } from '../../src/providers/contract/params';
import type { IpAuthorizationRecord } from '../../src/providers/contract/records';
import type { IpAuthorizationOptions, IpAuthorizationsFacet, IpAuthorizationUpdatesFacet } from '../../src/providers/contract/session';
import { authorizeIpEverywhere, revokeIpEverywhere } from '../../src/domain/ip-authorizations';
import { fakeScope } from '../support/fake-accounts';

const HOUR_MS = 3_600_000;

/** An in-memory IP list that answers CONFLICT for an IP already on it, like every provider does. */
function fakeIps(options: IpAuthorizationOptions, initial: IpAuthorizationRecord[] = []) {
  const entries = [...initial];
  const authorized: AuthorizeIpParams[] = [];
  let next = 1;
  const facet: IpAuthorizationsFacet = {
    options,
    async list() {
      return entries.map((entry) => ({ ...entry }));
    },
    async get(nativeId) {
      return entries.find((entry) => entry.nativeId === nativeId) ?? null;
    },
    async authorize(params) {
      authorized.push(params);
      if (entries.some((entry) => entry.ip === params.ip)) throw new ProxyGraphError('CONFLICT', 'already on the list');
      const record = {
        nativeId: String(next++),
        ip: params.ip,
        subUserNativeId: params.subUserNativeId ?? null,
        user: params.user ?? null,
        expiresAt: params.expiresAt ?? null,
      };
      entries.push(record);
      return record;
    },
    async revoke(nativeId) {
      const index = entries.findIndex((entry) => entry.nativeId === nativeId);
      if (index < 0) throw new ProxyGraphError('NOT_FOUND', 'gone');
      entries.splice(index, 1);
    },
  };
  const updates: IpAuthorizationUpdatesFacet = {
    async update(nativeId, params: UpdateIpAuthorizationParams) {
      const entry = entries.find((candidate) => candidate.nativeId === nativeId)!;
      if (params.expiresAt) entry.expiresAt = params.expiresAt;
      return { ...entry };
    },
  };
  return { facet, updates, entries, authorized };
}

const ACCOUNT_WIDE: IpAuthorizationOptions = { subUsers: false, users: null, expiry: null };
const WITH_SUB_USERS: IpAuthorizationOptions = { subUsers: true, users: null, expiry: null };
const WITH_USERS_AND_EXPIRY = (defaultUser: string | null): IpAuthorizationOptions => ({
  subUsers: false,
  users: { defaultUser },
  expiry: { defaultLifetimeMs: 30 * 24 * HOUR_MS },
});

describe('authorizing one IP on many accounts', () => {
  test('one call with nothing but the IP succeeds everywhere, the configured default user and lifetime filling what a provider needs', async () => {
    const webshare = fakeIps(ACCOUNT_WIDE);
    const wonderproxy = fakeIps(WITH_USERS_AND_EXPIRY('joe'));
    const scope = fakeScope([
      { id: 'ws', session: () => ({ ipAuthorizations: webshare.facet }) },
      { id: 'wp', session: () => ({ ipAuthorizations: wonderproxy.facet, ipAuthorizationUpdates: wonderproxy.updates }) },
    ]);
    const before = Date.now();
    const outcomes = await authorizeIpEverywhere(scope.writes, { ip: '198.51.100.7' });
    assert.deepEqual(
      outcomes.map((outcome) => [outcome.account.id, outcome.ok]),
      [
        ['ws', true],
        ['wp', true],
      ],
    );
    assert.deepEqual(webshare.authorized[0], { ip: '198.51.100.7', subUserNativeId: null, user: null, expiresAt: null });
    assert.equal(wonderproxy.authorized[0].user, 'joe');
    assert.ok(Math.abs(wonderproxy.authorized[0].expiresAt!.getTime() - (before + 30 * 24 * HOUR_MS)) < 5_000);
  });

  test('what a provider cannot carry is left out for it and named in notApplied; a provider that carries it gets it', async () => {
    const webshare = fakeIps(ACCOUNT_WIDE);
    const wonderproxy = fakeIps(WITH_USERS_AND_EXPIRY(null));
    const scope = fakeScope([
      { id: 'ws', session: () => ({ ipAuthorizations: webshare.facet }) },
      { id: 'wp', session: () => ({ ipAuthorizations: wonderproxy.facet, ipAuthorizationUpdates: wonderproxy.updates }) },
    ]);
    const expiresAt = new Date(Date.now() + 2 * HOUR_MS);
    const outcomes = await authorizeIpEverywhere(scope.writes, { ip: '198.51.100.8', user: 'jack', expiresAt });
    const byAccount = Object.fromEntries(outcomes.map((outcome) => [outcome.account.id, outcome.ok ? outcome.value.notApplied : outcome.error]));
    assert.deepEqual(byAccount, { ws: ['user', 'expiresAt'], wp: [] });
    assert.deepEqual(webshare.authorized[0], { ip: '198.51.100.8', subUserNativeId: null, user: null, expiresAt: null });
    assert.deepEqual(wonderproxy.authorized[0], { ip: '198.51.100.8', subUserNativeId: null, user: 'jack', expiresAt });
  });

  test('repeating the same call is done, not an error, and a later expiry extends the entry instead of being dropped', async () => {
    const wonderproxy = fakeIps(WITH_USERS_AND_EXPIRY('joe'));
    const scope = fakeScope([{ id: 'wp', session: () => ({ ipAuthorizations: wonderproxy.facet, ipAuthorizationUpdates: wonderproxy.updates }) }]);
    const soon = new Date(Date.now() + 2 * HOUR_MS);
    const later = new Date(Date.now() + 5 * HOUR_MS);
    const [first] = await authorizeIpEverywhere(scope.writes, { ip: '198.51.100.9', expiresAt: soon });
    const [again] = await authorizeIpEverywhere(scope.writes, { ip: '198.51.100.9', expiresAt: soon });
    const [extended] = await authorizeIpEverywhere(scope.writes, { ip: '198.51.100.9', expiresAt: later });
    assert.ok(first.ok && again.ok && extended.ok);
    assert.equal(first.value.alreadyDone, false);
    assert.equal(again.value.alreadyDone, true);
    assert.equal(extended.value.alreadyDone, false);
    assert.equal(wonderproxy.entries.length, 1);
    assert.equal(wonderproxy.entries[0].expiresAt!.getTime(), later.getTime());
  });

  test('the same IP held by another owner stays a CONFLICT for that account only', async () => {
    const wonderproxy = fakeIps(WITH_USERS_AND_EXPIRY('joe'), [
      { nativeId: '9', ip: '198.51.100.10', user: 'jill', expiresAt: new Date(Date.now() + HOUR_MS) },
    ]);
    const webshare = fakeIps(ACCOUNT_WIDE);
    const scope = fakeScope([
      { id: 'wp', session: () => ({ ipAuthorizations: wonderproxy.facet, ipAuthorizationUpdates: wonderproxy.updates }) },
      { id: 'ws', session: () => ({ ipAuthorizations: webshare.facet }) },
    ]);
    const outcomes = await authorizeIpEverywhere(scope.writes, { ip: '198.51.100.10' });
    assert.deepEqual(
      outcomes.map((outcome) => [outcome.account.id, outcome.ok ? 'ok' : (outcome.error as ProxyGraphError).code]),
      [
        ['wp', 'CONFLICT'],
        ['ws', 'ok'],
      ],
    );
  });

  test('a sub-user on a provider that authorizes whole accounts is UNSUPPORTED_BY_PROVIDER, never widened to the account', async () => {
    const webshare = fakeIps(ACCOUNT_WIDE);
    const proxymesh = fakeIps(WITH_SUB_USERS);
    const scope = fakeScope([
      { id: 'ws', session: () => ({ ipAuthorizations: webshare.facet }) },
      { id: 'pm', session: () => ({ ipAuthorizations: proxymesh.facet }) },
    ]);
    const outcomes = await authorizeIpEverywhere(scope.writes, {
      ip: '198.51.100.11',
      subUsers: [
        { accountId: 'ws', nativeId: '12' },
        { accountId: 'pm', nativeId: 'alice' },
      ],
    });
    assert.equal(outcomes[0].ok, false);
    assert.equal((outcomes[0] as { error: ProxyGraphError }).error.code, 'UNSUPPORTED_BY_PROVIDER');
    assert.deepEqual(webshare.authorized, []);
    assert.equal(proxymesh.authorized[0].subUserNativeId, 'alice');
  });

  test('an unknown or hidden account named is NOT_FOUND before any account is written; an account without IP authorizations named is UNSUPPORTED for it', async () => {
    const webshare = fakeIps(ACCOUNT_WIDE);
    const scope = fakeScope(
      [
        { id: 'ws', session: () => ({ ipAuthorizations: webshare.facet }) },
        { id: 'plain', session: () => ({}) },
        { id: 'hidden', session: () => ({}) },
      ],
      {
        accounts: ['ws', 'plain'],
      },
    );
    for (const accountIds of [
      ['ws', 'nope'],
      ['ws', 'hidden'],
    ]) {
      await assert.rejects(authorizeIpEverywhere(scope.writes, { ip: '198.51.100.12', accountIds }), (error: ProxyGraphError) => error.code === 'NOT_FOUND');
    }
    assert.deepEqual(webshare.authorized, []);
    const outcomes = await authorizeIpEverywhere(scope.writes, { ip: '198.51.100.12', accountIds: ['ws', 'plain'] });
    assert.deepEqual(
      outcomes.map((outcome) => [outcome.account.id, outcome.ok ? 'ok' : (outcome.error as ProxyGraphError).code]),
      [
        ['ws', 'ok'],
        ['plain', 'UNSUPPORTED_BY_PROVIDER'],
      ],
    );
  });

  test('a non-public IP or a past expiry is BAD_USER_INPUT before any account is written', async () => {
    const webshare = fakeIps(ACCOUNT_WIDE);
    const scope = fakeScope([{ id: 'ws', session: () => ({ ipAuthorizations: webshare.facet }) }]);
    for (const request of [{ ip: '127.0.0.1' }, { ip: '198.51.100.13', expiresAt: new Date(Date.now() - 1_000) }]) {
      await assert.rejects(authorizeIpEverywhere(scope.writes, request), (error: ProxyGraphError) => error.code === 'BAD_USER_INPUT');
    }
    assert.deepEqual(webshare.authorized, []);
  });
});

describe('removing one IP from many accounts', () => {
  test('every spelling the provider holds goes, and removing it again is done with nothing removed', async () => {
    const proxymesh = fakeIps(WITH_SUB_USERS, [
      { nativeId: '1', ip: '::ffff:c633:640e', subUserNativeId: null },
      { nativeId: '2', ip: '198.51.100.14', subUserNativeId: 'alice' },
      { nativeId: '3', ip: '198.51.100.15', subUserNativeId: null },
    ]);
    const scope = fakeScope([{ id: 'pm', session: () => ({ ipAuthorizations: proxymesh.facet }) }]);
    const [first] = await revokeIpEverywhere(scope.writes, { ip: '198.51.100.14' });
    assert.ok(first.ok);
    assert.equal(first.value, 2);
    assert.deepEqual(
      proxymesh.entries.map((entry) => entry.nativeId),
      ['3'],
    );
    const [again] = await revokeIpEverywhere(scope.writes, { ip: '198.51.100.14' });
    assert.ok(again.ok);
    assert.equal(again.value, 0);
  });
});

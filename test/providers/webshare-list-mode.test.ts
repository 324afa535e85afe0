/**
 * Which Webshare proxy list an account reads (list-mode.ts), with a fake plan: direct until known, the plan
 * decides after a refusal or an empty answer, and what it decided is remembered.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ProxyGraphError } from '../../src/core/errors';
import { WebshareListModeMemory, WebshareListModes } from '../../src/providers/webshare/list-mode';
import type { WebshareAccountReads } from '../../src/providers/webshare/session-reads';
import type { WebshareProxyListMode } from '../../src/providers/webshare/wire';

function modesFor(subtype: string) {
  let planReads = 0;
  const account = { plan: async () => (planReads++, { proxy_subtype: subtype }) } as unknown as WebshareAccountReads;
  const memory = new WebshareListModeMemory();
  return { modes: new WebshareListModes(memory, account), memory, planReads: () => planReads };
}

const refusal = () => new ProxyGraphError('BAD_USER_INPUT', 'mode', { fields: { mode: ['Residential proxies are only available in backbone mode.'] } });

describe('Webshare list mode', () => {
  test('a datacenter list is read directly without a plan read, and direct is remembered', async () => {
    const { modes, memory, planReads } = modesFor('default');
    const seen: WebshareProxyListMode[] = [];
    const count = await modes.read(
      async (mode) => (seen.push(mode), 250),
      (n) => n === 0,
    );
    assert.deepEqual([count, seen, planReads(), memory.known()], [250, ['direct'], 0, 'direct']);
  });

  test('a refused direct read lets the plan decide: backbone, read again and remembered', async () => {
    const { modes, memory, planReads } = modesFor('residential');
    const seen: WebshareProxyListMode[] = [];
    const count = await modes.read(
      async (mode) => {
        seen.push(mode);
        if (mode === 'direct') throw refusal();
        return 40;
      },
      (n) => n === 0,
    );
    assert.deepEqual([count, seen, planReads(), memory.known()], [40, ['direct', 'backbone'], 1, 'backbone']);
    seen.length = 0;
    await modes.read(
      async (mode) => (seen.push(mode), 40),
      (n) => n === 0,
    );
    assert.deepEqual(seen, ['backbone']);
  });

  test('an empty direct answer also asks the plan; other errors pass through untouched', async () => {
    const { modes } = modesFor('residential');
    const seen: WebshareProxyListMode[] = [];
    assert.equal(
      await modes.read(
        async (mode) => (seen.push(mode), mode === 'direct' ? 0 : 40),
        (n) => n === 0,
      ),
      40,
    );
    assert.deepEqual(seen, ['direct', 'backbone']);
    const other = modesFor('default').modes;
    await assert.rejects(
      other.read(
        async () => {
          throw new ProxyGraphError('PROVIDER_UNAVAILABLE', 'down');
        },
        () => false,
      ),
      (error: ProxyGraphError) => error.code === 'PROVIDER_UNAVAILABLE',
    );
  });
});

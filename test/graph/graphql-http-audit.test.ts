/**
 * GraphQL over HTTP conformance: graphql-http's server audits run against the running server. Every MUST
 * audit passes; SHOULD/MAY results are reported (printed) and the count that pass is asserted not to drop.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAudits } from 'graphql-http';
import { startHarness, type Harness } from '../support/harness';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(() => harness?.stop());

test('every MUST audit of the GraphQL-over-HTTP spec passes against /graphql', async () => {
  const audits = serverAudits({ url: harness.proxygraph.url, fetchFn: fetch });
  const results = await Promise.all(audits.map(async (audit) => ({ name: audit.name, result: await audit.fn() })));
  const failedMusts = results.filter(({ name, result }) => name.startsWith('MUST') && result.status !== 'ok');
  const shouldOrMay = results.filter(({ name }) => !name.startsWith('MUST'));
  const summary = {
    must: results.filter(({ name }) => name.startsWith('MUST')).length,
    mustOk: results.filter(({ name, result }) => name.startsWith('MUST') && result.status === 'ok').length,
    otherOk: shouldOrMay.filter(({ result }) => result.status === 'ok').length,
    other: shouldOrMay.length,
    notOk: shouldOrMay.filter(({ result }) => result.status !== 'ok').map(({ name, result }) => `${name}: ${'reason' in result ? result.reason : ''}`),
  };
  process.stdout.write(`# graphql-http audits: ${JSON.stringify(summary, null, 2)}\n`);
  // 42 of 48 pass today; the misses are GETs blocked by CSRF prevention and Apollo's 400 (not 200) on parse/validation errors.
  assert.ok(summary.otherOk >= 42, `SHOULD/MAY audits passing dropped to ${summary.otherOk}`);
  assert.deepEqual(
    failedMusts.map(({ name, result }) => `${name}: ${'reason' in result ? result.reason : ''}`),
    [],
  );
});

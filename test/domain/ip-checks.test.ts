/** The IP rules of src/domain/checks/ip.ts as a pure unit: syntax, canonical form, refused address classes. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalIp, canonicalOrNull, publicIp, sameIp } from '../../src/domain/checks/ip';
import { ProxyGraphError } from '../../src/core/errors';

function refusal(run: () => unknown): ProxyGraphError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ProxyGraphError);
    return error;
  }
  assert.fail('expected BAD_USER_INPUT');
}

describe('canonicalIp', () => {
  test('writes every spelling of one address the same way', () => {
    const cases: Array<[string, string]> = [
      ['198.51.100.81', '198.51.100.81'],
      [' 198.51.100.81\n', '198.51.100.81'],
      ['::ffff:198.51.100.81', '198.51.100.81'],
      ['::FFFF:C633:6451', '198.51.100.81'],
      ['0:0:0:0:0:ffff:c633:6451', '198.51.100.81'],
      ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['2001:0db8::0001', '2001:db8::1'],
    ];
    for (const [input, expected] of cases) assert.equal(canonicalIp(input), expected, input);
  });

  test('refuses zone ids, non-decimal IPv4 spellings, deprecated forms, overlong text and non-addresses, naming the field', () => {
    for (const input of [
      'fe80::1%eth0',
      `fe80::1%${'x'.repeat(10_000)}`,
      '127.1',
      '0x7f.0.0.1',
      '010.1.1.1',
      '1.2.3.256',
      '::1.2.3.4',
      '1.2.3.4 5',
      '',
      ' ',
      'example.com',
      `1${' '.repeat(40)}.2.3.4`,
      '1:2:3:4:5:6:7:8:9',
    ]) {
      const error = refusal(() => canonicalIp(input, 'input.ip'));
      assert.equal(error.code, 'BAD_USER_INPUT', input);
      assert.deepEqual(Object.keys(error.details.fields ?? {}), ['input.ip'], input);
    }
  });
});

describe('publicIp', () => {
  test("refuses addresses that are never a client's public source IP", () => {
    for (const input of [
      '0.0.0.0',
      '0.1.2.3',
      '127.0.0.1',
      '127.9.9.9',
      '255.255.255.255',
      '240.0.0.1',
      '169.254.169.254',
      '10.0.0.1',
      '172.31.255.255',
      '192.168.0.1',
      '100.64.0.1',
      '100.127.255.254',
      '224.0.0.1',
      '239.255.255.255',
      '192.0.0.8',
      '198.18.0.1',
      '::',
      '::1',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:a9fe:a9fe',
      '100::1',
      'fec0::1',
    ]) {
      assert.equal(refusal(() => publicIp(input)).code, 'BAD_USER_INPUT', input);
    }
  });

  test('accepts public and documentation addresses, in canonical form', () => {
    const cases: Array<[string, string]> = [
      ['8.8.8.8', '8.8.8.8'],
      ['192.0.2.1', '192.0.2.1'],
      ['198.51.100.81', '198.51.100.81'],
      ['203.0.113.254', '203.0.113.254'],
      ['::ffff:203.0.113.9', '203.0.113.9'],
      ['2001:DB8::AB', '2001:db8::ab'],
      ['2606:4700:4700::1111', '2606:4700:4700::1111'],
      ['172.32.0.1', '172.32.0.1'],
      ['100.128.0.1', '100.128.0.1'],
    ];
    for (const [input, expected] of cases) assert.equal(publicIp(input), expected, input);
  });
});

describe('comparing with what a provider holds', () => {
  test('sameIp compares canonical forms and never throws on provider text', () => {
    assert.ok(sameIp('198.51.100.81', '::ffff:c633:6451'));
    assert.ok(sameIp('2001:db8::1', '2001:DB8:0::1'));
    assert.ok(!sameIp('198.51.100.81', '198.51.100.82'));
    assert.ok(sameIp('garbage', 'GARBAGE'));
    assert.equal(canonicalOrNull('not an ip'), null);
    assert.equal(canonicalOrNull('::ffff:c633:6451'), '198.51.100.81');
  });
});

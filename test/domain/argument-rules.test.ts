/** The pure input rules behind item 7: argument scanning by GraphQL input type, and query-text nesting. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { argumentProblems, MAX_JSON_DEPTH } from '../../src/domain/checks/arguments';
import { queryNesting } from '../../src/http/query-nesting';

const schema = buildSchema(`
  scalar JSONObject
  input CancelServiceInput { comment: String reason: String }
  input Filter { countries: [String!] accountIds: [ID!] }
  type Query { probe(id: ID, input: CancelServiceInput, filter: Filter, metadata: JSONObject, names: [String!]): Int }
`);
const args = (schema.getType('Query') as GraphQLObjectType).getFields().probe.args;
/** An object `levels` deep (a flat object is 1). */
const nested = (levels: number): Record<string, unknown> => (levels === 1 ? {} : { a: nested(levels - 1) });

describe('argumentProblems', () => {
  test('names each offending argument path once', () => {
    assert.deepEqual(Object.keys(argumentProblems({ id: 'a\u0000', filter: { countries: ['us', 'x\u0085', 'y\u0001'] } }, args)), ['id', 'filter.countries']);
  });

  test('allows tab, newline and carriage return only in free text', () => {
    assert.deepEqual(argumentProblems({ input: { comment: 'a\tb\r\nc' } }, args), {});
    assert.deepEqual(Object.keys(argumentProblems({ input: { reason: 'a\nb' } }, args)), ['input.reason']);
    assert.deepEqual(Object.keys(argumentProblems({ input: { comment: 'a\u0000b' } }, args)), ['input.comment']);
  });

  test('bounds id lists at 100 and other lists at 1 000', () => {
    assert.deepEqual(argumentProblems({ filter: { accountIds: Array(100).fill('a') } }, args), {});
    assert.deepEqual(Object.keys(argumentProblems({ filter: { accountIds: Array(101).fill('a') } }, args)), ['filter.accountIds']);
    assert.deepEqual(argumentProblems({ names: Array(1_000).fill('a') }, args), {});
    assert.deepEqual(Object.keys(argumentProblems({ names: Array(1_001).fill('a') }, args)), ['names']);
  });

  test('bounds JSON depth without recursing past the bound, and checks JSON keys and string values', () => {
    assert.deepEqual(argumentProblems({ metadata: nested(MAX_JSON_DEPTH) }, args), {});
    assert.deepEqual(Object.keys(argumentProblems({ metadata: nested(MAX_JSON_DEPTH + 1) }, args)), ['metadata']);
    let deep: Record<string, unknown> = {}; // 100 001 levels: a recursive scan would overflow the stack
    for (let level = 0; level < 100_000; level++) deep = { a: deep };
    assert.deepEqual(Object.keys(argumentProblems({ metadata: deep }, args)), ['metadata']);
    assert.deepEqual(Object.keys(argumentProblems({ metadata: { 'k\u0000': 1 } }, args)), ['metadata']);
    assert.deepEqual(argumentProblems({ metadata: { note: 'line\nline' } }, args), {});
  });
});

describe('queryNesting', () => {
  test('counts braces, brackets and parentheses outside strings, block strings and comments', () => {
    assert.equal(queryNesting('{ a { b(x: [1, {y: 2}]) } }'), 5);
    assert.equal(queryNesting('{ a(s: "{{{{[[[[", t: """ {{{{ \\""" {{{{ """) # {{{{{{\n }'), 2);
  });

  test('stops counting once past the limit', () => {
    assert.equal(queryNesting('{'.repeat(1_000_000), 64), 65);
  });
});

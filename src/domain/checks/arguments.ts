/**
 * Rules every GraphQL argument meets before any resolver runs (one place, so no path can miss them):
 * no control characters in strings, bounded lists, bounded JSON depth. Type-directed: the argument's
 * GraphQL input type says which values are ids, free text or JSON, and problems are reported under the
 * argument path (`input.metadata`, `filter.countries`).
 *
 * Free text (a cancellation comment, JSON string values) may hold tab, newline and carriage return; every
 * other string refuses all C0 and C1 control characters and DEL: a NUL or a line break in a username,
 * label or id is never meant, and providers store or forward it as is.
 */
import { getNamedType, isInputObjectType, isListType, isNonNullType, isScalarType, type GraphQLArgument, type GraphQLInputType } from 'graphql';

/** Ids in one list (accounts, sub-users): one request names at most this many. */
export const MAX_ID_LIST_LENGTH = 100;
/** Any other list argument (countries, replacement selectors, JSON arrays). */
export const MAX_LIST_LENGTH = 1_000;
/** Levels of a JSON value (a flat object is 1): deeper values are refused before anything recurses over them. */
export const MAX_JSON_DEPTH = 16;

// Control characters are what these patterns are for.
/* eslint-disable no-control-regex */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/* eslint-enable no-control-regex */

/** Input fields that are free text (tab, newline, carriage return allowed), as `InputType.field`. */
const FREE_TEXT = new Set(['CancelServiceInput.comment']);

const JSON_SCALARS = new Set(['JSONObject', 'JSON']);

export type Problems = Record<string, string[]>;

function add(problems: Problems, path: string, message: string): void {
  const list = (problems[path] ??= []);
  if (!list.includes(message)) list.push(message);
}

function stringProblem(value: string, freeText: boolean): string | null {
  return (freeText ? CONTROL_BUT_LINE_BREAKS : CONTROL).test(value)
    ? `control characters are not allowed${freeText ? ' (tab, newline and carriage return are)' : ''}`
    : null;
}

/** Depth-first with a depth bound, so recursion never goes deeper than MAX_JSON_DEPTH + 1 frames. */
function jsonProblem(value: unknown, depth: number): string | null {
  if (typeof value === 'string') return stringProblem(value, true);
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_JSON_DEPTH) return `JSON nested deeper than ${MAX_JSON_DEPTH} levels`;
  if (Array.isArray(value)) {
    if (value.length > MAX_LIST_LENGTH) return `JSON lists hold at most ${MAX_LIST_LENGTH} items`;
    for (const item of value) {
      const problem = jsonProblem(item, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    if (CONTROL.test(key)) return 'control characters are not allowed in keys';
    const problem = jsonProblem(item, depth + 1);
    if (problem) return problem;
  }
  return null;
}

function walk(value: unknown, type: GraphQLInputType, path: string, freeText: boolean, problems: Problems): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return walk(value, type.ofType, path, freeText, problems);
  if (isListType(type)) {
    const items = Array.isArray(value) ? value : [value];
    const max = getNamedType(type).name === 'ID' ? MAX_ID_LIST_LENGTH : MAX_LIST_LENGTH;
    if (items.length > max) return add(problems, path, `at most ${max} items`);
    for (const item of items) walk(item, type.ofType, path, freeText, problems);
    return;
  }
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      if (field) walk(item, field.type, `${path}.${name}`, FREE_TEXT.has(`${type.name}.${name}`), problems);
    }
    return;
  }
  if (!isScalarType(type)) return;
  const problem = JSON_SCALARS.has(type.name) ? jsonProblem(value, 1) : typeof value === 'string' ? stringProblem(value, freeText) : null;
  if (problem) add(problems, path, problem);
}

/** Problems with a field's coerced arguments, keyed by argument path; empty when there are none. */
export function argumentProblems(args: Record<string, unknown>, definitions: readonly GraphQLArgument[]): Problems {
  const problems: Problems = {};
  for (const definition of definitions) walk(args[definition.name], definition.type, definition.name, false, problems);
  return problems;
}

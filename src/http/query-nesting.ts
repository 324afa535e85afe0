/**
 * Nesting in the query text, bounded before GraphQL parses it. graphql-js parses values recursively: an
 * object literal 5 000 levels deep overflows the parser's stack (reported as a parse error saying "Maximum
 * call stack size exceeded") before the token limit is reached. A linear scan of `{ [ (` outside strings
 * and comments refuses such text as BAD_USER_INPUT first. Real operations stay far below the bound: the
 * selection depth limit is 12 and JSON arguments may nest 16 levels (domain/checks/arguments.ts).
 */
import type { RequestHandler } from 'express';

export const MAX_QUERY_NESTING = 64;

const OPEN = new Set(['{', '[', '(']);
const CLOSE = new Set(['}', ']', ')']);

/** The deepest bracket nesting of GraphQL text, counting stopped once it passes `limit`. */
export function queryNesting(query: string, limit = MAX_QUERY_NESTING): number {
  let depth = 0;
  let deepest = 0;
  for (let at = 0; at < query.length; at++) {
    const char = query[at];
    if (char === '#') {
      while (at < query.length && query[at] !== '\n' && query[at] !== '\r') at++;
    } else if (query.startsWith('"""', at)) {
      // Block string: runs to the next unescaped """.
      at += 3;
      while (at < query.length && !(query.startsWith('"""', at) && query[at - 1] !== '\\')) at++;
      at += 2;
    } else if (char === '"') {
      at++;
      while (at < query.length && query[at] !== '"' && query[at] !== '\n') at += query[at] === '\\' ? 2 : 1;
    } else if (OPEN.has(char)) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (CLOSE.has(char)) {
      depth = Math.max(0, depth - 1);
    }
  }
  return deepest;
}

/** Express middleware for /graphql: a query (POST body, batch entry or GET parameter) nested too deep is a 400. */
export function refuseDeepQueries(limit = MAX_QUERY_NESTING): RequestHandler {
  return (req, res, next) => {
    const body: unknown = req.body;
    const entries = Array.isArray(body) ? body : [body, req.query];
    const tooDeep = entries.some((entry) => {
      const query = (entry as { query?: unknown } | null | undefined)?.query;
      return typeof query === 'string' && queryNesting(query, limit) > limit;
    });
    if (!tooDeep) return next();
    res.status(400).json({
      errors: [{ message: `the operation nests brackets deeper than ${limit} levels`, extensions: { code: 'BAD_USER_INPUT' } }],
    });
  };
}

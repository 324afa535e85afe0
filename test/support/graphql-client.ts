/** A tiny GraphQL-over-HTTP client for tests: typed documents in, status + data + errors out. */
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

export interface GraphQLErrorJson {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown> & { code?: string };
}

export interface GraphQLResult<TData> {
  status: number;
  headers: Headers;
  data: TData | null | undefined;
  errors: GraphQLErrorJson[];
}

export class GraphQLTestClient {
  constructor(
    readonly url: string,
    private readonly defaultHeaders: Record<string, string> = {},
  ) {}

  withHeaders(headers: Record<string, string>): GraphQLTestClient {
    return new GraphQLTestClient(this.url, { ...this.defaultHeaders, ...headers });
  }

  async request<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables> | string,
    variables?: TVariables,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResult<TData>> {
    const query = typeof document === 'string' ? document : print(document);
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...this.defaultHeaders, ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    let body: { data?: TData | null; errors?: GraphQLErrorJson[] };
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`non-JSON response ${response.status}: ${text.slice(0, 200)}`);
    }
    return { status: response.status, headers: response.headers, data: body.data, errors: body.errors ?? [] };
  }

  /** Like request, but fails the test when the response has errors. */
  async data<TData, TVariables>(document: TypedDocumentNode<TData, TVariables> | string, variables?: TVariables): Promise<TData> {
    const result = await this.request(document, variables);
    if (result.errors.length > 0 || !result.data) {
      throw new Error(`unexpected GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
    }
    return result.data;
  }
}

/** The `extensions.code` of every error, in order: what tests assert instead of message text. */
export function errorCodes(result: GraphQLResult<unknown>): string[] {
  return result.errors.map((error) => String(error.extensions?.code));
}

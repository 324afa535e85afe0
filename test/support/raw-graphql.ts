/** A GraphQL POST that returns the whole response body, `extensions` included (warnings live there). */
export interface RawGraphQLResponse {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> & { code?: string } }>;
    extensions?: { warnings?: Array<{ code: string; message: string; accountId: string }> } & Record<string, unknown>;
  };
}

export async function postGraphQL(url: string, query: string, variables?: Record<string, unknown>): Promise<RawGraphQLResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as RawGraphQLResponse['body'] };
}

/** A typed error from the graph: its code (extensions.code / OperationError.code) and message. */
export function ErrorNote({ code, message, testId }: { code: string; message: string; testId?: string }) {
  return (
    <div className="error-note" role="alert" data-testid={testId ?? 'error'}>
      <span className="badge badge-error">{code}</span> {message}
    </div>
  );
}

interface GraphErrorLike {
  message: string;
  extensions?: Record<string, unknown>;
}

/** The errors of a partial answer (Apollo's CombinedGraphQLErrors), else the error's own message. */
export function graphErrors(error: unknown): GraphErrorLike[] {
  if (!error) return [];
  const errors = (error as { errors?: GraphErrorLike[] }).errors;
  if (Array.isArray(errors)) return errors;
  return [{ message: error instanceof Error ? error.message : String(error), extensions: { code: 'NETWORK_ERROR' } }];
}

export function ErrorList({ error }: { error: unknown }) {
  const errors = graphErrors(error);
  if (!errors.length) return null;
  return (
    <div>
      {errors.map((entry, index) => (
        <ErrorNote key={index} code={String(entry.extensions?.code ?? 'ERROR')} message={entry.message} />
      ))}
    </div>
  );
}

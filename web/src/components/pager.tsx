/**
 * Back and forward through a Relay connection: `cursors` is the stack of `after` values of the pages seen
 * (null for the first), so going back needs no `before` from the graph.
 */
export interface PagerProps {
  cursors: (string | null)[];
  setCursors(cursors: (string | null)[]): void;
  pageInfo: { hasNextPage: boolean; endCursor: string | null } | undefined;
  backLabel: string;
  forwardLabel: string;
}

export function Pager({ cursors, setCursors, pageInfo, backLabel, forwardLabel }: PagerProps) {
  return (
    <div className="pager">
      <button type="button" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
        {backLabel}
      </button>
      <button type="button" disabled={!pageInfo?.hasNextPage} onClick={() => pageInfo?.endCursor && setCursors([...cursors, pageInfo.endCursor])}>
        {forwardLabel}
      </button>
    </div>
  );
}

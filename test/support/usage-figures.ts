/** Assertions about usage figures shared by the graph and contract tests. */
import assert from 'node:assert/strict';

interface RequestCounts {
  requestsTotal?: number | null;
  requestsSucceeded?: number | null;
  requestsFailed?: number | null;
}

/** requestsTotal = requestsSucceeded + requestsFailed, or the split is null (a provider without one). */
export function assertRequestCountsAddUp(figures: RequestCounts, label: string): void {
  if (figures.requestsSucceeded == null || figures.requestsFailed == null) {
    assert.deepEqual([figures.requestsSucceeded, figures.requestsFailed], [null, null], label);
  } else {
    assert.equal(figures.requestsTotal, figures.requestsSucceeded + figures.requestsFailed, label);
  }
}

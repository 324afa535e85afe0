/**
 * Who and what a Webshare request is about: the plan (`plan_id`, else the subscription's default plan [C])
 * and the reader (`X-Subuser` masquerade on proxy config, list and stats [C], else the plan owner).
 */
import type { SimRequest, SimResponse } from '../kit';
import type { ProxyList } from './proxies';
import type { PlanState, ProxyConfigState, SubuserState, WebshareState } from './state';
import { fieldError, integerParam, NOT_FOUND } from './http';

export function resolvePlan(state: WebshareState, req: SimRequest): PlanState | SimResponse {
  const planId = integerParam(req, 'plan_id');
  if (planId === undefined) return state.plans.get(state.subscription.plan)!;
  if (Number.isNaN(planId)) return fieldError('plan_id', 'A valid integer is required.', 'invalid');
  return state.plans.get(planId) ?? NOT_FOUND; // [I] an unknown plan reads as not found
}

export interface Reader {
  planState: PlanState;
  config: ProxyConfigState;
  list: ProxyList;
  subuser?: SubuserState;
}

export function resolveReader(state: WebshareState, req: SimRequest): Reader | SimResponse {
  const planState = resolvePlan(state, req);
  if (!('plan' in planState)) return planState;
  const header = req.headers['x-subuser'];
  if (header === undefined) return { planState, config: planState.config, list: planState.list };
  const subuser = /^\d+$/.test(String(header)) ? state.subusers.get(Number(header)) : undefined;
  // [I] masquerading as a sub-user of another plan (or none) is not found
  if (!subuser || subuser.planId !== planState.plan.id) return NOT_FOUND;
  return { planState, config: subuser.config, list: subuser.list ?? planState.list, subuser };
}

/** A numeric path id of an object that belongs to the plan, or 404. */
export function ownedBy<T extends { planId: number }>(items: Map<number, T>, rawId: string, planState: PlanState): T | undefined {
  if (!/^\d+$/.test(rawId)) return undefined;
  const item = items.get(Number(rawId));
  return item && item.planId === planState.plan.id ? item : undefined;
}

export function isResponse(value: unknown): value is SimResponse {
  return (
    typeof value === 'object' &&
    value !== null &&
    'status' in value &&
    typeof (value as SimResponse).status === 'number' &&
    !('plan' in value) &&
    !('planState' in value)
  );
}

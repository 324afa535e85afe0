/** Result shapes shared by mutations. */
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ProxyGraphError } from '../../core/errors';
import { accountNode, type AccountNode, type IpAuthorizationNode } from './nodes';
import type { AccountOutcome } from '../../domain/fan-out';

@ObjectType({ description: 'What a delete-style mutation removed.' })
export class DeletedPayload {
  @Field(() => ID, { nullable: true, description: 'Global id of the removed item, when one item was removed.' })
  id!: string | null;

  @Field(() => Boolean)
  deleted!: boolean;

  @Field(() => Int, { nullable: true, description: 'How many items were removed, when the provider says.' })
  count!: number | null;
}

@ObjectType({ description: 'A typed error for one account inside a multi-account result.' })
export class OperationError {
  @Field(() => String, { description: "Same codes as GraphQL errors' extensions.code." })
  code!: string;

  @Field(() => String)
  message!: string;

  @Field(() => Int, { nullable: true })
  retryAfterSeconds!: number | null;

  @Field(() => String, { nullable: true })
  upstreamRequestId!: string | null;
}

export function operationErrorFrom(error: unknown): OperationError {
  if (error instanceof ProxyGraphError) {
    return {
      code: error.code,
      message: error.message,
      retryAfterSeconds: error.details.retryAfterSeconds ?? null,
      upstreamRequestId: error.details.upstreamRequestId ?? null,
    };
  }
  return { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', retryAfterSeconds: null, upstreamRequestId: null };
}

export interface AccountOperationResultShape {
  account: AccountNode;
  ok: boolean;
  alreadyDone: boolean;
  ipAuthorization: IpAuthorizationNode | null;
  removedCount: number | null;
  notApplied: string[];
  error: OperationError | null;
}

/**
 * One account's result of a multi-account mutation: `describe` says what a success carries (the item,
 * alreadyDone, a count); a failure carries its typed error.
 */
export function operationResult<T>(
  outcome: AccountOutcome<T>,
  describe: (value: T) => Partial<Pick<AccountOperationResultShape, 'alreadyDone' | 'ipAuthorization' | 'removedCount' | 'notApplied'>>,
): AccountOperationResultShape {
  const base = {
    account: accountNode(outcome.account),
    ok: outcome.ok,
    alreadyDone: false,
    ipAuthorization: null,
    removedCount: null,
    notApplied: [],
    error: null,
  };
  return outcome.ok ? { ...base, ...describe(outcome.value) } : { ...base, error: operationErrorFrom(outcome.error) };
}

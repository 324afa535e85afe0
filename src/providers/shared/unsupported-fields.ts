/**
 * The graph's sub-user input carries the fields of every provider; a field one provider has no place for is
 * refused naming it, never dropped silently (an argument a provider cannot honour is said, not lost).
 */
import type { CreateSubUserParams } from '../contract/params';

export function unsupportedFieldProblems(
  params: CreateSubUserParams,
  fields: readonly (keyof CreateSubUserParams)[],
  provider: string,
  problems: Record<string, string[]>,
): void {
  for (const field of fields) if (params[field] != null) (problems[field] ??= []).push(`not supported by ${provider}`);
}

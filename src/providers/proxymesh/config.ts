/** The configuration of a proxymesh account (README, Configuration): the common fields plus its own. */
import { z } from 'zod';
import { accountBase } from '../../config/account-base';
import type { AccountIssue } from '../../config/account-issue';
import { PROXYMESH_USERNAME, PROXYMESH_USERNAME_RULE } from './validate';

export const proxymeshAccount = z
  .object({
    ...accountBase,
    provider: z.literal('proxymesh'),
    credentials: z.union([
      z.object({ username: z.string().min(1), password: z.string().min(1) }).strict(),
      z.object({ bearerToken: z.string().min(1) }).strict(),
    ]),
    /**
     * Sub-account usernames ProxyGraph should know about (ProxyMesh has no list endpoint). Each must be a
     * username ProxyMesh accepts: one it could never hold would only be skipped, so it is refused at boot.
     */
    knownSubAccounts: z.array(z.string().regex(PROXYMESH_USERNAME, `must be a ProxyMesh username (${PROXYMESH_USERNAME_RULE})`)).optional(),
  })
  .strict();

type ProxyMeshAccountConfig = z.infer<typeof proxymeshAccount>;

/**
 * Rules across fields: no known sub-account may be the parent itself (a sub-account cannot take the parent's
 * username [C], so ProxyMesh would answer 403/404 and the name would be dropped unseen).
 */
export function proxymeshAccountIssues(account: ProxyMeshAccountConfig): AccountIssue[] {
  if (!('username' in account.credentials)) return [];
  const parent = account.credentials.username.toLowerCase();
  return (account.knownSubAccounts ?? []).flatMap((username, index) =>
    username.toLowerCase() === parent
      ? [{ path: ['knownSubAccounts', index], message: "is the parent account's username, which no sub-account can take" }]
      : [],
  );
}

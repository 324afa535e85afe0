/** The configuration of a proxymesh account (README, Configuration): the common fields plus its own. */
import { z } from 'zod';
import { accountBase } from '../../config/account-base';

export const proxymeshAccount = z
  .object({
    ...accountBase,
    provider: z.literal('proxymesh'),
    credentials: z.union([
      z.object({ username: z.string().min(1), password: z.string().min(1) }).strict(),
      z.object({ bearerToken: z.string().min(1) }).strict(),
    ]),
    /** Sub-account usernames ProxyGraph should know about (ProxyMesh has no list endpoint). */
    knownSubAccounts: z.array(z.string().min(1).max(30)).optional(),
  })
  .strict();

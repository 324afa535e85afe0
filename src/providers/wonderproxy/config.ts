/** The configuration of a wonderproxy account (README, Configuration): the common fields plus its own. */
import { z } from 'zod';
import { accountBase } from '../../config/account-base';
import { WONDERPROXY_USER } from './validate';

export const wonderproxyAccount = z
  .object({
    ...accountBase,
    provider: z.literal('wonderproxy'),
    credentials: z.object({ token: z.string().min(1) }).strict(),
    /**
     * WonderProxy authlist entries belong to a user and expire: what `authorizeIp` uses when a request names
     * no user or expiry, so one `authorizeIp(ip)` works on this account too.
     */
    ipAuthorizations: z
      .object({
        /** An active Proxy User of the contract. */
        defaultUser: z.string().regex(WONDERPROXY_USER, 'must be a WonderProxy user name').optional(),
        /** Lifetime of an entry made without expiresAt (default 30 days). */
        defaultLifetimeDays: z.number().int().min(1).max(3_650).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** The configuration of a webshare account (README, Configuration): the common fields plus its own. */
import { z } from 'zod';
import { accountBase } from '../../config/account-base';

export const webshareAccount = z
  .object({
    ...accountBase,
    provider: z.literal('webshare'),
    credentials: z.object({ token: z.string().min(1) }).strict(),
    /** Multi-plan accounts: which plan this account entry manages (null/absent = the default plan). */
    planId: z.union([z.number().int().positive(), z.string().regex(/^\d+$/), z.null()]).optional(),
  })
  .strict();

/** The configuration of a pingproxies account (README, Configuration): the common fields plus its own. */
import { z } from 'zod';
import { accountBase } from '../../config/account-base';

export const pingproxiesAccount = z
  .object({
    ...accountBase,
    provider: z.literal('pingproxies'),
    credentials: z.object({ publicKey: z.string().min(1), privateKey: z.string().min(1) }).strict(),
  })
  .strict();

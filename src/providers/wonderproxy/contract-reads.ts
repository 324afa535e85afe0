/**
 * The contract (`GET /v0/contract`) of one request: profile, plan and usage all read it, so a request that
 * asks for the three makes one call.
 */
import { sessionMemo } from '../shared/loaders';
import type { WonderProxyClient } from './client';
import type { WonderProxyContract } from './wire';

export class ContractReads {
  private readonly memo = sessionMemo(() => this.client.contract());

  constructor(private readonly client: WonderProxyClient) {}

  contract(): Promise<WonderProxyContract> {
    return this.memo.get();
  }
}

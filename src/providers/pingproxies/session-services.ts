/** Ping's services facet: what the customer bought (`service/*`), read from the request's account reads. */
import type { AccountErrors } from '../../core/errors';
import type { CancelServiceParams, UpdateServiceParams } from '../contract/params';
import type { ServiceRecord } from '../contract/records';
import type { ServicesFacet } from '../contract/session';
import type { PingAccountReads } from './account-reads';
import type { PingClient } from './client';
import { toService, toServiceEdit } from './mapping';
import { cancelFeedback, checkServiceId, isServiceId, validateCancelComment, validateServiceEdit } from './validate';

export class PingServices implements ServicesFacet {
  constructor(
    private readonly client: PingClient,
    private readonly reads: PingAccountReads,
    private readonly errors: AccountErrors,
  ) {}

  async list(): Promise<ServiceRecord[]> {
    return (await this.reads.services()).map(toService);
  }

  async get(nativeId: string): Promise<ServiceRecord | null> {
    if (!isServiceId(nativeId)) return null;
    const service = await this.reads.service(nativeId);
    return service ? toService(service) : null;
  }

  /**
   * Ping's edit answers only `edited: [id]`, so the service is read back fresh afterwards. The editable
   * fields (metadata, automatic collection, payment method, pending cancellation) are [3P]: Ping's
   * service/edit reference page was not found; the name is not among them.
   */
  async update(nativeId: string, params: UpdateServiceParams): Promise<ServiceRecord> {
    checkServiceId(nativeId, this.errors);
    validateServiceEdit(params);
    const body = toServiceEdit(params);
    if (Object.keys(body).length === 0) throw this.errors.badInput('input has no field Ping Proxies can change', { input: ['empty'] });
    await this.client.editService(nativeId, body);
    return this.readBack(nativeId);
  }

  async cancel(nativeId: string, params: CancelServiceParams): Promise<ServiceRecord> {
    checkServiceId(nativeId, this.errors);
    const feedback = cancelFeedback(params.reason);
    validateCancelComment(params.comment);
    await this.client.cancelService(nativeId, {
      cancel_feedback: feedback,
      ...(params.comment != null ? { cancel_comment: params.comment } : {}),
    });
    return this.readBack(nativeId);
  }

  private async readBack(nativeId: string): Promise<ServiceRecord> {
    this.reads.forgetService(nativeId);
    const service = await this.reads.service(nativeId);
    if (!service) throw this.errors.notFound(`service ${nativeId} (it disappeared after the change)`);
    return toService(service);
  }
}

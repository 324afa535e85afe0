/** Ping's services facet: what the customer bought (`service/*`), read from the request's account reads. */
import type { AccountErrors } from '../../core/errors';
import { readWindow } from '../shared/paging';
import type { CancelServiceParams, ListWindow, UpdateServiceParams } from '../contract/params';
import type { ServiceAdjustmentPage, ServiceAdjustmentRecord, ServiceRecord } from '../contract/records';
import type { ServicesFacet } from '../contract/session';
import type { PingAccountReads } from './account-reads';
import type { PingClient } from './client';
import { toService, toServiceEdit } from './mapping';
import { toServiceAdjustment } from './mapping-adjustments';
import { choosePageSize } from './proxy-query';
import { totalOf } from './search-paging';
import { cancelFeedback, checkServiceId, isServiceAdjustmentId, isServiceId, validateCancelComment, validateServiceEdit } from './validate';
import { perKeyLoader } from '../shared/loaders';

export class PingServices implements ServicesFacet {
  private readonly adjustmentsById = perKeyLoader(async (id: string) => (await this.client.serviceAdjustment(id)).data);

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

  /**
   * The service's audit trail, newest first: `service_adjustment/search` filtered by service [C object page;
   * 3P filter names]. Ids are integers given in order [I], so sorting on them keeps offset cursors stable.
   */
  async adjustments(nativeId: string, window: ListWindow): Promise<ServiceAdjustmentPage> {
    if (!isServiceId(nativeId)) return { items: [], totalCount: 0, hasMore: false };
    const perPage = choosePageSize(window);
    const result = await readWindow(window, perPage, async (page) => {
      const response = await this.client.serviceAdjustments({ page, per_page: perPage, sort_by: 'service_adjustment_id_desc', service_id: nativeId });
      return { items: response.data, totalCount: totalOf(response) };
    });
    return { items: result.items.map(toServiceAdjustment), totalCount: result.totalCount, hasMore: result.hasMore };
  }

  /** [C] adjustment ids are integers: any other id names nothing, without a call. */
  async adjustment(nativeId: string): Promise<ServiceAdjustmentRecord | null> {
    if (!isServiceAdjustmentId(nativeId)) return null;
    const adjustment = await this.adjustmentsById.load(nativeId);
    return adjustment ? toServiceAdjustment(adjustment) : null;
  }

  private async readBack(nativeId: string): Promise<ServiceRecord> {
    this.reads.forgetService(nativeId);
    const service = await this.reads.service(nativeId);
    if (!service) throw this.errors.notFound(`service ${nativeId} (it disappeared after the change)`);
    return toService(service);
  }
}

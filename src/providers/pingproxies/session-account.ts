/**
 * The account half of a Ping session: customer (profile, plan), services (plan, Account.services, the
 * service mutations) and the residential summary (usage). Each read happens at most once per request.
 */
import { badUserInput, ProxyGraphError } from '../../core/errors';
import { perKeyLoader, sessionMemo } from '../shared/loaders';
import type { CancelServiceParams, UpdateServiceParams, UsageRange } from '../contract/params';
import type { ServiceRecord, UsageRecord } from '../contract/records';
import type { PingClient } from './client';
import { toPlan, toProfile, toService, toUsage } from './mapping';
import { PING_MAX_PER_PAGE } from './proxy-query';
import { isServiceId, validateCancelComment, validateServiceEdit } from './validate';
import { PING_CANCEL_FEEDBACK, type PingCancelFeedback, type PingService, type PingServiceEdit } from './wire';

/** Services are few; this bounds a runaway read. */
const MAX_SERVICE_PAGES = 20;

export class PingAccountReads {
  private readonly customerMemo = sessionMemo(async () => (await this.client.customer()).data);
  private readonly servicesMemo = sessionMemo(() => this.readAllServices());
  private readonly summaryMemo = sessionMemo(async () => (await this.client.residentialSummary()).data);
  private readonly servicesById = perKeyLoader(async (id: string) => (await this.client.service(id)).data);

  constructor(
    private readonly client: PingClient,
    private readonly accountId: string,
  ) {}

  async profile() {
    return toProfile(await this.customerMemo.get());
  }

  async plan() {
    const [customer, services] = await Promise.all([this.customerMemo.get(), this.servicesMemo.get()]);
    return toPlan(customer, services);
  }

  /**
   * The residential pool's lifetime figures: Ping's bandwidth never expires and the summary has no period
   * [C], so a requested range does not narrow it (the answer's period is null to say so).
   */
  async usage(_range: UsageRange): Promise<UsageRecord> {
    return toUsage(await this.summaryMemo.get());
  }

  async listServices(): Promise<ServiceRecord[]> {
    return (await this.servicesMemo.get()).map(toService);
  }

  async getService(nativeId: string): Promise<ServiceRecord | null> {
    if (!isServiceId(nativeId)) return null;
    const service = await this.servicesById.load(nativeId);
    return service ? toService(service) : null;
  }

  /**
   * Ping's edit answers only `edited: [id]`, so the service is read back fresh afterwards. The editable
   * fields (metadata, automatic collection, payment method, pending cancellation) are [3P]: Ping's
   * service/edit reference page was not found; the name is not among them.
   */
  async updateService(nativeId: string, params: UpdateServiceParams): Promise<ServiceRecord> {
    this.checkServiceId(nativeId);
    validateServiceEdit(params);
    const body: PingServiceEdit = {};
    if (params.metadata != null) body.service_metadata = params.metadata;
    if (params.automaticCollection != null) body.service_is_automatic_collection = params.automaticCollection;
    if (Object.keys(body).length === 0) throw badUserInput('input has no field Ping Proxies can change', { input: ['empty'] });
    await this.client.editService(nativeId, body);
    return this.readBack(nativeId);
  }

  async cancelService(nativeId: string, params: CancelServiceParams): Promise<ServiceRecord> {
    this.checkServiceId(nativeId);
    const feedback = params.reason.toLowerCase();
    if (!(PING_CANCEL_FEEDBACK as readonly string[]).includes(feedback)) {
      throw badUserInput(`reason must be one of ${PING_CANCEL_FEEDBACK.join(', ')}`, { reason: ['unknown'] });
    }
    validateCancelComment(params.comment);
    await this.client.cancelService(nativeId, {
      cancel_feedback: feedback as PingCancelFeedback,
      ...(params.comment != null ? { cancel_comment: params.comment } : {}),
    });
    return this.readBack(nativeId);
  }

  private async readBack(nativeId: string): Promise<ServiceRecord> {
    this.servicesMemo.clear();
    this.servicesById.clear(nativeId);
    const service = await this.servicesById.load(nativeId);
    if (!service) throw this.notFound('the service disappeared after the change');
    return toService(service);
  }

  /** An id outside Ping's service id form names nothing: NOT_FOUND, and it never enters a path. */
  private checkServiceId(nativeId: string): void {
    if (!isServiceId(nativeId)) throw this.notFound('no such service');
  }

  private notFound(message: string): ProxyGraphError {
    return new ProxyGraphError('NOT_FOUND', message, { provider: 'pingproxies', accountId: this.accountId });
  }

  private async readAllServices(): Promise<PingService[]> {
    const services: PingService[] = [];
    for (let page = 1; page <= MAX_SERVICE_PAGES; page++) {
      const response = await this.client.services({ page, per_page: PING_MAX_PER_PAGE });
      services.push(...response.data);
      const known = response.total_count >= 0 ? response.total_count : null;
      if (response.data.length < PING_MAX_PER_PAGE || (known !== null && services.length >= known)) break;
    }
    return services;
  }
}

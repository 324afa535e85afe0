/**
 * The account reads one request's facets share: the customer (profile, plan), the services (plan, the
 * services facet) and the residential summary (usage). Each happens at most once per request, however many
 * fields ask; a service write forgets what it changed.
 */
import { perKeyLoader, sessionMemo } from '../shared/loaders';
import type { PingClient } from './client';
import { readEveryPage } from './search-paging';
import type { PingCustomer, PingResidentialSummary, PingService } from './wire';

/** Services are few; this bounds a runaway read. */
const MAX_SERVICE_PAGES = 20;

export class PingAccountReads {
  private readonly customerMemo = sessionMemo(async () => (await this.client.customer()).data);
  private readonly servicesMemo = sessionMemo(() => this.readAllServices());
  private readonly summaryMemo = sessionMemo(async () => (await this.client.residentialSummary()).data);
  private readonly servicesById = perKeyLoader(async (id: string) => (await this.client.service(id)).data);

  constructor(private readonly client: PingClient) {}

  customer(): Promise<PingCustomer> {
    return this.customerMemo.get();
  }

  services(): Promise<PingService[]> {
    return this.servicesMemo.get();
  }

  residentialSummary(): Promise<PingResidentialSummary> {
    return this.summaryMemo.get();
  }

  /** One service by id (null when Ping has none), de-duplicated within the request. */
  service(serviceId: string): Promise<PingService | null> {
    return this.servicesById.load(serviceId);
  }

  /** After a write to the service: the next reads of it, and of the list, go to Ping again. */
  forgetService(serviceId: string): void {
    this.servicesMemo.clear();
    this.servicesById.clear(serviceId);
  }

  private readAllServices(): Promise<PingService[]> {
    return readEveryPage((page, perPage) => this.client.services({ page, per_page: perPage }), MAX_SERVICE_PAGES);
  }
}

/** Ping service adjustments (a service's audit trail [C object page]) as ProxyGraph records. */
import { parseUtcDateTime } from '../../domain/units';
import type { ServiceAdjustmentRecord } from '../contract/records';
import type { PingServiceAdjustment } from './wire';

const objectOrNull = (value: unknown): Record<string, unknown> | null =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

const flag = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null);

export function toServiceAdjustment(adjustment: PingServiceAdjustment): ServiceAdjustmentRecord {
  return {
    nativeId: String(adjustment.service_adjustment_id),
    serviceNativeId: adjustment.service_id,
    type: adjustment.service_adjustment_type,
    status: adjustment.service_adjustment_status,
    byAdministrator: flag(adjustment.service_adjustment_is_administrator),
    automatic: flag(adjustment.service_adjustment_is_automatic),
    byCustomer: flag(adjustment.service_adjustment_is_customer),
    before: objectOrNull(adjustment.service_adjustment_pre),
    after: objectOrNull(adjustment.service_adjustment_post),
    evaluation: objectOrNull(adjustment.service_adjustment_eval),
    invoiceId: adjustment.invoice_id ?? null,
    createdAt: parseUtcDateTime(adjustment.service_adjustment_creation_datetime),
    updatedAt: parseUtcDateTime(adjustment.service_adjustment_last_update_datetime),
  };
}

// The extension point through which backend modules add data-source types to the customer-kpis backend.
import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * A data-source type contributed by a backend module. The full contract (config schema, KPIs fed,
 * binding annotation, incremental pull) grows with the data-source work; the id is what makes a
 * type addressable from config today.
 */
export interface CustomerKpisSourceType {
  /** Unique id of the type, used as `type` in `customerKpis.sources`. */
  readonly id: string;
}

/** Registry of data-source types offered to backend modules. */
export interface CustomerKpisSourcesExtensionPoint {
  addSourceType(sourceType: CustomerKpisSourceType): void;
}

/** Extension point of the customer-kpis backend for data-source modules. */
export const customerKpisSourcesExtensionPoint =
  createExtensionPoint<CustomerKpisSourcesExtensionPoint>({
    id: 'customer-kpis.sources',
  });

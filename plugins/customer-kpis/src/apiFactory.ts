// The factory of the customer-kpis API client, shared by the legacy plugin and the new frontend system.
import {
  createApiFactory,
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
} from '@backstage/core-plugin-api';
import { CustomerKpisClient, customerKpisApiRef } from './api';

/** Creates the {@link CustomerKpisClient} from the app's discovery and fetch APIs. */
export const customerKpisApiFactory = createApiFactory({
  api: customerKpisApiRef,
  deps: {
    discoveryApi: discoveryApiRef,
    fetchApi: fetchApiRef,
    identityApi: identityApiRef,
  },
  factory: ({ discoveryApi, fetchApi, identityApi }) =>
    new CustomerKpisClient({ discoveryApi, fetchApi, identityApi }),
});

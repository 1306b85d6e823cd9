// Who calls in router tests, as Authorization headers, and the refs of the test catalog's entities (./catalog.ts).
import { mockCredentials } from '@backstage/backend-test-utils';

/** A user who reads the unrestricted entities of the test catalog. */
export const ALICE = mockCredentials.user.header('user:default/alice');
/** The user who reads every entity of the test catalog. */
export const ADMIN = mockCredentials.user.header('user:default/admin');
/** The user who reads no entity of the test catalog. */
export const NOBODY = mockCredentials.user.header('user:default/nobody');
/** A service: a pipeline sending observations. */
export const PIPELINE = mockCredentials.service.header();
/** No credentials at all. */
export const NONE = mockCredentials.none.header();

export const COMMERCE = 'domain:default/commerce';
export const SHOP = 'system:default/shop';
export const SEARCH_SYSTEM = 'system:default/search';
export const CHECKOUT = 'component:default/checkout-service';
export const CART = 'component:default/cart-service';
/** The search system's one component, which only the admin may read. */
export const PRODUCT_SEARCH = 'component:default/product-search';

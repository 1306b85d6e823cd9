// The translations of the customer-kpis frontend, as a resource for apps that register translations themselves.
import { createTranslationResource } from '@backstage/frontend-plugin-api';
import { customerKpisLanguages, customerKpisTranslationRef } from './ref';

export { customerKpisMessages, customerKpisTranslationRef } from './ref';
export type { CustomerKpisTranslationRef } from './ref';

/**
 * Italian, Spanish, French and Russian texts, for apps that register translation resources themselves. The ref
 * already loads them by default.
 */
export const customerKpisTranslations = createTranslationResource({
  ref: customerKpisTranslationRef,
  translations: customerKpisLanguages,
});

// The home page's "My products" card: the systems and components that the signed-in user or the user's groups own
// (the identity's ownership refs), with the seven KPIs each. The content of a home page widget (src/homeWidget.ts),
// framed by the home page's card.
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { useLoader } from '../../hooks/useLoader';
import { OwnedKpisCard } from './OwnedKpisCard';

/** The customer KPIs of the signed-in user's products, headed in the reader's language. */
export function MyProductsCard() {
  const identityApi = useApi(identityApiRef);
  const { value, error } = useLoader(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  return (
    <OwnedKpisCard
      owners={value?.ownershipEntityRefs.map(ref =>
        ref.toLocaleLowerCase('en-US'),
      )}
      ownersError={error}
      title="owned.homeTitle"
      empty="owned.emptyMine"
      testId="customer-kpis-home-card"
      framed={false}
    />
  );
}

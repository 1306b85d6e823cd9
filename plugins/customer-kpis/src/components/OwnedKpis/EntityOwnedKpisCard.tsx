// The card on a group's page: the systems and components the team owns, with the seven KPIs each.
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { OwnedKpisCard } from './OwnedKpisCard';

/** The customer KPIs of what the current entity (a group) owns; use on a group page. */
export function EntityOwnedKpisCard() {
  const { entity } = useEntity();
  return (
    <OwnedKpisCard
      owners={[stringifyEntityRef(entity).toLocaleLowerCase('en-US')]}
      title="owned.groupTitle"
      empty="owned.emptyGroup"
      testId="customer-kpis-group-card"
    />
  );
}

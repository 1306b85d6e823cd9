// The "My products" card as a home page widget, the same in both frontend systems: its name, its size in the home
// page's grid, and its content, loaded on first use.
import type { CardLayout, ComponentParts } from '@backstage/plugin-home-react';

/** The widget's name, by which a home page's default layout places it (`component: HomePageCustomerKpisCard`). */
export const MY_PRODUCTS_WIDGET_NAME = 'HomePageCustomerKpisCard';

// The widget has no title: the home page would show it, untranslated, as the heading of its card. The card heads
// itself in the reader's language; the description names it in the home page's list of widgets to add.
export const MY_PRODUCTS_WIDGET_DESCRIPTION =
  'Customer KPIs of the systems and components that you and your teams own';

// Full width: a column per KPI. Eight rows of the grid hold a team's handful of products with the card's heading.
export const MY_PRODUCTS_WIDGET_LAYOUT: CardLayout = {
  width: { minColumns: 6, defaultColumns: 12 },
  height: { minRows: 4, defaultRows: 8 },
};

export const myProductsWidgetParts = (): Promise<ComponentParts> =>
  import('./components/OwnedKpis').then(m => ({ Content: m.MyProductsCard }));

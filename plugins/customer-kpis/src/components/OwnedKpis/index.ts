// The cards of what a team or a user owns: a group page's card and the home page's "My products".
export { EntityOwnedKpisCard } from './EntityOwnedKpisCard';
export { MyProductsCard } from './MyProductsCard';

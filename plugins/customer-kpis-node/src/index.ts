/**
 * Customer KPIs for Backstage: the data-source extension point and its types, for backend modules.
 *
 * @packageDocumentation
 */

export * from './extensions';

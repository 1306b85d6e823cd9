/**
 * Customer KPIs for Backstage: the frontend plugin (legacy frontend system exports).
 * The new frontend system's plugin is the default export of `/alpha`.
 *
 * @packageDocumentation
 */
export { customerKpisPlugin } from './plugin';

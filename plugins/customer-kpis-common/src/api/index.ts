export * from './windows';
export * from './responses';
export * from './queries';
export * from './sources';
export * from './sourceConfigLimits';
export * from './coverage';
export * from './imports';

export * from './windows';
export * from './responses';

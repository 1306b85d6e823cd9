export * from './windows';
export * from './responses';
export * from './queries';
export * from './sources';
export * from './coverage';

export * from './accounts';
export * from './facility';

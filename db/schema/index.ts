export * from './accounts';
export * from './facility';
export * from './residents';

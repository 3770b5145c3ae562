export * from './accounts';
export * from './facility';
export * from './training';
export * from './residents';
export * from './handoff';
export * from './privacy';
export * from './appointments';
export * from './transport';

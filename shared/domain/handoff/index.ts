export * from './vocabulary';
export * from './shifts';
export * from './rows';
export * from './content';

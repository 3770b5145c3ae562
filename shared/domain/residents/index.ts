export * from './vocabulary';
export * from './iso-date';
export * from './age';
export * from './search';
export * from './timeline';
export * from './allergies';
export * from './room-order';
export * from './schemas';

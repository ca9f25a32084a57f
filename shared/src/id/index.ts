export * from './id-number';
export * from './regions';

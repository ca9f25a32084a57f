export * from './premium';
export * from './risk-sharing';

export * from './claim-states';

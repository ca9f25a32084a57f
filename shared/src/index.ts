/** @huimin/shared — the rules engine both the server and the mini-program import. */
export * from './core/errors';
export * from './core/clause';
export * from './core/dates';
export { D, type Dec, parseMoney, roundYuan, fmt, fmtYuan } from './core/money';
export * from './schemes/types';
export * from './schemes/categories';
export * from './schemes/registry';
export { DOC, READING, DEFAULT_DEADLINE } from './schemes/common';
export * from './engine/person';
export * from './engine/reasons';
export * from './engine/eligibility';
export * from './engine/breakdown';
export * from './engine/estimate';
export * from './calendar';
export * from './deadlines';
export * from './id';
export * from './claims';

/** @huimin/shared — the rules engine both the server and the mini-program import. */
export * from './core/errors';
export * from './core/clause';
export * from './core/dates';
export { D, type Dec, parseMoney, roundYuan, fmt, fmtYuan, fenOf, formatFen } from './core/money';
export * from './schemes/types';
export * from './schemes/categories';
export * from './schemes/registry';
export { DOC, READING, DEFAULT_DEADLINE } from './schemes/common';
export * from './engine/person';
export * from './engine/reasons';
export * from './engine/eligibility';
export * from './engine/breakdown';
export {
  estimate,
  documentsFor,
  type UsedSoFar,
  type EstimateRequest,
  type LedgerChange,
  type EstimateResult,
  type EstimateOptions,
  type EligibilityForEstimate,
} from './engine/estimate';
export { preparePerson, estimateFast, eligibilityPrepared, type PreparedPerson, type PreparedEstimateRequest } from './engine/prepared';
export * from './calendar';
export * from './deadlines';
export * from './id';
export * from './claims';
export * from './money-flows';
export * from './engine/liaocheng-chain';

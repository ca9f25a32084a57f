export { computeDeadline, dueStatus } from './deadline';
export type { DeadlineRule, DeadlineRequest, DeadlineResult, DueStatus } from './deadline';

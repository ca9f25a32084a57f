import { isIsoDate } from '@huimin/shared';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * A date written YYYY-MM-DD that exists on the calendar (2026-02-30 and 2026-13-01 do not): checked with the
 * rules engine's own isIsoDate, in the same pass as every other field, so the answer names all faults at once and
 * in Chinese (the message given), instead of the engine refusing the date later on its own.
 */
export function IsCalendarDate(options: ValidationOptions & { message: string }): PropertyDecorator {
  return ValidateBy({ name: 'isCalendarDate', validator: { validate: (value: unknown) => isIsoDate(value) } }, options);
}

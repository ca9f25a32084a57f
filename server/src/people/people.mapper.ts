import { ageOn } from '@huimin/shared';

/** A name for screens that need not show it whole: '张**' (first character kept). */
export function maskName(name: string | null | undefined): string {
  if (!name) return '';
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** Whole years on `today`. */
export function ageToday(birthDate: string, today: string): number {
  return ageOn(birthDate, today);
}

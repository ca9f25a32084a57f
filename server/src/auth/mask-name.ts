/**
 * A person's name as shown back to a WeChat user or written to a log: '张*', '张*三', '欧阳**锋'.
 * Counts characters, not UTF-16 units, so names with rare characters (𠀀) mask the same way.
 */
export function maskName(name: string | null | undefined): string {
  if (!name) return '';
  const c = Array.from(name.trim());
  if (c.length <= 1) return '*';
  if (c.length === 2) return `${c[0]}*`;
  return c[0] + '*'.repeat(c.length - 2) + c[c.length - 1];
}

/**
 * The caret colours people are shown in: dark enough for white label text (contrast ≥ 4.5:1) and distinct from
 * one another. `#rrggbb` only, because CollaborationCaret ignores any other colour syntax.
 */
export const CARET_COLORS = [
  '#b91c1c', '#c2410c', '#a16207', '#15803d', '#0f766e', '#0369a1',
  '#1d4ed8', '#6d28d9', '#a21caf', '#be185d', '#4d7c0f', '#475569',
] as const;

/**
 * A person's caret colour, the same on every device and for everyone: the server writes it into the presence
 * others see (a client cannot choose its own), and the person's own screen uses the same function.
 */
export function caretColor(userId: string): string {
  let h = 2166136261;
  for (let i = 0; i < userId.length; i++) h = Math.imul(h ^ userId.charCodeAt(i), 16777619);
  return CARET_COLORS[(h >>> 0) % CARET_COLORS.length]!;
}

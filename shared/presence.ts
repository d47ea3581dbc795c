/**
 * The caret colours people are shown in: dark enough for the white text of a caret's label (contrast ≥ 4.5:1)
 * and distinct from one another (CIE ΔE*ab ≥ 15 between any two), checked by presence.test.ts. Twelve, so that
 * twelve people in one document each have their own. `#rrggbb` only, because CollaborationCaret ignores any other
 * colour syntax.
 */
export const CARET_COLORS = [
  '#b91c1c', '#c2410c', '#a16207', '#15803d', '#0f766e', '#0369a1',
  '#1d4ed8', '#6d28d9', '#a21caf', '#be185d', '#4d7c0f', '#475569',
] as const;

/**
 * A person's own caret colour, from their account id: the same on every device. It is their first choice in a
 * document; the server gives them another when someone present there already has it (`distinctCaretColor`).
 */
export function caretColor(userId: string): string {
  let h = 2166136261;
  for (let i = 0; i < userId.length; i++) h = Math.imul(h ^ userId.charCodeAt(i), 16777619);
  return CARET_COLORS[(h >>> 0) % CARET_COLORS.length]!;
}

/**
 * The colour a person is shown in, among the colours `taken` by the others present in a document: their own
 * (`first`) if nobody has it, else the next free one of the palette after it, or their own again when every colour
 * is taken (a thirteenth person shares one).
 */
export function distinctCaretColor(first: string, taken: ReadonlySet<string>): string {
  if (!taken.has(first)) return first;
  const start = CARET_COLORS.indexOf(first as (typeof CARET_COLORS)[number]);
  for (let step = 1; step <= CARET_COLORS.length; step++) {
    const next = CARET_COLORS[(start + step + CARET_COLORS.length) % CARET_COLORS.length]!;
    if (!taken.has(next)) return next;
  }
  return first;
}

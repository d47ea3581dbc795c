import { readStored, writeStored } from './storage.ts';

/**
 * Who this browser is in a document's awareness: shown in the presence list and on the caret. The name is the
 * signed-in account's full name; the colour belongs to the device.
 */
export interface Identity {
  name: string;
  color: string;
}

const COLOR_KEY = 'quorum:color';

/**
 * Caret colours: dark enough for white label text (contrast ≥ 4.5:1) and distinct from one another.
 * `#rrggbb` only, because CollaborationCaret ignores any other colour syntax.
 */
export const CARET_COLORS = [
  '#b91c1c', '#c2410c', '#a16207', '#15803d', '#0f766e', '#0369a1',
  '#1d4ed8', '#6d28d9', '#a21caf', '#be185d', '#4d7c0f', '#475569',
] as const;

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** The colour is picked once per browser so that a person keeps it across documents and reloads. */
export function loadOrPickColor(): string {
  const stored = readStored(COLOR_KEY);
  if (stored !== null && HEX_COLOR.test(stored)) return stored;
  const index = crypto.getRandomValues(new Uint32Array(1))[0]! % CARET_COLORS.length;
  const color = CARET_COLORS[index]!;
  writeStored(COLOR_KEY, color);
  return color;
}

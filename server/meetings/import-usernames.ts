/** The letters of a name as ASCII: marks dropped, "đ" read as "d" (it is a letter of its own, not d with a mark). */
function asciiWords(fullName: string): string[] {
  return fullName
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/**
 * The username Vietnamese offices give by habit: the given name (the last word) followed by the initials of the
 * family and middle names, "Nguyễn Văn Hùng" → "hungnv", "Đỗ Thị Hương" → "huongdt". A name with no Latin letter
 * at all gets "user". Never longer than 36 characters, so that a number can follow within the 40 allowed.
 */
export function usernameBase(fullName: string): string {
  const words = asciiWords(fullName);
  const given = words.pop();
  if (given === undefined) return 'user';
  const base = (given + words.map((word) => word[0]).join('')).slice(0, 36);
  return base.length >= 2 ? base : `${base}${base}`;
}

/** `base`, or `base` followed by the smallest number from 2 that no one holds. */
export async function uniqueUsername(base: string, taken: (username: string) => boolean | Promise<boolean>): Promise<string> {
  if (!(await taken(base))) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}${n}`;
    if (!(await taken(candidate))) return candidate;
  }
}

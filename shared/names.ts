const collator = new Intl.Collator('vi');

/** The given name is the last word of a Vietnamese full name ("Cung Hồng Kiên" → "Kiên"). */
function givenName(fullName: string): string {
  const words = fullName.trim().split(/\s+/);
  return words[words.length - 1] ?? '';
}

/** Vietnamese roster order: by given name, then by the whole name, with Vietnamese collation. */
export function compareVietnameseNames(a: string, b: string): number {
  return collator.compare(givenName(a), givenName(b)) || collator.compare(a, b);
}

/**
 * localStorage that never throws: it is unavailable in some private modes and can be full, and a missing
 * preference must never stop someone from editing.
 */
export function readStored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // The preference lasts for this page only.
  }
}

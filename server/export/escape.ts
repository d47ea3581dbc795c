/**
 * Every piece of text in the print view is user input (titles, names, whatever was typed in the editor), so it
 * goes through here before it touches markup; quotes too, so that the same function is safe in attributes.
 */
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);

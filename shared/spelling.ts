/**
 * One spelling style for Vietnamese: the style of the national title, "CỘNG HÒA", in which the tone mark of a
 * syllable ending in the diphthongs oa, oe or uy sits on the first vowel ("hòa", "khóa", "khỏe", "hủy", "thủy").
 * The other style ("hoà", "khoá", "khoẻ", "huỷ", "thuỷ") is just as correct Vietnamese, but a document, or an
 * interface, that mixes the two looks careless to an office that files it.
 *
 * The rule only concerns the diphthong at the END of a syllable: followed by a consonant the tone goes on the
 * second vowel in both styles ("hoàn", "toàn", "khoản", "quyết", "tuyển"). In "qu" + y the u belongs to the
 * consonant and y is the only vowel, so "quý", "quỹ" are right in both styles.
 */

/** A syllable ending in oa/oe/uy with the tone on its second vowel, after nothing but consonants. */
const OTHER_STYLE = /(?<![\p{L}\p{M}])([bcdđghklmnpqrstvx]*)(o[àáảãạ]|o[èéẻẽẹ]|u[ỳýỷỹỵ])(?![\p{L}\p{M}])/giu;

/** The words of `text` written in the other style, as they appear (composed, NFC); none: []. */
export function otherStyleTones(text: string): string[] {
  const found: string[] = [];
  for (const match of text.normalize('NFC').matchAll(OTHER_STYLE)) {
    const [word, consonants = '', diphthong = ''] = match;
    if (/q$/i.test(consonants) && /^u/i.test(diphthong)) continue;
    found.push(word);
  }
  return found;
}

/** The same word in the national title's style, to say what to write instead ("khoá" → "khóa"). */
export function titleStyle(word: string): string {
  // Decomposed, the tone is a combining mark after the second vowel; it moves to after the first.
  return word
    .normalize('NFD')
    .replace(/([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])$/u, '$1$3$2')
    .normalize('NFC');
}

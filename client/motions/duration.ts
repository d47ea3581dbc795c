import type { Translate } from '../i18n.tsx';

/** A vote's time limit in words: whole minutes as minutes, anything else (set over the API) in seconds. */
export function durationWords(seconds: number, t: Translate): string {
  return seconds % 60 === 0
    ? t('motion.durationMinutes', { count: seconds / 60 })
    : t('motion.durationSeconds', { count: seconds });
}

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { DEFAULT_LANG, isLang, t as translate, type Lang, type MessageKey } from '../shared/i18n.ts';
import { setApiLanguage } from './api/http.ts';
import { readStored, writeStored } from './storage.ts';

const LANG_KEY = 'quorum:lang';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

export function initialLang(): Lang {
  const stored = readStored(LANG_KEY);
  const lang = isLang(stored) ? stored : DEFAULT_LANG;
  // Before any page mounts: children's effects run before this provider's, and their first requests must
  // already ask for this language.
  setApiLanguage(lang);
  return lang;
}

/** `lang`: this language rather than the person's (the sign-in form rendered at build time, auth/staticSignIn.tsx). */
export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(fixed ?? initialLang);

  // Screen readers and the browser's hyphenation/spell-check follow <html lang>.
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    writeStored(LANG_KEY, next);
    setApiLanguage(next);
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({ lang, setLang, t: (key, params) => translate(lang, key, params) }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

import { LANGS } from '../shared/i18n.ts';
import { useI18n } from './i18n.tsx';

export function LanguageSwitcher() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="lang-switcher" role="group" aria-label={t('lang.label')}>
      {LANGS.map((option) => (
        <button
          key={option}
          type="button"
          // Each language's name is in that language, so it is spoken correctly whatever the page language.
          lang={option}
          className="lang-button"
          aria-pressed={lang === option}
          aria-label={t(`lang.${option}`)}
          data-testid={`lang-${option}`}
          onClick={() => setLang(option)}
        >
          {/* The code alone on a phone, where the header has no room for both names. */}
          <span className="lang-name">{t(`lang.${option}`)}</span>
          <span className="lang-code" aria-hidden="true">
            {option.toUpperCase()}
          </span>
        </button>
      ))}
    </div>
  );
}

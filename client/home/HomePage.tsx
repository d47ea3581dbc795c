import { useId, useState, type FormEvent } from 'react';
import { isValidDocumentId } from '../../shared/protocol.ts';
import { useI18n } from '../i18n.tsx';
import { documentPath, navigate, newDocumentId, parseRoute } from '../routes.ts';

/** Accepts a bare id or a pasted link to a document (people share links, not ids). */
function documentIdFromInput(input: string): string {
  const trimmed = input.trim();
  try {
    const route = parseRoute(new URL(trimmed).pathname);
    if (route.page === 'document') return route.documentId;
  } catch {
    // Not a URL: a bare id.
  }
  return trimmed;
}

export function HomePage() {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);
  const inputId = useId();
  const errorId = useId();

  const open = (event: FormEvent) => {
    event.preventDefault();
    const id = documentIdFromInput(value);
    if (!isValidDocumentId(id)) {
      setInvalid(true);
      return;
    }
    navigate(documentPath(id));
  };

  return (
    <main className="home">
      <section className="card home-hero">
        <h1 className="card-title">{t('home.heading')}</h1>
        <p className="muted">{t('home.intro')}</p>
        <button
          type="button"
          className="primary-button"
          data-testid="create-document"
          onClick={() => navigate(documentPath(newDocumentId()))}
        >
          {t('home.create')}
        </button>
      </section>
      <form className="card" onSubmit={open} noValidate>
        <h2 className="side-heading">{t('home.openHeading')}</h2>
        <label htmlFor={inputId} className="field-label">
          {t('home.openLabel')}
        </label>
        <div className="inline-field">
          <input
            id={inputId}
            className="text-input"
            data-testid="open-document-input"
            value={value}
            placeholder={t('home.openPlaceholder')}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={invalid}
            aria-describedby={invalid ? errorId : undefined}
            onChange={(event) => {
              setValue(event.target.value);
              setInvalid(false);
            }}
          />
          <button type="submit" className="secondary-button" data-testid="open-document">
            {t('home.open')}
          </button>
        </div>
        {invalid && (
          <p id={errorId} className="field-error" role="alert">
            {t('home.invalidId')}
          </p>
        )}
      </form>
    </main>
  );
}

import { useState, type FormEvent } from 'react';
import type { DocumentView } from '../../shared/api.ts';
import { DOCUMENT_KINDS, type DocumentKind } from '../../shared/meeting.ts';
import { api, apiPath } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { meetingPath, navigate } from '../routes.ts';
import { ErrorText } from '../ui/ErrorText.tsx';
import { Field } from '../ui/Field.tsx';

/** A new document from one of the official templates, opened at once for drafting. */
export function NewDocumentForm({ meetingId }: { meetingId: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<DocumentKind>('BB');
  const [title, setTitle] = useState('');
  const command = useCommand();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = title.trim();
    const doc = await command.run(() =>
      api.post<DocumentView>(apiPath`/api/meetings/${meetingId}/documents`, trimmed ? { kind, title: trimmed } : { kind }),
    );
    if (!doc) return;
    setOpen(false);
    setTitle('');
    navigate(meetingPath(meetingId, doc.id));
  };

  if (!open) {
    return (
      <button type="button" className="secondary-button full-width" data-testid="new-document" onClick={() => setOpen(true)}>
        {t('room.newDocument')}
      </button>
    );
  }
  return (
    <form className="sub-form" onSubmit={submit} data-testid="new-document-form">
      <Field label={t('room.template')}>
        {(id) => (
          <select
            id={id}
            className="text-input"
            data-testid="new-document-kind"
            value={kind}
            onChange={(event) => setKind(event.target.value as DocumentKind)}
          >
            {DOCUMENT_KINDS.map((option) => (
              <option key={option} value={option}>
                {t(`documentKind.${option}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('room.documentTitle')} hint={t('room.documentTitleHint')}>
        {(id) => (
          <input
            id={id}
            className="text-input"
            data-testid="new-document-title"
            value={title}
            maxLength={300}
            onChange={(event) => setTitle(event.target.value)}
          />
        )}
      </Field>
      <ErrorText error={command.error} />
      <div className="form-actions">
        <button type="submit" className="primary-button" data-testid="new-document-submit" disabled={command.pending}>
          {t('room.createDocument')}
        </button>
        <button type="button" className="secondary-button" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

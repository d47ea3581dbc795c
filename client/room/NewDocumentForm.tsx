import { useState, type FormEvent } from 'react';
import type { DocumentView } from '../../shared/api.ts';
import { DOCUMENT_KINDS, type DocumentKind } from '../../shared/meeting.ts';
import { api, apiPath } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { meetingPath, navigate } from '../routes.ts';
import { Form } from '../ui/Form.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { SelectField } from '../ui/SelectField.tsx';
import { TextField } from '../ui/TextField.tsx';

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
    <Form className="sub-form" onSubmit={submit} data-testid="new-document-form">
      <SelectField<DocumentKind>
        label={t('room.template')}
        value={kind}
        onChange={setKind}
        testId="new-document-kind"
        options={DOCUMENT_KINDS.map((option) => ({ value: option, label: t(`documentKind.${option}`) }))}
      />
      <TextField
        label={t('room.documentTitle')}
        hint={t('room.documentTitleHint')}
        value={title}
        onChange={setTitle}
        testId="new-document-title"
        maxLength={300}
      />
      <FormFooter
        command={command}
        submitLabel={t('room.createDocument')}
        submitTestId="new-document-submit"
        onCancel={() => setOpen(false)}
      />
    </Form>
  );
}

import { useState, type FormEvent } from 'react';
import type { MeetingView, MotionView } from '../../shared/api.ts';
import { ADOPTION_RULES, DEFAULT_ADOPTION_RULE, MOTION_FORMS, type AdoptionRule, type MotionForm as Form } from '../../shared/motions.ts';
import { api, apiPath } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { Field } from '../ui/Field.tsx';
import { Form as ValidatedForm } from '../ui/Form.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { SelectField } from '../ui/SelectField.tsx';
import { TextField } from '../ui/TextField.tsx';
import { durationWords } from './duration.ts';

/** A new motion, a new one repeating a closed one (its fields copied, linked by `revoteOf`), or a draft's edit. */
export type MotionFormStart = { mode: 'create' } | { mode: 'revote'; of: MotionView } | { mode: 'edit'; motion: MotionView };

/** Minutes a vote may run before it closes by itself; none: the chair closes it. */
const DURATIONS = ['', '60', '120', '180', '300', '600', '900', '1800'] as const;

interface Props {
  meeting: MeetingView;
  start: MotionFormStart;
  onDone(): void;
}

export function MotionForm({ meeting, start, onDone }: Props) {
  const { t } = useI18n();
  const command = useCommand();
  const from = start.mode === 'revote' ? start.of : start.mode === 'edit' ? start.motion : null;
  // The adopted resolution is what most votes are about: offered first when starting afresh.
  const firstResolution = meeting.documents.find((doc) => doc.kind === 'NQ' && doc.lock === null);
  const [title, setTitle] = useState(from?.title ?? (firstResolution ? t('motion.adoptTitle', { title: firstResolution.title }) : ''));
  const [description, setDescription] = useState(from?.description ?? '');
  const [documentId, setDocumentId] = useState(from ? (from.documentId ?? '') : (firstResolution?.id ?? ''));
  const [form, setForm] = useState<Form>(from?.form ?? 'named');
  const [rule, setRule] = useState<AdoptionRule>(from?.rule ?? DEFAULT_ADOPTION_RULE);
  const [duration, setDuration] = useState<string>(from?.durationSeconds ? String(from.durationSeconds) : '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields = {
      title: title.trim(),
      description: description.trim(),
      documentId: documentId || null,
      form,
      rule,
      durationSeconds: duration ? Number(duration) : null,
    };
    const saved = await command.run(() =>
      start.mode === 'edit'
        ? api.patch<MotionView>(apiPath`/api/motions/${start.motion.id}`, fields)
        : api.post<MotionView>(apiPath`/api/meetings/${meeting.id}/motions`, {
            ...fields,
            ...(start.mode === 'revote' ? { revoteOf: start.of.id } : {}),
          }),
    );
    if (saved) onDone();
  };

  return (
    <ValidatedForm className="sub-form motion-form" onSubmit={submit} data-testid="motion-form">
      {start.mode === 'revote' && (
        <p className="small muted">{t('motion.revoteOf', { number: start.of.number })}</p>
      )}
      <TextField label={t('motion.title')} value={title} onChange={setTitle} testId="motion-title" maxLength={300} required />
      <Field label={t('motion.description')}>
        {(id, described) => (
          <textarea
            {...described}
            id={id}
            className="text-input agenda-input"
            data-testid="motion-description"
            rows={3}
            maxLength={5000}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
        )}
      </Field>
      <SelectField
        label={t('motion.document')}
        hint={t('motion.documentHint')}
        value={documentId}
        onChange={setDocumentId}
        testId="motion-document"
        options={[
          { value: '', label: t('motion.noDocument') },
          ...meeting.documents.map((doc) => ({ value: doc.id, label: `${t(`documentKind.short.${doc.kind}`)} — ${doc.title}` })),
        ]}
      />
      <SelectField<Form>
        label={t('motion.formLabel')}
        value={form}
        onChange={setForm}
        testId="motion-form-kind"
        options={MOTION_FORMS.map((value) => ({ value, label: t(`motion.formOption.${value}`) }))}
      />
      <SelectField<AdoptionRule>
        label={t('motion.ruleLabel')}
        value={rule}
        onChange={setRule}
        testId="motion-rule"
        options={ADOPTION_RULES.map((value) => ({ value, label: t(`motion.rule.${value}`) }))}
      />
      <SelectField
        label={t('motion.duration')}
        value={duration}
        onChange={setDuration}
        testId="motion-duration"
        // A duration set over the API that the list does not offer is kept, not silently changed.
        options={[...DURATIONS, ...(DURATIONS.some((d) => d === duration) ? [] : [duration])].map((value) => ({
          value,
          label: value ? durationWords(Number(value), t) : t('motion.durationNone'),
        }))}
      />
      <FormFooter
        command={command}
        submitLabel={start.mode === 'edit' ? t('common.save') : t('motion.create')}
        submitTestId="motion-submit"
        onCancel={onDone}
      />
    </ValidatedForm>
  );
}

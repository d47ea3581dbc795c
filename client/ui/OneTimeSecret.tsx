import { useState } from 'react';
import { useI18n } from '../i18n.tsx';

interface Props {
  label: string;
  value: string;
  testId: string;
}

/** A password or token the server shows once: readable, selectable, copyable, and said to be shown only now. */
export function OneTimeSecret({ label, value, testId }: Props) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = () => {
    navigator.clipboard?.writeText(value).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div className="secret" role="status">
      <span className="secret-label">{label}</span>
      <code className="secret-value" data-testid={testId}>
        {value}
      </code>
      <button type="button" className="link-button" onClick={copy}>
        {copied ? t('common.copied') : t('common.copy')}
      </button>
      <p className="field-hint">{t('common.shownOnce')}</p>
    </div>
  );
}

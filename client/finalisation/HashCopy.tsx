import { useState } from 'react';
import { useI18n } from '../i18n.tsx';

/**
 * The full SHA-256 of the issued text, selectable and copyable: anyone holding a copy of the file can hash it
 * and compare, and the audit record holds the same value.
 */
export function HashCopy({ hash }: { hash: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = () => {
    // No clipboard outside a secure context: the hash is still there to select by hand.
    navigator.clipboard?.writeText(hash).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <p className="finalisation-hash">
      <span className="small">{t('finalise.hashLabel')}</span>{' '}
      <code className="hash-value" data-testid="finalisation-hash">
        {hash}
      </code>{' '}
      <button type="button" className="link-button" data-testid="finalisation-hash-copy" onClick={copy} aria-label={t('finalise.copyHash')}>
        {copied ? t('common.copied') : t('common.copy')}
      </button>
    </p>
  );
}

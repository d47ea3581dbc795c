import type { MessageKey } from '../../shared/i18n.ts';
import { useI18n } from '../i18n.tsx';
import { docxPath, printPath } from './exportPaths.ts';

interface Props {
  documentId: string;
  /** A version's text; the current text when absent. */
  versionId?: string;
  className: string;
  /** Test ids `<prefix>-docx` and `<prefix>-print`. */
  testIdPrefix: string;
  labels: { docx: MessageKey; print: MessageKey; docxTitle?: MessageKey; printTitle?: MessageKey };
}

/**
 * The DOCX and the print page of a text, as two plain links: the browser downloads the DOCX by the server's
 * Content-Disposition, and the print page opens in its own tab with its own Print button.
 */
export function ExportAnchors({ documentId, versionId, className, testIdPrefix, labels }: Props) {
  const { t } = useI18n();
  return (
    <>
      <a
        className={className}
        href={docxPath(documentId, versionId)}
        download
        title={labels.docxTitle && t(labels.docxTitle)}
        data-testid={`${testIdPrefix}-docx`}
      >
        {t(labels.docx)}
      </a>
      <a
        className={className}
        href={printPath(documentId, versionId)}
        target="_blank"
        rel="noopener"
        title={labels.printTitle && t(labels.printTitle)}
        data-testid={`${testIdPrefix}-print`}
      >
        {t(labels.print)}
      </a>
    </>
  );
}

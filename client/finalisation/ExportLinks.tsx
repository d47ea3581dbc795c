import { useI18n } from '../i18n.tsx';
import { ExportAnchors } from './ExportAnchors.tsx';
import { commentsDocxPath } from './exportPaths.ts';

interface Props {
  documentId: string;
}

/**
 * The current text as a DOCX (what offices file and print) and as the A4 print page. Plain links: the browser
 * downloads the DOCX by the server's Content-Disposition, and the print page opens in its own tab with its own
 * Print button, leaving the editor where it was.
 */
export function ExportLinks({ documentId }: Props) {
  const { t } = useI18n();
  return (
    <div className="export-links" role="group" aria-label={t('export.label')}>
      <ExportAnchors
        documentId={documentId}
        className="secondary-button"
        testIdPrefix="export"
        labels={{ docx: 'export.docx', print: 'export.print', printTitle: 'export.printTitle' }}
      />
      {/* Beside the normal DOCX, never instead of it: comments are not part of the text (K7). */}
      <a
        className="secondary-button"
        href={commentsDocxPath(documentId)}
        download
        title={t('comments.exportDocxHint')}
        data-testid="export-comments-docx"
      >
        {t('comments.exportDocx')}
      </a>
    </div>
  );
}

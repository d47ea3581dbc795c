import { useI18n } from '../i18n.tsx';
import { docxPath, printPath } from './exportPaths.ts';

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
      <a className="secondary-button" href={docxPath(documentId)} download data-testid="export-docx">
        {t('export.docx')}
      </a>
      <a
        className="secondary-button"
        href={printPath(documentId)}
        target="_blank"
        rel="noopener"
        title={t('export.printTitle')}
        data-testid="export-print"
      >
        {t('export.print')}
      </a>
    </div>
  );
}

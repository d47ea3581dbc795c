import { useI18n } from '../i18n.tsx';
import type { SettledText } from './scene.ts';
import { VersionTextPanel } from './TextPanel.tsx';

/** A text the meeting adopted, or finalised under its number. */
export function SettledTextPanel({ settled }: { settled: SettledText }) {
  const { t } = useI18n();
  const title = settled.number
    ? t('screen.finalText', { number: settled.number, title: settled.title })
    : t('screen.adoptedText', { title: settled.title });
  return <VersionTextPanel versionId={settled.versionId} title={title} testId="screen-settled-text" />;
}

import { useMemo } from 'react';
import type { DocumentView, MeetingView, MotionView } from '../../shared/api.ts';
import { useI18n } from '../i18n.tsx';
import { formatWhen } from '../ui/when.ts';
import type { SettledText } from './scene.ts';
import { SettledTextPanel } from './SettledTextPanel.tsx';
import { TextChangePanel } from './TextPanel.tsx';
import { screenBlocks } from './textBlocks.ts';
import { useLiveText } from './useLiveText.ts';

interface Props {
  meeting: MeetingView;
  next: MotionView | null;
  discussed: DocumentView | null;
  settled: SettledText | null;
}

/**
 * Between votes: the meeting, its order of business, what comes to the vote next, and the draft it is on as it is
 * being written, or else the text adopted last.
 */
export function OverviewScene({ meeting, next, discussed, settled }: Props) {
  const { t, lang } = useI18n();
  return (
    <div className="screen-scene screen-overview" data-testid="screen-overview">
      <div className="screen-main">
        <p className="screen-label">
          {t(`meetingStatus.${meeting.status}`)} · {formatWhen(meeting.startsAt, lang)} · {meeting.place}
        </p>
        {meeting.currentItem !== null && meeting.agenda[meeting.currentItem] !== undefined && (
          <p className="screen-current" data-testid="screen-current-item">
            <span className="screen-next-label">{t('agenda.current')}:</span> {meeting.agenda[meeting.currentItem]}
          </p>
        )}
        {meeting.agenda.length > 0 && (
          <>
            <h2 className="screen-section">{t('meetingField.agenda')}</h2>
            <ol className="screen-agenda" data-testid="screen-agenda">
              {meeting.agenda.map((item, index) => (
                <li key={index} className={meeting.currentItem === index ? 'screen-agenda-current' : undefined} data-current={meeting.currentItem === index || undefined}>
                  {item}
                </li>
              ))}
            </ol>
          </>
        )}
        {next && (
          <p className="screen-next" data-testid="screen-next">
            <span className="screen-next-label">{t('screen.next')}</span> {next.title}
            {next.documentTitle && <span className="screen-subtitle"> ({next.documentTitle})</span>}
          </p>
        )}
      </div>
      {discussed ? (
        <DiscussedText key={discussed.id} document={discussed} />
      ) : (
        settled && <SettledTextPanel settled={settled} />
      )}
    </div>
  );
}

function DiscussedText({ document }: { document: DocumentView }) {
  const { t } = useI18n();
  const content = useLiveText(document.id);
  const blocks = useMemo(() => (content ? screenBlocks(content) : null), [content]);
  if (!blocks) return null;
  const title = t('screen.discussedText', { title: document.title });
  return <TextChangePanel title={title} oldText={null} newText={blocks} testId="screen-discussed-text" />;
}

import { useI18n } from '../i18n.tsx';
import { LanguageSwitcher } from '../LanguageSwitcher.tsx';
import { LiveIndicator } from '../live/LiveIndicator.tsx';
import { useMeetingPage } from '../room/useMeetingPage.tsx';
import { meetingPath } from '../routes.ts';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';
import { JoinCode } from './JoinCode.tsx';
import { OverviewScene } from './OverviewScene.tsx';
import { ResultScene } from './ResultScene.tsx';
import { projectorScene } from './scene.ts';
import { VoteScene } from './VoteScene.tsx';
import './screen.css';

/**
 * The hall's projector (`/m/:id/screen`): the meeting's live state in large type, on a dark screen, read only and
 * with no chrome. It follows the chair from the same live state the room subscribes to (`useMeetingPage`, the
 * `meeting:<id>` projection): the open vote and its count, then its result, otherwise the meeting and the text it
 * adopted last (`projectorScene`). Any member may open it (a laptop signed in as the secretary or an observer);
 * anyone else gets the usual "not found". It fills the screen and never scrolls (PJ1).
 */
export function ProjectorScreen({ meetingId }: { meetingId: string }) {
  const { t } = useI18n();
  const page = useMeetingPage(meetingId);
  useDocumentTitle(page.meeting ? t('screen.pageTitle', { title: page.meeting.title }) : null);
  if (!page.ready) return page.fallback;
  const { meeting } = page;
  const scene = projectorScene(meeting.motions, meeting.documents);
  const link = new URL(meetingPath(meeting.id), location.origin).href;
  const { quorum } = meeting;
  return (
    <main className="screen" data-testid="projector-screen" data-scene={scene.kind}>
      <header className="screen-head">
        <div className="screen-head-text">
          <p className="screen-body-name">{[meeting.parentBody, meeting.issuingBody].filter(Boolean).join(' — ')}</p>
          <h1 className="screen-meeting" data-testid="screen-meeting-title">
            {meeting.title}
          </h1>
        </div>
        <div className="screen-head-end">
          <LiveIndicator />
          <LanguageSwitcher />
        </div>
      </header>
      <div className="screen-stage">
        {scene.kind === 'vote' ? (
          <VoteScene key={scene.motion.id} motion={scene.motion} alsoOpen={scene.alsoOpen} quorum={quorum} />
        ) : scene.kind === 'result' ? (
          <ResultScene key={scene.motion.id} motion={scene.motion} settled={scene.settled} />
        ) : (
          <OverviewScene meeting={meeting} next={scene.next} discussed={scene.discussed} settled={scene.settled} />
        )}
      </div>
      <aside className="screen-side">
        <p className="screen-quorum" data-testid="screen-quorum" data-met={quorum.met}>
          <span className="screen-quorum-label">{t('screen.present')}</span>
          <span className="screen-quorum-numbers" data-testid="screen-present">
            {quorum.present}/{quorum.total}
          </span>
          <span className="screen-quorum-verdict">
            {quorum.met ? t('quorum.met') : t('screen.quorumNeeds', { required: quorum.required })}
          </span>
        </p>
        <JoinCode link={link} />
      </aside>
    </main>
  );
}

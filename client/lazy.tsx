/**
 * The parts of the app that are downloaded when first opened, not before the sign-in page and the meetings list
 * can be used: the meeting room (it needs Yjs for its live state), the open document (TipTap, ProseMirror, the
 * versions and finalisation around the editor), the meeting's settings and audit pages, administration and the
 * account page, the projector view. A phone on the hall's Wi-Fi gets the first page in about a third of the bytes (docs/performance.md,
 * benchmark 4; SPEC CD3). The service worker keeps every chunk on the device, so they open offline too (CD4).
 *
 * Each page here is a component with the same props as the real one, showing "Loading…" until its chunk is in.
 */
import { Component, lazy, Suspense, useEffect, useLayoutEffect, type ComponentProps, type ComponentType, type ReactNode } from 'react';
import { apiPath } from './api/http.ts';
import { prefetch } from './api/prefetch.ts';
import { useI18n } from './i18n.tsx';
import { Loading } from './ui/Loading.tsx';

type Loader<P> = () => Promise<ComponentType<P>>;

interface Deferred<P> {
  (props: P): ReactNode;
  /** Starts the download now (once; again after a failure), so that opening the page later waits less. */
  load(): Promise<unknown>;
}

function deferred<P extends object>(importer: Loader<P>): Deferred<P> {
  let pending: Promise<ComponentType<P>> | null = null;
  const load = () =>
    (pending ??= importer().catch((error: unknown) => {
      pending = null;
      throw new ChunkLoadError(error);
    }));
  const Lazy = lazy(() => load().then((component) => ({ default: component })));
  function Page(props: P) {
    return (
      <LoadFailure>
        <Suspense fallback={<Loading />}>
          <Lazy {...props} />
        </Suspense>
      </LoadFailure>
    );
  }
  return Object.assign(Page, { load });
}

/** Runs `task` when the page has nothing else to do (or after two seconds at the latest). */
function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(task, { timeout: 2000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(task, 200);
  return () => clearTimeout(id);
}

export const RoomDocument = deferred(() => import('./room/RoomDocument.tsx').then((m) => m.RoomDocument));

const Room = deferred(() => import('./room/MeetingRoom.tsx').then((m) => m.MeetingRoom));

/**
 * Starts the room's code (and its document's) on a device that knows its session, before the session check has
 * answered: on a reload the chunks come from the service worker and run while the network is asked, instead of after.
 */
export function preloadRoom(withDocument: boolean): void {
  void Room.load().catch(() => {});
  if (withDocument) void RoomDocument.load().catch(() => {});
}

/**
 * The meeting room. Its document's chunk is fetched beside the room's when the address names a document (instead of
 * after the room has loaded its meeting), and otherwise once the room is idle, so that opening a document from the
 * list does not wait for the editor to download. The meeting and the document are asked for at the same time.
 */
export function MeetingRoom(props: ComponentProps<typeof Room>) {
  const { meetingId, documentId } = props;
  const opensDocument = documentId !== null;
  // The room's questions go out beside its code, not after it has arrived and run. Layout effects: they run before
  // the (passive) effects of a room or document already loaded, whose queries then take these answers.
  useLayoutEffect(() => prefetch(apiPath`/api/meetings/${meetingId}`), [meetingId]);
  useLayoutEffect(() => {
    if (documentId === null) return;
    prefetch(apiPath`/api/documents/${documentId}`);
    // The device's copy of its text is read while the editor's code arrives (a chunk the room loads anyway).
    void import('./document/useCollabDocument.ts').then((m) => m.openEarly(documentId)).catch(() => {});
  }, [documentId]);
  useEffect(() => {
    if (opensDocument) {
      RoomDocument.load().catch(() => {});
      return;
    }
    let cancelIdle = () => {};
    void Room.load()
      .then(() => {
        cancelIdle = whenIdle(() => void RoomDocument.load().catch(() => {}));
      })
      .catch(() => {});
    return () => cancelIdle();
  }, [opensDocument]);
  return <Room {...props} />;
}

export const MeetingSettingsPage = deferred(() => import('./settings/MeetingSettingsPage.tsx').then((m) => m.MeetingSettingsPage));
export const AuditPage = deferred(() => import('./motions/AuditPage.tsx').then((m) => m.AuditPage));
export const AdminPage = deferred(() => import('./admin/AdminPage.tsx').then((m) => m.AdminPage));
/** The hall's projector: large type and the join code (qrcode-generator), needed by no other page. */
export const ProjectorScreen = deferred(() => import('./screen/ProjectorScreen.tsx').then((m) => m.ProjectorScreen));
export const AccountPage = deferred(() => import('./account/AccountPage.tsx').then((m) => m.AccountPage));

class ChunkLoadError extends Error {
  constructor(cause: unknown) {
    super('A part of the app could not be downloaded', { cause });
  }
}

/**
 * A chunk that cannot be fetched (offline before the service worker had it, or an old page after a new deployment
 * removed it) says so and offers a reload, instead of taking the whole app down. Any other error goes on up as
 * before: this is not a place to hide a page that crashed.
 */
class LoadFailure extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    if (error instanceof ChunkLoadError) return <LoadFailed />;
    throw error;
  }
}

function LoadFailed() {
  const { t } = useI18n();
  return (
    <div className="card" role="alert" data-testid="load-failed">
      <p>{t('lazy.failed')}</p>
      <button type="button" className="primary-button" onClick={() => window.location.reload()}>
        {t('lazy.reload')}
      </button>
    </div>
  );
}

import type { MeetingView } from '../../shared/api.ts';
import { api, apiPath } from '../api/http.ts';
import { useCommand } from '../api/useCommand.ts';
import { useI18n } from '../i18n.tsx';
import { ErrorText } from '../ui/ErrorText.tsx';

/**
 * "Quan sát viên được bình luận": off unless the meeting allows it. Saved as soon as it is ticked; the box shows the
 * meeting's setting as the live state has it, so two people changing it see the same.
 */
export function CommentsSetting({ meeting }: { meeting: MeetingView }) {
  const { t } = useI18n();
  const command = useCommand();
  const change = (observersComment: boolean) =>
    void command.run(() => api.patch<MeetingView>(apiPath`/api/meetings/${meeting.id}`, { observersComment }));
  return (
    <section className="card wide-card" aria-labelledby="comments-setting-heading" data-testid="comments-setting">
      <h2 id="comments-setting-heading" className="section-title">
        {t('settings.comments')}
      </h2>
      <label className="checkbox-field">
        <input
          type="checkbox"
          data-testid="observers-comment"
          checked={meeting.observersComment}
          disabled={command.pending}
          onChange={(e) => change(e.target.checked)}
        />{' '}
        {t('settings.observersComment')}
      </label>
      <p className="muted small">{t('settings.observersCommentHint')}</p>
      <ErrorText error={command.error} />
    </section>
  );
}

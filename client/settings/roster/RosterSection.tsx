import { useState } from 'react';
import type { MeetingView } from '../../../shared/api.ts';
import { useI18n } from '../../i18n.tsx';
import { Section } from '../../ui/Section.tsx';
import { AddExistingMember } from './AddExistingMember.tsx';
import { CreateMemberForm } from './CreateMemberForm.tsx';
import { ImportMembers } from './ImportMembers.tsx';
import { RosterEditor } from './RosterEditor.tsx';

type Adding = 'existing' | 'new' | 'import';

export function RosterSection({ meeting }: { meeting: MeetingView }) {
  const { t } = useI18n();
  const [adding, setAdding] = useState<Adding>('existing');
  const ways: { id: Adding; label: string }[] = [
    { id: 'existing', label: t('roster.addExisting') },
    { id: 'new', label: t('roster.createNew') },
    { id: 'import', label: t('roster.import') },
  ];
  return (
    <Section title={t('roster.heading', { count: meeting.members.length })} testId="roster-settings">
      <RosterEditor meeting={meeting} />
      <h3 className="subsection-title">{t('roster.add')}</h3>
      <div className="segmented" role="group" aria-label={t('roster.add')}>
        {ways.map(({ id, label }) => (
          <button
            key={id}
            type="button"
            className="segment"
            data-testid={`roster-add-${id}`}
            aria-pressed={adding === id}
            onClick={() => setAdding(id)}
          >
            {label}
          </button>
        ))}
      </div>
      {adding === 'existing' && <AddExistingMember meeting={meeting} />}
      {adding === 'new' && <CreateMemberForm meetingId={meeting.id} allowChair={meeting.permissions.manageChairs} />}
      {/* Kept mounted: the new accounts' passwords it holds must not vanish when another way is chosen. */}
      <div hidden={adding !== 'import'}>
        <ImportMembers meetingId={meeting.id} meetingTitle={meeting.title} />
      </div>
    </Section>
  );
}

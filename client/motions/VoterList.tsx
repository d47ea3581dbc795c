import type { MemberView, MotionView, ProjectedBallot } from '../../shared/api.ts';
import { CHOICES } from '../../shared/motions.ts';
import { useI18n } from '../i18n.tsx';

interface Props {
  motion: MotionView;
  /** userId → choice (named) or 'voted' (secret), from the projection. */
  ballots: Readonly<Record<string, ProjectedBallot>> | undefined;
  members: readonly MemberView[];
}

/**
 * Who voted: under each choice for a named vote; for a secret ballot, only the names (what each chose is
 * recorded nowhere). In roster order, so a name is found where the roster has it.
 */
export function VoterList({ motion, ballots, members }: Props) {
  const { t } = useI18n();
  if (motion.form === 'hands' || !ballots) return null;
  const voters = members.filter((member) => ballots[member.userId] !== undefined);
  if (voters.length === 0) return null;
  const groups =
    motion.form === 'named'
      ? CHOICES.map((choice) => ({ key: choice, label: t(`choice.${choice}`), people: voters.filter((m) => ballots[m.userId] === choice) }))
      : [{ key: 'voted', label: t('motion.votersSecret'), people: voters }];
  return (
    <details className="voter-list" data-testid="voter-list">
      <summary>{t('motion.voters', { count: voters.length })}</summary>
      {groups.map((group) => (
        <div key={group.key} className="voter-group" data-choice={group.key}>
          <p className="voter-group-label">
            {group.label} ({group.people.length})
          </p>
          {group.people.length > 0 && (
            <ul className="voter-names">
              {group.people.map((member) => (
                <li key={member.userId} data-testid="voter" data-user-id={member.userId}>
                  {member.fullName}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </details>
  );
}

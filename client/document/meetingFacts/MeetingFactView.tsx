import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { factTextOf, meetingFactOf } from '../../../shared/editor/allowed.ts';
import { FACT_BLANKS } from '../../../shared/meeting-facts.ts';
import { BLANK } from '../../../shared/templates/types.ts';
import { useI18n } from '../../i18n.tsx';
import { useMeetingFacts } from './MeetingFactsContext.ts';
import './meetingFact.css';

/**
 * A meeting fact inside a sentence of the minutes: the live fact while the meeting's live state is at hand and the
 * text unlocked, otherwise the words the server stored in it. Marked on screen as a live value (as a vote result
 * is), not in print; a fact not known yet shows the form's blank.
 */
export function MeetingFactView({ node, selected }: ReactNodeViewProps) {
  const facts = useMeetingFacts();
  const { t } = useI18n();
  // Held to what the schema allows: a peer may have written anything here, which React must not render as markup.
  const fact = meetingFactOf(node.attrs.fact);
  const stored = factTextOf(node.attrs.text);
  const live = fact !== null && facts !== null;
  const words = (live ? facts[fact] : stored) || (fact ? FACT_BLANKS[fact] : BLANK);
  const known = (live ? facts[fact] : stored) !== '';
  const label = fact ? t(`meetingFact.${fact}`) : t('meetingFact.unknown');
  return (
    <NodeViewWrapper
      as="span"
      className={`meeting-fact${selected ? ' is-selected' : ''}`}
      data-state={!known ? 'blank' : live ? 'live' : 'stored'}
      data-fact={fact ?? undefined}
      data-testid="meeting-fact"
      title={live ? t('meetingFact.liveTitle', { fact: label }) : label}
    >
      {words}
    </NodeViewWrapper>
  );
}

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useEditorState, type Editor } from '@tiptap/react';
import type { MotionView } from '../../../shared/api.ts';
import { useI18n } from '../../i18n.tsx';
import { VoteResultIcon } from '../icons.tsx';
import { canInsertVoteResult, placeVoteResult, voteResultContent, voteResultPlaceholder } from './insert.ts';
import { VOTE_RESULT_LABELS } from './labels.ts';
import { useMotions } from './MotionsContext.ts';
import './voteResult.css';

/**
 * The toolbar's "insert vote result" button: a menu of the meeting's motions; choosing one puts a block bound to
 * it in place of the minutes' "Kết quả biểu quyết: …" line, under a selected result, or at the cursor. Disabled
 * when the meeting has no motion, or where a block cannot go (the header and signature columns) and there is no
 * such line; not shown on an editor that is not editable. `labelled`: the minutes show its name beside the icon.
 */
export function InsertVoteResult({ editor, labelled = false }: { editor: Editor; labelled?: boolean }) {
  const motions = useMotions();
  const { lang } = useI18n();
  const labels = VOTE_RESULT_LABELS[lang];
  const [open, setOpen] = useState(false);
  const [room, setRoom] = useState<{ align: 'start' | 'end'; maxWidth: number }>({ align: 'start', maxWidth: 384 });
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const menuId = useId();

  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      editable: e.isEditable,
      fits: canInsertVoteResult(e.state) || voteResultPlaceholder(e.state.doc) !== null,
    }),
  });
  const disabled = motions.length === 0 || !state.fits;

  useEffect(() => {
    if (disabled) setOpen(false);
  }, [disabled]);

  // Closes on a press outside; the first item takes focus so the keyboard can go on from the button.
  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onResize = () => setOpen(false);
    document.addEventListener('pointerdown', onPointerDown);
    window.addEventListener('resize', onResize);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      window.removeEventListener('resize', onResize);
    };
  }, [open]);

  if (!state.editable) return null;

  const toggle = () => {
    if (!open && buttonRef.current) {
      // Open towards the side with more room, never wider than that room (a phone must not scroll sideways).
      const rect = buttonRef.current.getBoundingClientRect();
      const right = window.innerWidth - rect.left;
      const left = rect.right;
      setRoom({ align: right >= left ? 'start' : 'end', maxWidth: Math.min(384, Math.max(right, left) - 8) });
    }
    setOpen(!open);
  };

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  const choose = (motion: MotionView) => {
    setOpen(false);
    const content = voteResultContent(motion);
    const placed = placeVoteResult(editor.state, content);
    if (placed) {
      editor.view.dispatch(placed);
      editor.view.focus();
    } else editor.chain().focus().insertContent(content).run();
  };

  const onMenuKey = (event: KeyboardEvent<HTMLUListElement>) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => {
      event.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(items.length - 1);
    else if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      close();
    }
  };

  const title = motions.length === 0 ? labels.noMotions : !state.fits ? labels.notHere : labels.insert;
  return (
    <>
      <span className="toolbar-separator" aria-hidden="true" />
      <div className="vote-result-insert" ref={rootRef}>
        <button
          ref={buttonRef}
          type="button"
          className={labelled ? 'toolbar-button toolbar-button--labelled' : 'toolbar-button'}
          aria-label={labels.insert}
          title={title}
          aria-haspopup="menu"
          aria-expanded={open}
          aria-controls={open ? menuId : undefined}
          disabled={disabled}
          data-testid="toolbar-voteResult"
          // Keep the editor's selection: the block goes where the cursor was.
          onMouseDown={(event) => event.preventDefault()}
          onClick={toggle}
        >
          <VoteResultIcon />
          {labelled && <span className="toolbar-button-label">{labels.insert}</span>}
        </button>
        {open && (
          <ul
            ref={menuRef}
            id={menuId}
            className={`vote-result-menu vote-result-menu--${room.align}`}
            style={{ maxWidth: room.maxWidth }}
            role="menu"
            aria-label={labels.menu}
            onKeyDown={onMenuKey}
          >
            {motions.map((motion) => (
              <li key={motion.id} role="none">
                <button
                  type="button"
                  role="menuitem"
                  className="vote-result-menu-item"
                  data-motion-id={motion.id}
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => choose(motion)}
                >
                  <span className="vote-result-menu-title">{labels.motion(motion.number, motion.title)}</span>
                  <span className="vote-result-menu-state" data-state={motion.status}>
                    {labels.status[motion.status]}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}

/**
 * The check on a connection that may only suggest (a delegate of a meeting whose delegates suggest): its update is
 * admitted only if its *effect* on the document is a suggestion of that person's own. The update is applied to a
 * probe copy of the room's document and the transaction inspected there (never what the client says it did):
 *
 * - text inserted must carry the person's own insertion mark (`suggestionInsert` with `by` = their account);
 * - text removed must be their own suggested insertion;
 * - text kept may change formatting only by gaining or losing their own deletion mark (`suggestionDelete`);
 * - a paragraph may be added directly in the document's body only as their own suggestion (its `suggestion`
 *   attribute theirs and its only attribute, its text all their own suggested insertion, nothing but text in it), and
 *   removed only if it was such a paragraph and held nothing but their own insertion (SG10);
 * - nothing else: no other node added or removed, no node given other attributes, no other shared type touched.
 *
 * Cost: the probe exists only while the room has such a connection (one more copy of the document), follows the
 * room's document update by update, and is rebuilt only after a refusal (which closes the connection). The check
 * walks the runs of the paragraphs the update touched, so an update costs about what applying it costs.
 */
import { equalityDeep } from 'lib0/function';
import * as Y from 'yjs';
import { SUGGEST_DELETE, SUGGEST_INSERT, SUGGESTABLE_NODE, SUGGESTED_PARAGRAPH, suggestionAttrsOf } from '../../shared/editor/suggestion-attrs.ts';
import { SUGGESTIONS_FIELD } from '../../shared/suggestions.ts';
import { ProbeCopy } from './probe-copy.ts';
import { addedIn, attributeAfter, attributeBefore, deletedIn } from './transaction-state.ts';

export class SuggestGate {
  private readonly probe: ProbeCopy;

  constructor(doc: Y.Doc) {
    this.probe = new ProbeCopy(doc);
  }

  /**
   * Null when `update` (which integrates completely: the room checked) only suggests, as `userId`; otherwise why
   * not (the first refusal stands). A refused update has changed the probe, which is dropped and rebuilt on next use.
   */
  refusal(userId: string, update: Uint8Array): string | null {
    const reason = this.probe.try(update, (tr) => refusalOf(tr, userId));
    if (reason !== null) this.release();
    return reason;
  }

  /** Drops the probe (no connection of the room needs it any more, or it holds a refused update). */
  release(): void {
    this.probe.release();
  }
}

type Attributes = Map<string, unknown>;

function setAttribute(attrs: Attributes, key: string, value: unknown): void {
  if (value === null) attrs.delete(key);
  else attrs.set(key, value);
}

/** Why the transaction is not only `userId`'s suggestions, or null when it is. */
export function refusalOf(tr: Y.Transaction, userId: string): string | null {
  const added = (item: Y.Item) => addedIn(tr, item);
  const deletedNow = (item: Y.Item) => deletedIn(tr, item);
  const own = (value: unknown) => suggestionAttrsOf(value)?.by === userId;
  const body = tr.doc.getXmlFragment(SUGGESTIONS_FIELD);

  /** Every character of `text` present before or after the transaction, compared. */
  const checkText = (text: Y.XmlText): string | null => {
    const before: Attributes = new Map();
    const after: Attributes = new Map();
    for (let item = text._start; item !== null; item = item.right) {
      const isNew = added(item);
      const presentBefore = !isNew && (!item.deleted || deletedNow(item));
      const presentAfter = !item.deleted;
      const content = item.content;
      if (content instanceof Y.ContentFormat) {
        if (presentBefore) setAttribute(before, content.key, content.value);
        if (presentAfter) setAttribute(after, content.key, content.value);
        continue;
      }
      if (!presentBefore && !presentAfter) continue;
      if (presentBefore && presentAfter) {
        if (!sameExceptOwnDeletion(before, after, own)) return 'formatting changed';
      } else if (presentAfter) {
        if (!(content instanceof Y.ContentString)) return 'something other than text inserted';
        if (!own(after.get(SUGGEST_INSERT))) return 'text inserted without an insertion mark of the author';
      } else if (!own(before.get(SUGGEST_INSERT))) {
        return 'text deleted that is not the author’s suggested insertion';
      }
    }
    return null;
  };

  /**
   * A paragraph of the body added or removed whole: only the author's own suggested paragraph, holding nothing but
   * runs of text (no attributes of their own), every character of which is the author's suggested insertion.
   */
  const checkParagraph = (element: Y.XmlElement, isNew: boolean): string | null => {
    if (element.nodeName !== SUGGESTABLE_NODE) return 'structure changed';
    if (isNew) {
      const keys = Object.keys(element.getAttributes());
      if (keys.length !== 1 || keys[0] !== SUGGESTED_PARAGRAPH || !own(attributeAfter(element, SUGGESTED_PARAGRAPH))) {
        return 'paragraph added that is not the author’s suggested paragraph';
      }
    } else if (!own(attributeBefore(tr, element, SUGGESTED_PARAGRAPH))) {
      return 'paragraph removed that is not the author’s suggested paragraph';
    }
    for (let item = element._start; item !== null; item = item.right) {
      const there = isNew ? !item.deleted : !added(item) && (!item.deleted || deletedNow(item));
      if (!there) continue;
      const content = item.content;
      if (!(content instanceof Y.ContentType) || !(content.type instanceof Y.XmlText)) return 'something other than text in a suggested paragraph';
      if (isNew && content.type._map.size > 0) return 'attributes of a text changed';
      const refused = checkText(content.type);
      if (refused) return refused;
    }
    return null;
  };

  /** A node's children: only a run of text may come or go, or a paragraph of the body, and only as the author's suggestion. */
  const checkChildren = (parent: Y.XmlElement | Y.XmlFragment): string | null => {
    for (let item = parent._start; item !== null; item = item.right) {
      const isNew = added(item);
      if (!(isNew ? !item.deleted : deletedNow(item))) continue;
      const content = item.content;
      if (!(content instanceof Y.ContentType)) return 'structure changed';
      const refused =
        content.type instanceof Y.XmlText
          ? checkText(content.type)
          : parent === body && content.type instanceof Y.XmlElement
            ? checkParagraph(content.type, isNew)
            : 'structure changed';
      if (refused) return refused;
    }
    return null;
  };

  for (const [type, keys] of tr.changed) {
    if (type instanceof Y.XmlText) {
      for (const key of keys) if (key !== null) return 'attributes of a text changed';
      const refused = checkText(type);
      if (refused) return refused;
    } else if (type instanceof Y.XmlElement || type instanceof Y.XmlFragment) {
      // An attribute set again to the value it had changes nothing (y-prosemirror may write one it compares by identity).
      for (const key of keys) {
        if (key !== null && !(type instanceof Y.XmlElement && equalityDeep(attributeBefore(tr, type, key), attributeAfter(type, key)))) {
          return 'node attributes changed';
        }
      }
      const refused = checkChildren(type);
      if (refused) return refused;
    } else {
      return 'a shared type other than the text changed';
    }
  }
  return null;
}

function sameExceptOwnDeletion(before: Attributes, after: Attributes, own: (value: unknown) => boolean): boolean {
  const keys = new Set([...before.keys(), ...after.keys()]);
  for (const key of keys) {
    const a = before.get(key);
    const b = after.get(key);
    if (equalityDeep(a, b)) continue;
    if (key === SUGGEST_DELETE && ((a === undefined && own(b)) || (own(a) && b === undefined))) continue;
    return false;
  }
  return true;
}

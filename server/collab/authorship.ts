/**
 * Who a suggestion is by, as the document has shown it: a peer that may edit directly (and so is not checked by the
 * suggest gate) must not write a suggestion in someone else's name. A suggestion mark carries its author's account
 * id (`by`); an update from a connection may set a mark naming another person only for a suggestion that person
 * already made in this document (the same id, by the same person). That is what honest editing produces: a paragraph
 * split inside someone's suggestion, an undo of a deletion that took part of one. A new id in another person's name
 * is a forgery, and the update is not applied (`CloseCode.SuggestionNotYours`).
 *
 * The ledger of (id, author) pairs is read from every update the room's document takes: its stored state as it
 * loads, then what anyone writes (peers, other processes, the server's own accept and reject). Ids are never
 * forgotten while the room lives, so an undo after a suggestion was wholly deleted still finds it. Cost: an update
 * that does not name a suggestion mark (nearly all of them) is passed over by a byte search; one that does is
 * decoded once, without being applied.
 */
import * as Y from 'yjs';
import { SUGGEST_DELETE, SUGGEST_INSERT, SUGGESTED_PARAGRAPH, suggestionAttrsOf } from '../../shared/editor/suggestion-attrs.ts';

/** Keys under which a suggestion's attributes are written: the two marks (formatting attributes of a Y.XmlText). */
const SUGGESTION_KEYS = new Set<string>([SUGGEST_INSERT, SUGGEST_DELETE]);
/** The attribute of a paragraph suggested as a whole (a map entry of its Y.XmlElement). */
const PARAGRAPH_KEY = SUGGESTED_PARAGRAPH;
/** The bytes every such key contains, searched for before anything is decoded. */
const NEEDLE = Buffer.from('suggestion');

export interface Authored {
  id: string;
  by: string;
}

/**
 * The suggestion attributes an update writes, in the order it writes them: formatting it sets on text, and the
 * attribute of a suggested paragraph.
 */
export function suggestionsWritten(update: Uint8Array): Authored[] {
  if (Buffer.from(update.buffer, update.byteOffset, update.byteLength).indexOf(NEEDLE) < 0) return [];
  const out: Authored[] = [];
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item)) continue;
    const content = struct.content;
    let value: unknown;
    if (content instanceof Y.ContentFormat && SUGGESTION_KEYS.has(content.key)) value = content.value;
    else if (struct.parentSub === PARAGRAPH_KEY && content instanceof Y.ContentAny) value = content.arr[0];
    else continue;
    const attrs = suggestionAttrsOf(value);
    if (attrs) out.push({ id: attrs.id, by: attrs.by });
  }
  return out;
}

export class AuthorshipLedger {
  private readonly authors = new Map<string, string>();

  /** Notes the suggestions an update the document took writes. The first author seen for an id stays its author. */
  note(update: Uint8Array): void {
    for (const { id, by } of suggestionsWritten(update)) if (!this.authors.has(id)) this.authors.set(id, by);
  }

  /**
   * Null when every suggestion `update` writes is `userId`'s own or an existing one by its own author; otherwise the
   * first that is not (a new id in another person's name, or a known id given another author).
   */
  forgery(userId: string, update: Uint8Array): Authored | null {
    for (const written of suggestionsWritten(update)) {
      if (written.by === userId) {
        const known = this.authors.get(written.id);
        if (known === undefined || known === userId) continue;
        return written;
      }
      if (this.authors.get(written.id) !== written.by) return written;
    }
    return null;
  }
}

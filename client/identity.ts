/**
 * Who this browser is in a document's awareness: shown in the presence list and on the caret. The name is the
 * signed-in account's full name and the colour the account's (`caretColor`), its first choice: the server writes
 * the name and the colour others see, whatever a client sends, and gives another colour when someone present has
 * that one (R16), telling this browser, whose awareness then holds it.
 */
export interface Identity {
  name: string;
  color: string;
}

/**
 * Who this browser is in a document's awareness: shown in the presence list and on the caret. The name is the
 * signed-in account's full name and the colour the account's (`caretColor`); the server writes the same two into
 * what others see, whatever a client sends.
 */
export interface Identity {
  name: string;
  color: string;
}

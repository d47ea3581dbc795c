/**
 * The child side of `Worker` (worker.ts): a load-generator process handles the orchestrator's messages by type.
 * After the `close` handler has let go of what the process holds, it disconnects; and it never outlives the
 * orchestrator — a disconnect, for whatever reason, ends it.
 */
export function serve<In extends { type: string }>(handlers: { [T in In['type']]: (msg: Extract<In, { type: T }>) => void }): void {
  process.on('message', (msg: In) => {
    const handle = handlers[msg.type as In['type']] as ((m: In) => void) | undefined;
    handle?.(msg);
    if (msg.type === 'close') process.disconnect();
  });
  process.on('disconnect', () => process.exit(0));
}

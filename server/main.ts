import { startServer } from './app.ts';
import { ensureClientBuilt } from './build-client.ts';
import { loadConfig } from './config.ts';

/** `npm start`: build the client if needed, serve everything on one port, shut down cleanly on a signal. */
async function main(): Promise<void> {
  const config = loadConfig();
  const clientDir = process.env.QUORUM_SKIP_CLIENT_BUILD ? null : await ensureClientBuilt((m) => console.log(m));
  const server = await startServer(config, { clientDir });
  console.log(`Quorum is running at ${server.url}`);
  // A page reached by any other name cannot change anything (DNS rebinding); an operator who sees their own
  // address missing here sets PUBLIC_ORIGIN.
  console.log(`Accepting changes and sync sockets from: ${[...server.origins, ...config.ALLOWED_ORIGINS].join(', ')}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`${signal} again: exiting without waiting.`);
      process.exit(1);
    }
    stopping = true;
    server.app.log.info({ signal }, 'shutting down: persisting documents and closing sockets');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('Shutdown failed:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

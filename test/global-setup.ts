import { ensureClientBuilt } from '../server/build-client.ts';

/** Builds the web client once before any test file runs (test files run in parallel and must not race a build). */
export default async function setup(): Promise<void> {
  // Same switch as `npm start`: for running server-only test files while the client is being changed.
  if (process.env.QUORUM_SKIP_CLIENT_BUILD === '1') return;
  await ensureClientBuilt((msg) => console.log(msg));
}

import { ensureClientBuilt } from '../server/build-client.ts';

/** Builds the web client once before any test file runs (test files run in parallel and must not race a build). */
export default async function setup(): Promise<void> {
  await ensureClientBuilt((msg) => console.log(msg));
}

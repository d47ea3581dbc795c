import { createServer } from 'vite';
import { startServer } from './app.ts';
import { ROOT } from './build-client.ts';
import { loadConfig } from './config.ts';
import path from 'node:path';

/**
 * `npm run dev`: the API and sync server on PORT (default 8080) and Vite with hot reload on VITE_PORT
 * (default 5173), which proxies /api, /collab and /healthz to it (see vite.config.ts).
 */
const config = loadConfig();
const vitePort = Number(process.env.VITE_PORT ?? 5173);
// The browser's page comes from Vite, whose proxy rewrites Host to the API's: its origin must be allowed by name.
config.ALLOWED_ORIGINS.push(
  ...new Set([`http://localhost:${vitePort}`, `http://127.0.0.1:${vitePort}`, `http://${config.HOST}:${vitePort}`]),
);
const server = await startServer(config, { clientDir: null });
process.env.API_PORT = String(server.port);
const vite = await createServer({ configFile: path.join(ROOT, 'vite.config.ts'), server: { port: vitePort, host: config.HOST } });
await vite.listen();
console.log(`API and sync server: ${server.url}`);
vite.printUrls();

const stop = () => void Promise.all([vite.close(), server.close()]).then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

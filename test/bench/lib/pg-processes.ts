import pg from 'pg';
import { ADMIN_URL } from '../../helpers/postgres.ts';

/**
 * The PostgreSQL processes that work for one server under test, so that the CPU a ballot or an update costs in
 * the database is counted beside the server's own (on SQLite that work runs inside the server's process). They
 * are the backends connected to the server's database, and the shared writers of the cluster (WAL writer,
 * background writer, checkpointer), which during a measured window work for nothing else (the bench waits for an
 * idle machine first). PostgreSQL runs on this machine, so their CPU is read from /proc like everyone else's.
 */
export class PostgresProcesses {
  private constructor(
    private readonly client: pg.Client,
    private readonly database: string,
  ) {}

  static async watch(databaseUrl: string): Promise<PostgresProcesses> {
    const client = new pg.Client({ connectionString: ADMIN_URL });
    await client.connect();
    return new PostgresProcesses(client, decodeURIComponent(new URL(databaseUrl).pathname.slice(1)));
  }

  /** The pids now: a pool that grew during a window shows its new backends in the reading at the window's end. */
  async pids(): Promise<number[]> {
    const { rows } = await this.client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
       WHERE (datname = $1 OR backend_type IN ('walwriter', 'background writer', 'checkpointer')) AND pid <> pg_backend_pid()`,
      [this.database],
    );
    return rows.map((r) => r.pid);
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}

/** The engines the project's server can store its data in, as the bench names them (`--db`). */
export type Database = 'sqlite' | 'postgres';

export const DATABASE_NAMES: Record<Database, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** A verdict's name carries the engine (`votes-p99/postgres`) when the project's server ran on one. */
export const verdictName = (name: string, database: Database | null): string => (database ? `${name}/${database}` : name);

/** A report column's heading for a run of the project's server (or of the reference). */
export const sideName = (label: string, database: Database | null): string => (database ? `${label} (${DATABASE_NAMES[database]})` : label);

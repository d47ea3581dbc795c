import { afterAll } from 'vitest';
import { dropTestDatabases } from './helpers/database.ts';

// The PostgreSQL databases the file's servers were given are dropped with the file.
afterAll(dropTestDatabases);

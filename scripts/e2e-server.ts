/** The end-to-end test server: a fresh database every run, then the same start-up as npm start. */
import fs from 'node:fs';

const file = process.env.DATABASE_PATH ?? 'data/e2e.db';
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
await import('./start');

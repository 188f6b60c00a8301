/**
 * Opening a gate store file: the SQLite settings, the schema and the checks that the file is a
 * gate store of a schema version this build knows. A store is recognised by its `application_id`
 * and versioned by `user_version`; a later schema version is refused rather than guessed at.
 */
import Database from 'better-sqlite3';

/** 'IGVS' in ASCII: marks an SQLite file as a gate store. */
export const GATE_STORE_APPLICATION_ID = 0x49475653;
export const GATE_STORE_SCHEMA_VERSION = 1;

export type GateStoreErrorCode = 'CANNOT_OPEN' | 'NOT_A_GATE_STORE' | 'UNKNOWN_SCHEMA_VERSION' | 'BAD_META' | 'JOURNAL_CONFLICT' | 'SNAPSHOT_MISMATCH';

/** A gate store that cannot be used as asked; `path` names the file. */
export class GateStoreError extends Error {
  override readonly name = 'GateStoreError';
  constructor(readonly code: GateStoreErrorCode, readonly path: string, detail: string) {
    super(`gate store ${path}: ${detail}`);
  }
}

const SCHEMA_V1 = `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  CREATE TABLE journal (tick INTEGER PRIMARY KEY, commands TEXT NOT NULL) STRICT;
  CREATE TABLE snapshots (tick INTEGER PRIMARY KEY, world TEXT NOT NULL, digest TEXT NOT NULL) STRICT;
  CREATE TABLE digests (tick INTEGER PRIMARY KEY, digest TEXT NOT NULL) STRICT;
  CREATE TABLE orders (id TEXT PRIMARY KEY, spec TEXT NOT NULL, accepted_tick INTEGER) STRICT;
`;

const sqliteCode = (err: unknown) => (err as { code?: unknown }).code;

/**
 * Opens (creating when new or empty) the gate store at `path`, WAL mode, synchronous NORMAL.
 * Throws `GateStoreError` when the file cannot be opened, is not an SQLite database, belongs to
 * another application, or has a schema version this build does not know.
 */
export function openStoreDatabase(path: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(path);
  } catch (err) {
    throw new GateStoreError('CANNOT_OPEN', path, err instanceof Error ? err.message : String(err));
  }
  try {
    ensureSchema(db, path);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof GateStoreError) throw err;
    if (sqliteCode(err) === 'SQLITE_NOTADB') throw new GateStoreError('NOT_A_GATE_STORE', path, 'not an SQLite database');
    throw new GateStoreError('CANNOT_OPEN', path, err instanceof Error ? err.message : String(err));
  }
}

function ensureSchema(db: Database.Database, path: string): void {
  // The first read of the header: a file that is not SQLite fails here (SQLITE_NOTADB).
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = (db.prepare(`SELECT count(*) AS n FROM sqlite_schema`).get() as { n: number }).n;
  const fresh = appId === 0 && version === 0 && tables === 0;
  if (!fresh && appId !== GATE_STORE_APPLICATION_ID) {
    throw new GateStoreError('NOT_A_GATE_STORE', path, `an SQLite database of another application (application_id ${appId}, ${tables} schema objects)`);
  }
  if (!fresh && version !== GATE_STORE_SCHEMA_VERSION) {
    throw new GateStoreError('UNKNOWN_SCHEMA_VERSION', path, `schema version ${version}; this build reads version ${GATE_STORE_SCHEMA_VERSION}`);
  }
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a commit survives a crash of this process (kill -9) because it is in the
  // WAL file once the write returns; surviving power loss or an OS crash needs synchronous = FULL
  // (an fsync per commit).
  db.pragma('synchronous = NORMAL');
  if (fresh) {
    db.transaction(() => {
      db.exec(SCHEMA_V1);
      db.pragma(`application_id = ${GATE_STORE_APPLICATION_ID}`);
      db.pragma(`user_version = ${GATE_STORE_SCHEMA_VERSION}`);
    })();
  }
}

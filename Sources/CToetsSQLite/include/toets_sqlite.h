#ifndef TOETS_SQLITE_H
#define TOETS_SQLITE_H

/// Tells the SQLite connection `db` (a `sqlite3 *`) not to checkpoint its write-ahead log when it
/// closes (SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, which Swift cannot pass: sqlite3_db_config is
/// variadic). Returns SQLite's result code.
int toets_sqlite_keep_wal_on_close(void *db);

#endif

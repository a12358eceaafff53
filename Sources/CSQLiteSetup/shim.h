#ifndef RELANCE_CSQLITESETUP_SHIM_H
#define RELANCE_CSQLITESETUP_SHIM_H

// sqlite3_config is variadic, which Swift cannot call. Declared here rather than through
// <sqlite3.h>, which GRDBSQLite's module already owns; the option numbers are SQLite's stable ABI.
int sqlite3_config(int option, ...);

/// Sets SQLite's process-wide options before its first use: multi-thread mode (no mutex around
/// each call on a connection: GRDB already serializes every use of one, and supports only this
/// mode) and no memory statistics (a global mutex around every allocation). Returns SQLite's code:
/// not SQLITE_OK (0) when SQLite was already in use, and then nothing changed.
static inline int relance_sqlite_setup(void) {
    const int multithread = 2;  // SQLITE_CONFIG_MULTITHREAD
    const int memstatus = 9;    // SQLITE_CONFIG_MEMSTATUS
    int code = sqlite3_config(multithread);
    if (code == 0) code = sqlite3_config(memstatus, 0);
    return code;
}

#endif

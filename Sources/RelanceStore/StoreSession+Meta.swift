import GRDB

extension StoreSession {
    /// A value of the `meta` table.
    public func meta(_ key: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
    }

    /// Sets a value of the `meta` table.
    public func setMeta(_ key: String, _ value: String) throws {
        try db.execute(
            sql: "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            arguments: [key, value])
    }

    /// Increments and returns a counter of the `meta` table.
    func nextCounter(_ key: String) throws -> Int {
        let next = (Int(try meta(key) ?? "0") ?? 0) + 1
        try setMeta(key, String(next))
        return next
    }
}

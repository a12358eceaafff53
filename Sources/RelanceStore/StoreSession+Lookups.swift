import GRDB

extension StoreSession {
    /// Whether an advisor is known: imported, or named by a jobseeker.
    public func isKnownAdvisor(_ id: String) throws -> Bool {
        try exists("SELECT 1 FROM advisors WHERE id = ?", id)
            || exists("SELECT 1 FROM jobseekers WHERE advisor = ?", id)
    }

    /// Whether an agency is known: imported, or named by a jobseeker.
    public func isKnownAgency(_ code: String) throws -> Bool {
        try exists("SELECT 1 FROM agencies WHERE code = ?", code)
            || exists("SELECT 1 FROM jobseekers WHERE agency = ?", code)
    }

    private func exists(_ sql: String, _ value: String) throws -> Bool {
        try Int.fetchOne(db, sql: sql + " LIMIT 1", arguments: [value]) != nil
    }
}

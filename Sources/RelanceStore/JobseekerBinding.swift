extension StatementBinding {
    /// Binds every column of `record`, the parameters numbered as the columns of `jobseekers`:
    /// ?1 id, ?2 department, ?3 territory, ?4 first_name, ?5 last_name, ?6 email, ?7 phone,
    /// ?8 agency, ?9 advisor, ?10 registered_on (NULL when the row has none), ?12 channels,
    /// ?13 journal_required, ?14 status; ?11 and ?15 are left to the statement.
    func bind(_ record: JobseekerRecord) {
        bind(record.id, 1)
        bind(record.department, 2)
        bind(record.territory.key, 3)
        bind(record.firstName, 4)
        bind(record.lastName, 5)
        bind(record.email, 6)
        bind(record.phone?.e164, 7)
        bind(record.agency, 8)
        bind(record.advisor, 9)
        bind(record.registeredOn?.description, 10)
        bind(record.channels.map { $0.map(\.rawValue).joined(separator: "|") }, 12)
        bind(record.journalRequired.map { $0 ? Int64(1) : 0 }, 13)
        bind(record.status.rawValue, 14)
    }
}

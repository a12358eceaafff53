import RelanceStore

/// Valid jobseekers rows waiting to be written, in batches sorted by id: SQLite inserts keys in
/// order far faster than at random (the B-tree pages of a batch are visited once, in order).
///
/// The rows of a file have distinct ids, so the order in which they are written changes
/// neither the database nor the counts. Memory is bounded by the batch size.
struct JobseekerBatch {
    static let size = 65_536

    private var records: [JobseekerRecord] = []
    /// The ids of `records`.
    private var ids = Set<String>()
    private(set) var written = 0
    private(set) var unchanged = 0

    /// Whether a row with this id waits in the batch.
    func contains(_ id: String) -> Bool { ids.contains(id) }

    /// Adds a row, writing the batch when it is full.
    mutating func add(_ record: JobseekerRecord, _ upsert: (JobseekerRecord) throws -> Bool) throws {
        records.append(record)
        ids.insert(record.id)
        if records.count >= Self.size { try flush(upsert) }
    }

    /// Writes the waiting rows, sorted by the bytes of their ids (SQLite's order).
    mutating func flush(_ upsert: (JobseekerRecord) throws -> Bool) throws {
        records.sort { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        for record in records {
            if try upsert(record) { written += 1 } else { unchanged += 1 }
        }
        records.removeAll(keepingCapacity: true)
        ids.removeAll(keepingCapacity: true)
    }
}

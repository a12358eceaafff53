/// One breakdown of the report as a table: label columns, then count columns. Every format
/// renders the same tables: text and HTML as tables, JSON as an array of objects whose keys are
/// the column names.
public struct ReportTable: Sendable, Equatable {
    /// One line: a label per label column (nil when there is none, e.g. no channel yet) and a
    /// count per count column.
    public struct Row: Sendable, Equatable {
        public var labels: [String?]
        public var counts: [Int]
    }

    /// The names of the label columns, `snake_case`.
    public var labelColumns: [String]
    /// The names of the count columns, `snake_case`.
    public var countColumns: [String]
    public var rows: [Row] = []

    /// The column names in display order.
    public var columns: [String] { labelColumns + countColumns }

    /// The sum of each count column.
    public var totals: [Int] {
        countColumns.indices.map { column in rows.reduce(0) { $0 + $1.counts[column] } }
    }

    /// A one-column table of `counts`, in the order of `keys` then any other key, zeros kept.
    static func keyed(_ counts: [String: Int], keys: [String], label: String, count: String) -> ReportTable {
        let all = keys + counts.keys.filter { !keys.contains($0) }.sorted()
        return ReportTable(
            labelColumns: [label], countColumns: [count], rows: all.map { Row(labels: [$0], counts: [counts[$0] ?? 0]) }
        )
    }

    /// Groups `items` into rows by their labels (in first-seen order), counting each into the
    /// column `column` names; `extra` columns are filled by `fill` from the row's items.
    static func pivot<Item>(
        _ items: [Item], labelColumns: [String], countColumns: [String], labels: (Item) -> [String?],
        column: (Item) -> String, count: (Item) -> Int, extra: [String] = [], fill: ([Item]) -> [Int] = { _ in [] }
    ) -> ReportTable {
        var order: [[String?]] = []
        var groups: [[String?]: [Item]] = [:]
        for item in items {
            let key = labels(item)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(item)
        }
        let rows = order.map { key in
            let members = groups[key]!
            let counts = countColumns.map { name in
                members.filter { column($0) == name }.reduce(0) { $0 + count($1) }
            }
            return Row(labels: key, counts: counts + fill(members))
        }
        return ReportTable(labelColumns: labelColumns, countColumns: countColumns + extra, rows: rows)
    }
}

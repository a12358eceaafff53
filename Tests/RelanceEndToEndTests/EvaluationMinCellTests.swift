import Foundation
import RelanceTestSupport
import Testing

/// A `report.min_cell` other than the default: no count under it in any format of
/// `relance report --evaluation` (SPEC section 16).
@Suite("report --evaluation: min_cell")
struct EvaluationMinCellTests {
    static let minCell = 40
    /// The counts of a group in JSON and CSV.
    static let countKeys = [
        "members", "declared_on_time", "late", "missed", "journal_complete", "delivered", "cases_opened",
        "resolved_within_sla",
    ]

    /// The counts a format shows, as printed: every group's in JSON and CSV; in text and HTML
    /// those of the summary table's count rows and the members column of the period table.
    static func counts(_ output: String, format: String) throws -> [String] {
        let countLabels = [
            "Demandeurs d'emploi suivis", "Actualisés à temps", "Actualisés en retard", "Non actualisés",
            "Journaux complets", "Relances délivrées", "Suivis ouverts", "Suivis résolus dans le délai",
        ]
        func rows(_ cells: [[String]]) -> [String] {
            cells.flatMap { row -> [String] in
                if countLabels.contains(row[0]) { return Array(row[1...2]) }
                if let group = row.firstIndex(where: { ["expérimental", "comparaison"].contains($0) }) {
                    return [row[group + 1]]
                }
                return []
            }
        }
        switch format {
        case "csv": return csvCounts(output)
        case "text": return rows(textCells(output))
        default: return rows(htmlCells(output))
        }
    }

    /// The `value` of every count line of the CSV.
    static func csvCounts(_ output: String) -> [String] {
        var out: [String] = []
        for line in output.split(whereSeparator: \.isNewline) {
            let cells: [Substring] = line.split(separator: ";", omittingEmptySubsequences: false)
            if cells.count == 6 && countKeys.contains(String(cells[2])) { out.append(String(cells[3])) }
        }
        return out
    }

    /// The cells of the text's table lines (columns are two spaces apart or more).
    static func textCells(_ output: String) -> [[String]] {
        var out: [[String]] = []
        for line in output.split(separator: "\n") {
            let cells: [String] = line.split(separator: "  ").map { $0.trimmingCharacters(in: .whitespaces) }
            let filled = cells.filter { !$0.isEmpty }
            if filled.count >= 3 { out.append(filled) }
        }
        return out
    }

    /// The `<td>` cells of the HTML's table rows, unescaped.
    static func htmlCells(_ output: String) -> [[String]] {
        var text = output.replacingOccurrences(of: "&#39;", with: "'")
        text = text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&amp;", with: "&")
        var out: [[String]] = []
        for row in text.components(separatedBy: "<tr>").dropFirst() {
            let cells: [String] = row.components(separatedBy: "</td>").dropLast().map { cell in
                let start = cell.range(of: ">", options: .backwards)?.upperBound ?? cell.startIndex
                return String(cell[start...])
            }
            if cells.count >= 3 { out.append(cells) }
        }
        return out
    }

    @Test("no count under report.min_cell in text, JSON, CSV or HTML")
    func nonDefaultThreshold() throws {
        let history = EvaluationTests.History(seed: 77, jobseekers: 400, effectMissed: 0, effectLate: 0, gapMissed: 0)
        let (sandbox, _, json) = try EvaluationTests.evaluate(history)
        // At the default threshold some shown count lies under this one: the test can fail.
        let summary = try #require(json["summary"] as? [String: Any])
        let shown = ["experiment", "comparison"].flatMap { side in
            ((summary[side] as? [String: Any]) ?? [:]).values.compactMap { $0 as? Int }
        }
        #expect(shown.contains { 11 <= $0 && $0 < Self.minCell }, "\(shown)")

        let text = try String(contentsOfFile: sandbox.configPath, encoding: .utf8)
        try text.appending("\nreport:\n  min_cell: \(Self.minCell)\n")
            .write(toFile: sandbox.configPath, atomically: true, encoding: .utf8)
        let hidden = "< \(Self.minCell)"
        for format in ["text", "json", "csv", "html"] {
            let output = try sandbox.succeed(["report", "--evaluation", "--format", format], now: EvaluationTests.now)
                .stdout
            #expect(output.contains(format == "html" ? "&lt; \(Self.minCell)" : hidden), "\(format)")
            let counts: [String]
            if format == "json" {
                let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
                #expect(json["min_cell"] as? Int == Self.minCell)
                counts = try Self.jsonCounts(json)
            } else {
                counts = try Self.counts(output, format: format)
            }
            #expect(counts.count >= 16, "\(format): \(counts.count) counts read")
            for count in counts where count != hidden {
                // CSV and JSON counts are plain integers, for spreadsheets and programs.
                if format == "csv" || format == "json" { #expect(Int(count) != nil, "\(format): \(count)") }
                let value = try #require(Int(count.filter(\.isNumber)), "\(format): \(count)")
                #expect(value >= Self.minCell, "\(format) shows \(count)")
            }
        }
    }

    /// Every group's counts in the JSON, periods and pools, as strings.
    static func jsonCounts(_ json: [String: Any]) throws -> [String] {
        let periods = try #require(json["periods"] as? [[String: Any]])
        let pools = ["summary", "baseline"].compactMap { json[$0] as? [String: Any] }
        return (periods + pools).flatMap { object in
            ["experiment", "comparison"].compactMap { object[$0] as? [String: Any] }
        }.flatMap { group in
            countKeys.compactMap { key in (group[key] as? Int).map(String.init) ?? group[key] as? String }
        }
    }
}

import Foundation
import FuzzSupport
import RelanceConfig
import RelanceCore
import RelanceStore

@testable import RelanceEngine

/// The columns of a jobseekers file, in order.
let columns = CSVColumns(Rows.jobseekerColumns)
/// The identifier pattern relance uses by default.
let pattern = try! IdentifierPattern("^[0-9]{7}[0-9A-Z]$")

/// A jobseekers row validated: the record, or the column and message of the error.
func validate(_ fields: [String]) -> Result<JobseekerRecord, FieldError> {
    let row = CSVRow(line: 2, columns: columns, fields: fields)
    do {
        return .success(try Rows.jobseeker(row, id: try Rows.jobseekerID(row, pattern: pattern)))
    } catch let error as FieldError {
        return .failure(error)
    } catch {
        require(false, "not a field error: \(error)")
        fatalError()
    }
}

/// The fields of a jobseekers row that holds `record` as relance normalised it.
func fields(of record: JobseekerRecord) -> [String] {
    [
        record.id, record.department, record.firstName ?? "", record.lastName ?? "", record.email ?? "",
        record.phone?.e164 ?? "", record.agency ?? "", record.advisor ?? "", record.registeredOn?.description ?? "",
        record.channels?.map(\.rawValue).joined(separator: "|") ?? "", record.journalRequired.map { "\($0)" } ?? "",
        record.status.rawValue,
    ]
}

/// libFuzzer target on the validation of an imported jobseekers row: any bytes as the 12
/// fields of a row (split on `,`, missing ones empty). A refusal names one of the columns with
/// a printable message; an accepted row, written again from its normalised record, is accepted
/// as the same record (normalising is idempotent). Nothing may crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJobseekerRow(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var values = text.split(separator: ",", omittingEmptySubsequences: false).prefix(columns.names.count).map(
        String.init)
    values += Array(repeating: "", count: columns.names.count - values.count)
    switch validate(values) {
    case .failure(let error):
        require(columns.names.contains(error.column), "error on column \(error.column)")
        require(
            !error.message.isEmpty && !error.message.unicodeScalars.contains { $0.value < 0x20 },
            "message \(error.message.debugDescription)")
    case .success(let record):
        let again = validate(fields(of: record))
        guard case .success(let second) = again else {
            require(false, "normalised \(fields(of: record)) refused: \(again)")
            return 0
        }
        require(canonical(second) == canonical(record), "normalised \(fields(of: record)) read as \(second)")
    }
    return 0
}

/// With `-DFUZZING` (and `-sanitize=fuzzer`): libFuzzer's driver; without: replays the files
/// given as arguments (the corpus, or a crash to reproduce).
@main
enum ReplayJobseekerRow {
    static func main() throws {
        #if FUZZING
            exit(runFuzzer(fuzzJobseekerRow))
        #else
            try replay(CommandLine.arguments.dropFirst(), through: fuzzJobseekerRow)
        #endif
    }
}

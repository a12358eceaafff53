import Foundation
import FuzzSupport
import RelanceCore

/// What a reader made of an input: the separator, every record with its line, and the error
/// that stopped it, if any.
struct Reading: Equatable {
    var separator: UInt8 = 0
    var records: [[String]] = []
    var lines: [Int] = []
    var error: String?

    init(_ bytes: [UInt8], chunkSize: Int) {
        var reader = CSVReader(chunks: chunks(of: bytes, size: chunkSize))
        do {
            if let header = try reader.readHeader() {
                separator = reader.separator
                records.append(header.fields)
                lines.append(header.line)
            }
            while let record = try reader.readRecord() {
                records.append(record.fields)
                lines.append(record.line)
            }
        } catch {
            self.error = "\(error)"
        }
    }
}

/// libFuzzer target, differential: any bytes through the streaming CSV reader, read whole and
/// in chunks of several sizes so that records straddle chunk boundaries. Every reading must give
/// the same separator, records, lines and error; none may crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let whole = Reading(bytes, chunkSize: max(1, bytes.count))
    for chunkSize in chunkSizes(for: bytes) {
        let chunked = Reading(bytes, chunkSize: chunkSize)
        require(chunked == whole, "read in chunks of \(chunkSize): \(chunked), whole: \(whole)")
    }
    return 0
}

/// With `-DFUZZING` (and `-sanitize=fuzzer`): libFuzzer's driver; without: replays the files
/// given as arguments (the corpus, or a crash to reproduce).
@main
enum ReplayCSV {
    static func main() throws {
        #if FUZZING
            exit(runFuzzer(fuzzCSV))
        #else
            try replay(CommandLine.arguments.dropFirst(), through: fuzzCSV)
        #endif
    }
}

import Foundation
import FuzzSupport
import RelanceCore

/// libFuzzer target: any bytes through the streaming CSV reader, split into chunks of every
/// size so records straddle chunk boundaries. It may report errors; it must never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let chunkSize = max(1, Int(bytes.first ?? 7) % 64)
    var offset = 0
    var reader = CSVReader {
        guard offset < bytes.count else { return nil }
        defer { offset += chunkSize }
        return Array(bytes[offset..<min(bytes.count, offset + chunkSize)])
    }
    do {
        _ = try reader.readHeader()
        while try reader.readRecord() != nil {}
    } catch {}
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

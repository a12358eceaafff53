import Foundation
import FuzzSupport

@testable import RelanceDelivery

/// The log file the target writes and reads, one per process.
let path = NSTemporaryDirectory() + "relance-fuzz-accepted-\(getpid())"

/// Whether a key or reply is of the kind relance notes: printable (server replies go through
/// `ReplyText.printable`, keys are identifiers), so neither tab nor line break in it.
func printable(_ text: Substring) -> Bool {
    !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
}

/// libFuzzer target on the log of acceptances a killed tick leaves: any bytes as the file, read
/// without crashing into at most one entry per line, each key without a tab or a line break;
/// then those entries of printable text, noted one by one in a fresh log, read back the same,
/// except what `note` refuses to note (digests, keys not `JOBSEEKER/PERIOD/STEP`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAcceptedLog(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    let read = AcceptedLog.entries(at: path)
    require(read.count <= bytes.count { $0 == UInt8(ascii: "\n") } + 1, "\(read.count) entries")
    for entry in read {
        require(!entry.key.contains("\t") && !entry.key.contains("\n"), "key \(entry.key.debugDescription)")
    }

    AcceptedLog.clear(at: path)
    guard let log = AcceptedLog(path: path) else { return 0 }
    var noted: [String] = []
    for entry in read where printable(Substring(entry.key)) && printable(Substring(entry.reply)) {
        if log.note(key: entry.key, reply: entry.reply) { noted.append(entry.key + "\t" + entry.reply) }
    }
    let again = AcceptedLog.entries(at: path).map { $0.key + "\t" + $0.reply }
    require(again == noted, "noted \(noted), read back \(again)")
    unlink(path)
    return 0
}

/// With `-DFUZZING` (and `-sanitize=fuzzer`): libFuzzer's driver; without: replays the files
/// given as arguments (the corpus, or a crash to reproduce).
@main
enum ReplayAcceptedLog {
    static func main() throws {
        #if FUZZING
            exit(runFuzzer(fuzzAcceptedLog))
        #else
            try replay(CommandLine.arguments.dropFirst(), through: fuzzAcceptedLog)
        #endif
    }
}

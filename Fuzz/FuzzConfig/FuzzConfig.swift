import Foundation
import FuzzSupport
import RelanceConfig

/// libFuzzer target: any bytes as a configuration file. It may be refused with an error that
/// names the key; it must never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? Configuration.parse(text, file: "fuzz.yaml")
    return 0
}

/// With `-DFUZZING` (and `-sanitize=fuzzer`): libFuzzer's driver; without: replays the files
/// given as arguments (the corpus, or a crash to reproduce).
@main
enum ReplayConfig {
    static func main() throws {
        #if FUZZING
            exit(runFuzzer(fuzzConfig))
        #else
            try replay(CommandLine.arguments.dropFirst(), through: fuzzConfig)
        #endif
    }
}

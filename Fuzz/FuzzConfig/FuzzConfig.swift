import Foundation
import FuzzSupport
import RelanceConfig
import Yams

/// libFuzzer target, differential: any bytes as a configuration file, and the same YAML node
/// tree printed again by Yams' emitter (canonical YAML: other quoting, indentation and flow
/// styles). The loader reads the YAML data model, not its surface syntax, so both texts must be
/// accepted or refused alike, and when accepted give the same configuration (compared by
/// complete `dump`, the line numbers of warnings aside: the printed text moves keys to other
/// lines). Refusals are errors naming the key; nothing may crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let original = Result { try Configuration.parse(text, file: "fuzz.yaml") }
    guard let node = try? Yams.compose(yaml: text), let printed = try? Yams.serialize(node: node) else { return 0 }
    let reparsed = Result { try Configuration.parse(printed, file: "fuzz.yaml") }
    switch (original, reparsed) {
    case (.success(let first), .success(let second)):
        let (before, after) = (canonical(withoutLineNumbers(first)), canonical(withoutLineNumbers(second)))
        let difference = zip(before.split(separator: "\n"), after.split(separator: "\n")).first { $0 != $1 }
        require(
            before == after,
            "printed again, the configuration differs: \(difference.map { "\($0) / \($1)" } ?? "")\n\(printed)")
    case (.failure, .failure): break
    case (.success, .failure(let error)): require(false, "printed again, refused: \(error)\n\(printed)")
    case (.failure(let error), .success): require(false, "refused (\(error)), printed again, accepted:\n\(printed)")
    }
    return 0
}

/// The configuration with its warnings' `fuzz.yaml:LINE:` location cut to `fuzz.yaml:`.
func withoutLineNumbers(_ configuration: Configuration) -> Configuration {
    var copy = configuration
    copy.warnings = copy.warnings.map { $0.replacing(/fuzz\.yaml:[0-9]+:/, with: "fuzz.yaml:") }
    return copy
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

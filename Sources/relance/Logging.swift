public import ArgumentParser
import Foundation
import Logging
import RelanceCore

/// The format of log lines on stderr.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// Logging to stderr, one event per line: text for people, JSON for log shippers.
enum Logging {
    nonisolated(unsafe) private static var bootstrapped = false

    static func bootstrap(level: Logger.Level, format: LogFormat) {
        guard !bootstrapped else { return }
        bootstrapped = true
        LoggingSystem.bootstrap { label in
            var handler = StderrLogHandler(label: label, format: format)
            handler.logLevel = level
            return handler
        }
    }
}

/// Writes one line per event to stderr.
struct StderrLogHandler: LogHandler {
    let label: String
    let format: LogFormat
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let time = Zone.utc.format(SystemClock().now)
        let line: String
        switch format {
        case .text:
            // One event per line: line breaks inside values (e.g. a YAML error) are escaped.
            func oneLine(_ text: String) -> String {
                text.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
            }
            let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\(oneLine("\($0.value)"))" }
                .joined(separator: " ")
            line = "\(time) \(event.level) \(oneLine("\(event.message)"))\(fields.isEmpty ? "" : " " + fields)"
        case .json:
            line = JSON.object(
                [("time", .string(time)), ("level", .string(event.level.rawValue)),
                 ("message", .string("\(event.message)"))]
                    + merged.sorted { $0.key < $1.key }.map { ($0.key, .string("\($0.value)")) }
            ).serialized
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

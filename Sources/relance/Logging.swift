public import ArgumentParser
import Foundation
import Logging
import RelanceCore

/// The format of log lines on stderr.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json

    var defaultValueDescription: String {
        switch self {
        case .text: "one line per event"
        case .json: "one JSON object per line"
        }
    }
}

/// How the handler writes a line: `--log-format`, or, for text on journald, a `<PRIORITY>`
/// prefix and no timestamp (the journal adds its own).
enum LineStyle {
    case text, json, journal
}

/// Whether stderr is connected to journald: `JOURNAL_STREAM` names its device and inode.
enum JournalStream {
    static func isStderr(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let value = environment["JOURNAL_STREAM"] else { return false }
        var status = stat()
        guard fstat(STDERR_FILENO, &status) == 0 else { return false }
        return value == "\(status.st_dev):\(status.st_ino)"
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {
    var defaultValueDescription: String {
        switch self {
        case .trace: "everything"
        case .debug: "each stage of a tick"
        case .info: "what changed: periods opened and closed, tick summaries"
        case .notice: "notable events only"
        case .warning: "what needs a look"
        case .error: "failures only"
        case .critical: "nothing but critical failures"
        }
    }
}

/// Logging to stderr, one event per line: text for people, JSON for log shippers.
enum Logging {
    nonisolated(unsafe) private static var bootstrapped = false

    static func bootstrap(level: Logger.Level, format: LogFormat) {
        guard !bootstrapped else { return }
        bootstrapped = true
        let style: LineStyle =
            switch format {
            case .json: .json
            case .text: JournalStream.isStderr() ? .journal : .text
            }
        LoggingSystem.bootstrap { label in
            var handler = StderrLogHandler(label: label, style: style)
            handler.logLevel = level
            return handler
        }
    }
}

/// Writes one line per event to stderr.
struct StderrLogHandler: LogHandler {
    let label: String
    let style: LineStyle
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
        switch style {
        case .text:
            line = "\(time) \(event.level) \(Self.text(event.message, merged))"
        case .journal:
            line = "<\(Self.syslogPriority(event.level))>\(Self.text(event.message, merged))"
        case .json:
            line =
                JSON.object(
                    [
                        ("time", .string(time)), ("level", .string(event.level.rawValue)),
                        ("message", .string("\(event.message)")),
                    ]
                        + merged.sorted { $0.key < $1.key }.map { ($0.key, .string("\($0.value)")) }
                ).serialized
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// The message and its fields on one line: line breaks inside values (e.g. a YAML error) are escaped.
    private static func text(_ message: Logger.Message, _ metadata: Logger.Metadata) -> String {
        func oneLine(_ text: String) -> String {
            text.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
        }
        let fields = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\(oneLine("\($0.value)"))" }
        return ([oneLine("\(message)")] + fields).joined(separator: " ")
    }

    /// syslog priorities, as journald reads them from a `<N>` prefix.
    private static func syslogPriority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }
}

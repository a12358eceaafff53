import ArgumentParser
import Foundation
import RelanceCore
import RelanceEngine

struct BounceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bounce",
        abstract: "Record a bounce (RFC 3464) or complaint (RFC 5965) read from a file or stdin.",
        discussion: """
            Made for Postfix's pipe(8): exit 0 when recorded, and also, with a warning, when the \
            message names no reminder of ours or is not a report (nothing to retry); 75 when the \
            database is unavailable, so that Postfix keeps the message and tries again.
            """)

    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    @Option(help: "The address the report was sent to (Postfix's ${recipient}).")
    var recipient: String?

    @Argument(help: "The message (default: standard input).")
    var file: String?

    /// Reports larger than this are not read whole: a DSN is a few kilobytes plus the returned message.
    static let maxSize = 10 << 20

    func run() throws {
        try execute {
            let data: Data
            if let file {
                guard let read = FileManager.default.contents(atPath: file) else {
                    throw RelanceError(.io, "\(file): cannot read the message")
                }
                data = read
            } else {
                data = FileHandle.standardInput.readData(ofLength: Self.maxSize)
            }
            let text = String(decoding: data.prefix(Self.maxSize), as: UTF8.self)
            guard BounceReport.parse(text) != nil else {
                // Nothing to record and nothing to retry, whatever the state of the database.
                printError("warning: nothing recorded: the message is neither a delivery report nor a complaint")
                return
            }
            let outcome: BounceOutcome
            do {
                let relance = try global.context()
                outcome = try relance.recordBounce(text, recipient: recipient)
            } catch let error as RelanceError where error.code != .configuration {
                // Postfix keeps the message and delivers it again later (EX_TEMPFAIL).
                throw RelanceError(.locked, "the database is unavailable (\(error.message)); try again later")
            }
            switch outcome {
            case .recorded(let key, let status): print("recorded: \(key) \(status)")
            case .ignored(let reason): printError("warning: nothing recorded: \(reason)")
            }
        }
    }
}

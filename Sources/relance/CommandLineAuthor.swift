import Foundation
import RelanceCore

/// Who reads or changes things from the command line, as case histories and the audit trail
/// record it (SPEC 14): `cli:USER`, the operating-system account running the command.
enum CommandLineAuthor {
    static var actor: AuditActor {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
            return .cli(String(cString: name))
        }
        return .cli(ProcessInfo.processInfo.environment["USER"] ?? "uid\(geteuid())")
    }

    /// `cli:USER`.
    static var current: String { actor.description }
}

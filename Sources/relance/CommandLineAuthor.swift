import Foundation

/// Who changes things from the command line, as case histories record it (SPEC 14): `cli:USER`,
/// the operating-system account running the command.
enum CommandLineAuthor {
    static var current: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
            return "cli:" + String(cString: name)
        }
        return "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "uid\(geteuid())")
    }
}

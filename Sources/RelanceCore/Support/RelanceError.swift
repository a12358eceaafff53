/// An error of relance, carrying the exit code the command line maps it to.
///
/// Errors are plain structs with an extensible ``Code`` rather than a large public
/// enum, so new kinds of failure never break callers that switch on them.
public struct RelanceError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The kind of failure, which decides the process exit code (SPEC section 8).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The sysexits-style process exit code for this kind of failure.
        public let exitCode: Int32
        /// A short stable name, used in logs.
        public let name: String

        /// Another runtime failure (exit 1).
        public static let runtime = Code(exitCode: 1, name: "runtime")
        /// Bad command-line usage (exit 64).
        public static let usage = Code(exitCode: 64, name: "usage")
        /// Invalid input data (exit 65).
        public static let invalidInput = Code(exitCode: 65, name: "invalid-input")
        /// A delivery channel is down (exit 69).
        public static let channelDown = Code(exitCode: 69, name: "channel-down")
        /// Database or spool not writable (exit 74).
        public static let io = Code(exitCode: 74, name: "io")
        /// Another tick holds the lock (exit 75).
        public static let locked = Code(exitCode: 75, name: "locked")
        /// The database stayed locked by another writer, e.g. an import (exit 1, like `runtime`).
        public static let busy = Code(exitCode: 1, name: "busy")
        /// Invalid configuration (exit 78).
        public static let configuration = Code(exitCode: 78, name: "configuration")

        public var description: String { name }
    }

    /// The kind of failure.
    public let code: Code
    /// A message for people: names the file, line and field when there is one.
    public let message: String

    /// Creates an error of the given kind.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

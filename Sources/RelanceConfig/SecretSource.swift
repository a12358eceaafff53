import Foundation
import RelanceCore

/// Where a secret is read from: never the configuration file itself.
public enum SecretSource: Sendable, Equatable {
    /// An environment variable (`*_env`).
    case environment(String)
    /// A file, e.g. a systemd credential (`*_file`).
    case file(String)

    /// Reads the secret. Errors name where it was looked for, never its value.
    ///
    /// - Parameter key: the configuration key it is for, e.g. `delivery.sms.token`, for messages.
    /// - Throws: ``RelanceError`` (`configuration`) when the variable is unset or empty, or the file unreadable.
    public func read(for key: String) throws -> String {
        switch self {
        case .environment(let name):
            guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
                throw RelanceError(.configuration, "\(key)_env: the environment variable \(name) is not set")
            }
            return value
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw RelanceError(.configuration, "\(key)_file: cannot read \(path)")
            }
            let value = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
            guard !value.isEmpty else { throw RelanceError(.configuration, "\(key)_file: \(path) is empty") }
            return value
        }
    }
}

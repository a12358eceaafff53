import RelanceConfig
import RelanceCore

extension Doctor {
    /// Each secret live delivery will read (`*_env`, `*_file`): set and not empty, or a file that
    /// can be read and is not empty, as the tick reads it. Values are never shown.
    static func checkSecrets(_ settings: DeliverySettings) -> [Finding] {
        guard settings.mode == .live else { return [] }
        let secrets: [(key: String, source: SecretSource?)] = [
            ("delivery.email.password", settings.email?.password), ("delivery.sms.token", settings.sms?.token),
            ("delivery.webhook.secret", settings.webhook?.secret),
            ("delivery.email.return_path_secret", settings.email?.returnPath?.secret),
        ]
        return secrets.compactMap { key, source in
            guard let source else { return nil }
            do {
                _ = try source.read(for: key)
                let origin =
                    switch source {
                    case .environment(let name): "\(key)_env: \(name) is set"
                    case .file(let path): "\(key)_file: \(path) can be read"
                    }
                return Finding(level: .ok, subject: "secret", detail: origin, code: .configuration)
            } catch let error as RelanceError {
                return Finding(level: .failure, subject: "secret", detail: error.message, code: .configuration)
            } catch {
                return Finding(level: .failure, subject: "secret", detail: "\(key): \(error)", code: .configuration)
            }
        }
    }
}

import NIOSSL
public import RelanceConfig
import RelanceCore
public import RelanceEngine

/// What `relance doctor` checks of the listener (`http`): the TLS files readable and the key
/// matching the certificate, each client's tokens readable, and the address free or already
/// served by relance.
public enum HTTPDoctor {
    public static func run(_ settings: HTTPSettings?) -> [Doctor.Finding] {
        guard let settings else { return [] }
        var findings: [Doctor.Finding] = []
        if let files = settings.tls {
            do {
                _ = try NIOSSLContext(configuration: try HTTPServer.tlsConfiguration(files))
                findings.append(
                    .init(
                        level: .ok, subject: "http.tls", detail: "\(files.certificateFile) matches \(files.keyFile)",
                        code: .configuration))
            } catch {
                findings.append(
                    .init(
                        level: .failure, subject: "http.tls",
                        detail: "\(files.certificateFile) and \(files.keyFile): unreadable, or the key does not match"
                            + " the certificate", code: .configuration))
            }
        }
        for client in settings.clients {
            let subject = "http.clients.\(client.id)"
            do {
                let count = try client.readTokens().count
                findings.append(
                    count == 0
                        ? .init(level: .failure, subject: subject, detail: "no token", code: .configuration)
                        : .init(level: .ok, subject: subject, detail: "\(count) token(s) read", code: .configuration))
            } catch let error as RelanceError {
                findings.append(.init(level: .failure, subject: subject, detail: error.message, code: .configuration))
            } catch {
                findings.append(.init(level: .failure, subject: subject, detail: "\(error)", code: .configuration))
            }
        }
        let listen = "http.listen \(settings.listen)"
        switch ListenerProbe.probe(settings.listen, tls: settings.tls != nil) {
        case .free: findings.append(.init(level: .ok, subject: "http", detail: "\(listen) is free", code: .io))
        case .ours:
            findings.append(.init(level: .ok, subject: "http", detail: "\(listen): relance answers there", code: .io))
        case .taken(let why):
            findings.append(.init(level: .failure, subject: "http", detail: "\(listen): \(why)", code: .io))
        case .unusable(let why):
            findings.append(.init(level: .failure, subject: "http", detail: "\(listen): \(why)", code: .io))
        }
        return findings
    }
}

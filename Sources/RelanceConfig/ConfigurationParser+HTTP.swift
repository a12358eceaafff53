import Foundation
import RelanceCore

extension ConfigurationParser {
    /// `http` (SPEC section 12).
    func parseHTTP(_ node: ConfigNode) throws -> HTTPSettings {
        let members = try node.mapping(allowed: ["listen", "tls", "trusted_proxies", "max_body", "clients"])
        let listenNode = try node.required(members, "listen")
        let listen = try parseListen(listenNode)
        let tls = try members["tls"].map { tls in
            let files = try tls.mapping(allowed: ["certificate_file", "key_file"])
            return TLSFiles(
                certificateFile: resolve(try tls.required(files, "certificate_file").string()),
                keyFile: resolve(try tls.required(files, "key_file").string()))
        }
        let proxies = try (members["trusted_proxies"]?.items() ?? []).map { item in
            guard let block = CIDRBlock(try item.string()) else {
                throw item.error("must be an address block such as 127.0.0.1/32 or ::1/128")
            }
            return block
        }
        if case .tcp(let host, _) = listen, !CIDRBlock.isLoopback(host), tls == nil, proxies.isEmpty {
            throw listenNode.error(
                "a non-loopback address needs 'tls', or 'trusted_proxies' naming the proxy that terminates TLS")
        }
        let clients = try (members["clients"]?.items() ?? []).map(parseClient)
        var seen = Set<String>()
        for (client, item) in zip(clients, try members["clients"]?.items() ?? []) where !seen.insert(client.id).inserted
        {
            throw item.error("client id '\(client.id)' is used twice")
        }
        return HTTPSettings(
            listen: listen, tls: tls, trustedProxies: proxies,
            maxBody: try members["max_body"]?.byteSize() ?? 1 << 20, clients: clients)
    }

    private func parseListen(_ node: ConfigNode) throws -> HTTPListen {
        let text = try node.string()
        if text.hasPrefix("unix:") {
            let path = String(text.dropFirst(5))
            guard !path.isEmpty else { throw node.error("'unix:' must be followed by a socket path") }
            return .unix(path: resolve(path))
        }
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65_535).contains(port)
        else { throw node.error("must be HOST:PORT (e.g. 127.0.0.1:8080, [::1]:8080) or unix:PATH") }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard host == "localhost" || CIDRBlock.bytes(of: host) != nil else {
            throw node.error("'\(host)' must be an IP address or localhost")
        }
        return .tcp(host: host, port: port)
    }

    private func parseClient(_ node: ConfigNode) throws -> HTTPClientSettings {
        let members = try node.mapping(allowed: ["id", "token_env", "token_file", "scopes", "rate_per_second"])
        let idNode = try node.required(members, "id")
        let id = try idNode.string()
        guard !id.isEmpty, id.utf8.count <= 64,
            id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { throw idNode.error("must be letters, digits, - or _") }
        let tokens: SecretSource
        switch (members["token_env"], members["token_file"]) {
        case (let env?, nil): tokens = .environment(try env.string())
        case (nil, let file?): tokens = .file(resolve(try file.string()))
        case (nil, nil): throw node.error("give token_env or token_file")
        case (_, let file?): throw file.error("give either token_env or token_file, not both")
        }
        let scopesNode = try node.required(members, "scopes")
        let scopes = try scopesNode.items().map { try $0.oneOf(HTTPScope.self) }
        guard !scopes.isEmpty else { throw scopesNode.error("must list at least one scope") }
        return HTTPClientSettings(
            id: id, tokens: tokens, scopes: Set(scopes),
            ratePerSecond: try members["rate_per_second"]?.double(minimum: 0.01) ?? 500)
    }
}

extension ConfigNode {
    /// A size such as `512`, `64KiB`, `1MiB` or `1MB`, in bytes.
    func byteSize() throws -> Int {
        let text = try string()
        let units: [(String, Int)] = [
            ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("KB", 1000), ("MB", 1_000_000),
            ("GB", 1_000_000_000), ("B", 1), ("", 1),
        ]
        for (unit, factor) in units where text.hasSuffix(unit) {
            guard let amount = Int(text.dropLast(unit.count).trimmingCharacters(in: .whitespaces)), amount > 0,
                amount <= (1 << 40) / factor
            else { break }
            return amount * factor
        }
        throw error("must be a size such as 64KiB or 1MiB")
    }
}

import Foundation

/// The HTTP interface (`http`, SPEC section 12).
public struct HTTPSettings: Sendable {
    /// Where the server listens.
    public var listen: HTTPListen
    /// The certificate and key served over TLS; nil for plain HTTP.
    public var tls: TLSFiles?
    /// Peers allowed to set `X-Forwarded-For`.
    public var trustedProxies: [CIDRBlock]
    /// The largest request body accepted, in bytes.
    public var maxBody: Int
    /// The clients allowed on `/v1`.
    public var clients: [HTTPClientSettings]
}

/// `http.listen`: `HOST:PORT` or `unix:PATH`.
public enum HTTPListen: Sendable, Equatable, CustomStringConvertible {
    case tcp(host: String, port: Int)
    case unix(path: String)

    public var description: String {
        switch self {
        case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .unix(let path): "unix:\(path)"
        }
    }
}

/// `http.tls`: PEM files.
public struct TLSFiles: Sendable, Equatable {
    public var certificateFile: String
    public var keyFile: String
}

/// The scopes a client may be granted (`http.clients[].scopes`).
public enum HTTPScope: String, Sendable, CaseIterable {
    case jobseekers, declarations, read, receipts, cases
}

/// One client of the HTTP interface.
public struct HTTPClientSettings: Sendable {
    /// Its name, in access logs.
    public var id: String
    /// Where its tokens are read: an environment variable holds one, a file one per line.
    public var tokens: SecretSource
    public var scopes: Set<HTTPScope>
    /// Requests per second of its token bucket (burst: one second's worth).
    public var ratePerSecond: Double

    /// Reads the client's current tokens (a file may hold several, one per line, for rotation).
    ///
    /// - Throws: ``RelanceError`` (`configuration`) naming where the tokens were looked for.
    public func readTokens() throws -> [String] {
        try tokens.read(for: "http.clients.\(id).token").split(whereSeparator: \.isNewline).map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
    }
}

/// An address block such as `127.0.0.1/32` or `::1/128`.
public struct CIDRBlock: Sendable, Equatable, CustomStringConvertible {
    /// The network address in bytes (4 for IPv4, 16 for IPv6).
    let network: [UInt8]
    let prefixLength: Int

    public var description: String { "\(Self.format(network))/\(prefixLength)" }

    /// Parses `ADDRESS/PREFIX` (or a bare address, a block of one).
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = parts.first, let bytes = Self.bytes(of: first) else { return nil }
        let length = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
        guard let length, (0...bytes.count * 8).contains(length) else { return nil }
        network = bytes
        prefixLength = length
    }

    /// Whether an address (IPv4 or IPv6 text) is in the block; an IPv4-mapped IPv6 address
    /// counts as its IPv4 address.
    public func contains(_ address: String) -> Bool {
        guard var bytes = Self.bytes(of: address) else { return false }
        if bytes.count == 16, network.count == 4, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF,
            bytes[11] == 0xFF
        {
            bytes = Array(bytes[12...])
        }
        guard bytes.count == network.count else { return false }
        var remaining = prefixLength
        for (byte, net) in zip(bytes, network) where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            guard byte & mask == net & mask else { return false }
            remaining -= 8
        }
        return true
    }

    /// The bytes of an IPv4 or IPv6 address, nil when the text is neither.
    static func bytes(of text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    private static func format(_ bytes: [UInt8]) -> String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        var copy = bytes
        _ = inet_ntop(bytes.count == 4 ? AF_INET : AF_INET6, &copy, &buffer, socklen_t(buffer.count))
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether an address is a loopback one (127.0.0.0/8, ::1, or `localhost`).
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || CIDRBlock("127.0.0.0/8")!.contains(host) || CIDRBlock("::1/128")!.contains(host)
    }
}

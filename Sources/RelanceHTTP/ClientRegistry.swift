import RelanceConfig

/// The clients of `http.clients` and their current tokens; finds the client of a bearer token
/// comparing every token in constant time.
struct ClientRegistry: Sendable {
    struct Client: Sendable {
        let id: String
        let scopes: Set<HTTPScope>
        let ratePerSecond: Double
    }

    private let entries: [(token: [UInt8], client: Client)]

    /// Reads every client's tokens.
    ///
    /// - Throws: ``RelanceError`` (`configuration`) when a client's tokens cannot be read.
    init(_ settings: [HTTPClientSettings]) throws {
        entries = try settings.flatMap { client in
            try client.readTokens().map {
                (Array($0.utf8), Client(id: client.id, scopes: client.scopes, ratePerSecond: client.ratePerSecond))
            }
        }
    }

    /// The client whose token is given in an `Authorization: Bearer TOKEN` header, nil when the
    /// header is missing, malformed or carries no known token. Every token is compared, whatever
    /// matched, so the time taken tells nothing of the tokens.
    func client(authorization: String?) -> Client? {
        guard let authorization, authorization.count > 7, authorization.prefix(7).lowercased() == "bearer " else {
            return nil
        }
        let presented = Array(authorization.dropFirst(7).utf8)
        var found: Client?
        for entry in entries where Self.equal(entry.token, presented) && found == nil {
            found = entry.client
        }
        return found
    }

    /// Byte-wise comparison whose time depends only on the lengths.
    static func equal(_ expected: [UInt8], _ presented: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: expected.count ^ presented.count)
        for index in 0..<presented.count {
            difference |= presented[index] ^ (index < expected.count ? expected[index] : 0)
        }
        return difference == 0 && !expected.isEmpty
    }
}

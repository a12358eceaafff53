public import Hummingbird
public import RelanceConfig

extension HTTPFields.Element.Name {
    /// `X-Forwarded-For`, believed only from a trusted proxy.
    public static let xForwardedFor = Self("X-Forwarded-For")!
}

extension TrustedProxies {
    /// The address of the client behind a request (see ``TrustedProxies/clientAddress(peer:forwardedFor:)``):
    /// what the API's rate limits and the desk's sign-in throttle count by.
    public func clientAddress(of request: Request, peer: String?) -> String {
        clientAddress(peer: peer, forwardedFor: request.headers[values: .xForwardedFor])
    }
}

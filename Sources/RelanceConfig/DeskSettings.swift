/// The advisors' desk (`desk`, SPEC 14).
public struct DeskSettings: Sendable {
    /// How advisors sign in.
    public enum Auth: String, Sendable, CaseIterable {
        /// A one-time link sent by email.
        case emailLink = "email_link"
        /// The organisation's single sign-on reverse proxy names the advisor in a header.
        case proxy
    }

    public var auth: Auth
    /// The address advisors reach the desk at, e.g. `https://relance.example.fr`: sign-in links
    /// are built on it, never on a request's `Host`; `https` makes the session cookie `Secure`.
    public var publicURL: String
    /// The header in which the proxy names the advisor (proxy mode).
    public var identityHeader: String
    /// The secret the proxy also sends, when set, so that no other local process can pose as it.
    public var proxySecret: SecretSource?
    /// The header carrying ``proxySecret``.
    public var proxySecretHeader: String
    /// Seconds without use after which a session ends (default 8 hours).
    public var idleTimeout: Int64

    /// Whether the session cookie is `Secure`.
    public var isSecure: Bool { publicURL.hasPrefix("https://") }
}

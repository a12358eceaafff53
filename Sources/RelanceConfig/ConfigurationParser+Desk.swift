extension ConfigurationParser {
    /// `desk` (SPEC 14).
    func parseDesk(_ node: ConfigNode) throws -> DeskSettings {
        let members = try node.mapping(allowed: [
            "auth", "public_url", "identity_header", "proxy_secret_env", "proxy_secret_file", "proxy_secret_header",
            "idle_timeout",
        ])
        let auth = try node.required(members, "auth").oneOf(DeskSettings.Auth.self)
        let urlNode = try node.required(members, "public_url")
        var publicURL = try urlNode.string()
        guard publicURL.hasPrefix("https://") || publicURL.hasPrefix("http://"),
            !publicURL.contains(where: { $0.isWhitespace || $0 == "?" || $0 == "#" })
        else { throw urlNode.error("must be an http:// or https:// address such as https://relance.example.fr") }
        while publicURL.hasSuffix("/") { publicURL.removeLast() }
        let secret: SecretSource?
        switch (members["proxy_secret_env"], members["proxy_secret_file"]) {
        case (let env?, nil): secret = .environment(try env.string())
        case (nil, let file?): secret = .file(resolve(try file.string()))
        case (nil, nil): secret = nil
        case (_, let file?): throw file.error("give either proxy_secret_env or proxy_secret_file, not both")
        }
        return DeskSettings(
            auth: auth, publicURL: publicURL,
            identityHeader: try members["identity_header"].map(headerName) ?? "X-Forwarded-User",
            proxySecret: secret,
            proxySecretHeader: try members["proxy_secret_header"].map(headerName) ?? "X-Relance-Proxy-Secret",
            idleTimeout: try members["idle_timeout"]?.duration() ?? 8 * 3600)
    }

    private func headerName(_ node: ConfigNode) throws -> String {
        let name = try node.string()
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw node.error("must be a header name such as X-Forwarded-User")
        }
        return name
    }
}

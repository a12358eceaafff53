import CCurl
import RelanceConfig

/// One SMTP session: libcurl connects, secures it (STARTTLS, or TLS from the start with
/// `smtps://`) and logs in, with `CURLOPT_CONNECT_ONLY`; relance then speaks the mail
/// transactions over it. Releasing the session closes it (libcurl says `QUIT`).
final class SMTPConnection {
    /// Why no session could be opened: the outcome for the message that needed it.
    struct Failure: Error {
        var outcome: DeliveryOutcome
    }

    /// Why a session stopped being usable in the middle of an exchange.
    enum Broken: Error {
        /// The connection failed, was closed or timed out.
        case stream(CurlStreamFailure)
        /// The server sent something that is not an SMTP reply.
        case malformed(SMTPMalformedReply)
        /// The server answered 421: it is closing the connection.
        case closing(SMTPReply)

        var message: String {
            switch self {
            case .stream(let failure): failure.message
            case .malformed(let reply): "not an SMTP reply: \"\(reply.line)\""
            case .closing(let reply): reply.description
            }
        }
    }

    /// The server offered PIPELINING (RFC 2920): commands may go out together.
    let pipelining: Bool
    /// The server offered SMTPUTF8 (RFC 6531): addresses may be internationalised.
    let internationalised: Bool
    /// How many replies were read so far.
    private(set) var replyCount = 0
    private let curl: CurlEasy
    private var replies = SMTPReplyReader()
    private var received: [UInt8] = []

    /// Opens a session to the configured server.
    init(settings: EmailSettings, password: String?) throws(Failure) {
        do {
            curl = try CurlEasy()
            try curl.set(CURLOPT_URL, settings.url)
            let tls = settings.tls == .none ? CURLUSESSL_NONE : CURLUSESSL_ALL
            try curl.set(CURLOPT_USE_SSL, Int(tls.rawValue))
            if let username = settings.username { try curl.set(CURLOPT_USERNAME, username) }
            if let password { try curl.set(CURLOPT_PASSWORD, password) }
            try curl.set(CURLOPT_CONNECT_ONLY, 1)
            try curl.set(CURLOPT_CONNECTTIMEOUT, Int(settings.limits.connectTimeout))
            try curl.set(CURLOPT_TIMEOUT, Int(settings.limits.timeout))
            // Bounds the wait for the reply to `QUIT` when the session is closed.
            try curl.set(CURLOPT_SERVER_RESPONSE_TIMEOUT, Int(settings.limits.timeout))
        } catch {
            throw Failure(outcome: .channelDown(reason: "cannot prepare a connection: \(error.message)"))
        }
        let result = curl.perform(uploading: [], beforeEnd: {})
        guard result.code == CURLE_OK else {
            curl.abandonConnection()
            throw Failure(outcome: OutcomeClassifier.smtpConnectionFailure(result))
        }
        // libcurl hands the reply lines to EHLO to the header callback: `250-PIPELINING`, ...
        let offered = Set(result.headers.filter { $0.hasPrefix("250") }.map { $0.dropFirst(4).uppercased() })
        pipelining = offered.contains("PIPELINING")
        internationalised = offered.contains("SMTPUTF8")
    }

    /// Sends commands or message data as they are.
    func send(_ bytes: [UInt8], until deadline: Double) throws(Broken) {
        do {
            try curl.sendAll(bytes, until: deadline)
        } catch {
            throw .stream(error)
        }
    }

    /// The server's next reply.
    func reply(until deadline: Double) throws(Broken) -> SMTPReply {
        while true {
            let next: SMTPReply?
            do {
                next = try replies.next()
            } catch {
                throw .malformed(error)
            }
            if let next {
                replyCount += 1
                if next.code == 421 { throw .closing(next) }
                return next
            }
            received.removeAll(keepingCapacity: true)
            do {
                try curl.receive(into: &received, until: deadline)
            } catch {
                throw .stream(error)
            }
            replies.append(received)
        }
    }

    /// Ends the mail transaction in progress (`RSET`); false when the session is no longer usable.
    func reset(until deadline: Double) -> Bool {
        do {
            try send(Array("RSET\r\n".utf8), until: deadline)
            return try reply(until: deadline).isCompletion
        } catch {
            return false
        }
    }

    /// Stops using a session that broke: closing it then does not wait for the server.
    func abandon() {
        curl.abandonConnection()
    }
}

import Foundation

/// A jobseekers CSV for the given rows (`id,department,first_name,email,phone,channels`).
public func jobseekersCSV(_ rows: [String]) -> String {
    (["id,department,first_name,email,phone,channels"] + rows).joined(separator: "\n") + "\n"
}

/// `count` rows of jobseekers in Paris with an email each: ids `D000001A`… (`D` = `idDigit`),
/// addresses `MAILBOX1@example.fr`…
public func parisJobseekers(_ count: Int, idDigit: Int, mailbox: String) -> [String] {
    (1...count).map { String(format: "%d%06dA,75,Personne%d,%@%d@example.fr,,", idDigit, $0, $0, mailbox, $0) }
}

/// A delivery burst: a live sandbox whose jobseekers all fall due at the opening, sending to an
/// SMTP sink of its own (and an HTTP server answering 200), for crash, stop and backup tests.
public struct LiveBurst {
    public let sink: SMTPSink
    public let server: HTTPTestServer
    public let delivery: LiveDelivery
    public let sandbox: Sandbox
    /// The keys of the reminders due at the opening of 2026-11, one per jobseeker, made from the
    /// ids the rows were given (not read from the database).
    public let openingKeys: Set<String>

    /// - Parameters: `jobseekers` and their rows as ``parisJobseekers(_:idDigit:mailbox:)`` makes
    ///   them; `connections` and `ratePerSecond` of every channel.
    public init(jobseekers: Int, idDigit: Int, mailbox: String, connections: Int = 2, ratePerSecond: Int) throws {
        sink = try SMTPSink()
        server = try HTTPTestServer { _ in .ok() }
        var delivery = LiveDelivery(sink: sink, http: server)
        delivery.connections = connections
        delivery.ratePerSecond = ratePerSecond
        self.delivery = delivery
        openingKeys = Set((1...jobseekers).map { String(format: "%d%06dA/2026-11/opening", idDigit, $0) })
        sandbox = try Sandbox.live(delivery)
        try sandbox.importJobseekers(
            jobseekersCSV(parisJobseekers(jobseekers, idDigit: idDigit, mailbox: mailbox)),
            at: "2026-11-20T09:00:00+01:00")
    }
}

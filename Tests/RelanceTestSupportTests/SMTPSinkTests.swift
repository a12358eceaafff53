import Foundation
import RelanceTestSupport
import Testing

@Suite("SMTP sink")
struct SMTPSinkTests {
    /// A message with CRLF lines and a line starting with a dot (dot-stuffed on the wire).
    static let message = "From: a@x\r\nTo: b@y\r\nSubject: test\r\n\r\nHello\r\n.dotted\r\nbye\r\n"

    /// Sends `message` to the sink with curl; returns curl's result.
    static func send(to sink: SMTPSink, recipients: [String] = ["b@y"]) throws -> Sandbox.Result {
        let file = NSTemporaryDirectory() + "relance-mail-\(UUID().uuidString).eml"
        try message.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        return try curl(
            ["-sS", "--url", sink.url, "--mail-from", "a@x"] + recipients.flatMap { ["--mail-rcpt", $0] }
                + ["--upload-file", file])
    }

    @Test("a message is captured with its envelope, byte for byte")
    func capture() throws {
        let sink = try SMTPSink()
        let result = try Self.send(to: sink, recipients: ["b@y", "c@z"])
        #expect(result.status == 0, "\(result.stderr)")
        let captured = sink.captured()
        #expect(captured.count == 1)
        #expect(captured.first?.mailFrom == "a@x")
        #expect(sink.recipients() == [["b@y", "c@z"]])
        #expect(sink.messageBodies() == [Array(Self.message.utf8)])
        let dump = String(decoding: try #require(sink.messages().first), as: UTF8.self)
        #expect(dump.hasPrefix("X-Client-Addr: 127.0.0.1\n"))
        #expect(dump.hasSuffix("\nHello\n.dotted\nbye\n\n"))
    }

    @Test("messages are listed in order of arrival")
    func order() throws {
        let sink = try SMTPSink()
        for recipient in ["1@y", "2@y", "3@y"] {
            #expect(try Self.send(to: sink, recipients: [recipient]).status == 0)
        }
        #expect(sink.recipients() == [["1@y"], ["2@y"], ["3@y"]])
    }

    @Test("a hard RCPT reject fails curl with a 5xx and captures nothing")
    func hardRejectRecipient() throws {
        let sink = try SMTPSink(hardReject: [.rcpt])
        let result = try Self.send(to: sink)
        #expect(result.status == 55)  // CURLE_SEND_ERROR
        #expect(result.stderr.contains("RCPT failed: 500"))
        #expect(sink.captured().isEmpty)
    }

    @Test("a soft DATA reject fails curl with a 4xx and captures nothing")
    func softRejectData() throws {
        let sink = try SMTPSink(softReject: [.data])
        let result = try Self.send(to: sink)
        #expect(result.status == 55)
        #expect(result.stderr.contains("DATA failed: 450"))
        #expect(sink.captured().isEmpty)
    }

    @Test("a disconnect after the end of data fails curl, yet the message was captured")
    func disconnectAfterData() throws {
        let sink = try SMTPSink(disconnect: [.endOfData])
        let result = try Self.send(to: sink)
        #expect(result.status == 56)  // CURLE_RECV_ERROR
        #expect(sink.messageBodies() == [Array(Self.message.utf8)])
    }

    @Test("a 421 at connect fails curl with code 8")
    func serviceUnavailable() throws {
        let sink = try SMTPSink(serviceUnavailable: [.connect])
        let result = try Self.send(to: sink)
        #expect(result.status == 8)  // CURLE_WEIRD_SERVER_REPLY
        #expect(result.stderr.contains("421"))
    }

    @Test("after stop, connections are refused")
    func stop() throws {
        let sink = try SMTPSink()
        sink.stop()
        #expect(try Self.send(to: sink).status == 7)
    }
}

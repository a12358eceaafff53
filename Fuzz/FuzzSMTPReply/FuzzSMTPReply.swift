import Foundation
import FuzzSupport

@testable import RelanceDelivery

/// What a reply reader made of a server's bytes: the replies, then the malformed line that
/// stopped it, if any (the connection ends there).
struct Replies: Equatable {
    var replies: [SMTPReply] = []
    var malformed: String?

    init(_ bytes: [UInt8], chunkSize: Int) {
        var reader = SMTPReplyReader()
        let source = chunks(of: bytes, size: chunkSize)
        while let chunk = source() {
            reader.append(chunk)
            do {
                while let reply = try reader.next() { replies.append(reply) }
            } catch {
                malformed = error.line
                return
            }
        }
    }
}

/// libFuzzer target, differential: any bytes from an SMTP server, read as they would arrive in
/// one segment and in segments of several sizes. Every reading must give the same replies and
/// the same malformed line; each reply has a code 200 to 599 and a text without control
/// characters or spaces at either end; nothing may crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSMTPReply(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let whole = Replies(bytes, chunkSize: max(1, bytes.count))
    for reply in whole.replies {
        require((200...599).contains(reply.code), "reply code \(reply.code)")
        require(
            !reply.text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
                && reply.text == reply.text.trimmingCharacters(in: .init(charactersIn: " ")),
            "reply text \(reply.text.debugDescription)")
    }
    for chunkSize in chunkSizes(for: bytes) {
        let segmented = Replies(bytes, chunkSize: chunkSize)
        require(segmented == whole, "in segments of \(chunkSize): \(segmented), whole: \(whole)")
    }
    return 0
}

/// With `-DFUZZING` (and `-sanitize=fuzzer`): libFuzzer's driver; without: replays the files
/// given as arguments (the corpus, or a crash to reproduce).
@main
enum ReplaySMTPReply {
    static func main() throws {
        #if FUZZING
            exit(runFuzzer(fuzzSMTPReply))
        #else
            try replay(CommandLine.arguments.dropFirst(), through: fuzzSMTPReply)
        #endif
    }
}

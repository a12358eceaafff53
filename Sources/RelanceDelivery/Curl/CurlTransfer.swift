import CCurl

/// What one `curl_easy_perform` gave back.
struct CurlResult {
    /// libcurl's own result (`CURLE_OK` when the protocol exchange completed).
    var code: CURLcode
    /// The last SMTP reply code or the HTTP status (0 when the server never answered).
    var responseCode: Int
    /// libcurl's error detail, or the description of `code`.
    var message: String
    /// HTTP response header lines, or the SMTP reply lines (without CRLF).
    var headers: [String]
    /// The first bytes of the HTTP response body.
    var body: [UInt8]

    /// Whether an SMTP server answered `EHLO` (libcurl hands SMTP reply lines to the header
    /// callback): it was reached and speaks SMTP, so a failure came later, in the exchange of
    /// the message itself.
    var smtpSessionEstablished: Bool { headers.contains { $0.hasPrefix("250") } }
}

/// The buffers of one transfer, reached by libcurl's callbacks through their user-data pointer.
final class CurlTransferContext {
    /// How much of a response body is kept: enough for an error reply, never a whole page.
    static let responseLimit = 1024

    let upload: [UInt8]
    var offset = 0
    var response: [UInt8] = []
    var headers: [String] = []
    /// Runs once, when the whole upload has been read, before libcurl ends it (SMTP: before the
    /// final `.`, after which the server may accept the message).
    let beforeEnd: () -> Void
    var ended = false

    init(upload: [UInt8], beforeEnd: @escaping () -> Void) {
        self.upload = upload
        self.beforeEnd = beforeEnd
    }

    static func from(_ pointer: UnsafeMutableRawPointer?) -> CurlTransferContext {
        Unmanaged<CurlTransferContext>.fromOpaque(pointer!).takeUnretainedValue()
    }
}

/// Feeds the upload to libcurl.
let curlRead: curl_read_callback = { buffer, size, count, userData in
    let context = CurlTransferContext.from(userData)
    let length = min(size * count, context.upload.count - context.offset)
    guard length > 0, let buffer else {
        if !context.ended {
            context.ended = true
            context.beforeEnd()
        }
        return 0
    }
    context.upload.withUnsafeBytes { bytes in
        UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + context.offset, byteCount: length)
    }
    context.offset += length
    return length
}

/// Keeps the first bytes of the response body and discards the rest.
let curlWrite: curl_write_callback = { buffer, size, count, userData in
    let context = CurlTransferContext.from(userData)
    let length = size * count
    let room = CurlTransferContext.responseLimit - context.response.count
    if room > 0, let buffer {
        context.response.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: min(room, length)))
    }
    return length
}

/// Collects response header lines.
let curlHeader: curl_write_callback = { buffer, size, count, userData in
    let context = CurlTransferContext.from(userData)
    let length = size * count
    if let buffer {
        let line = String(decoding: UnsafeRawBufferPointer(start: buffer, count: length), as: UTF8.self)
        // Swift reads CRLF as one Character, "\r\n".
        let trimmed = line.trimmingSuffix { $0 == "\r\n" || $0 == "\r" || $0 == "\n" }
        if !trimmed.isEmpty { context.headers.append(trimmed) }
    }
    return length
}

extension String {
    fileprivate func trimmingSuffix(while isTrimmed: (Character) -> Bool) -> String {
        var result = self
        while let last = result.last, isTrimmed(last) { result.removeLast() }
        return result
    }
}

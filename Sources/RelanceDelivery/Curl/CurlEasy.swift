import CCurl

/// One libcurl easy handle: the only place relance calls libcurl.
///
/// A handle keeps its connection open between transfers, so a sender reuses one handle for
/// every message it sends. It is not thread-safe: each connection worker owns its own.
/// Every buffer libcurl may read or write (error buffer, header lists, the transfer's
/// context) lives as long as libcurl can touch it and is freed here.
final class CurlEasy {
    let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// Lists handed to libcurl, kept alive until replaced or until the handle is cleaned up.
    private var lists: [UInt32: CurlStringList] = [:]

    /// `curl_global_init` must run once, before any handle, and is not thread-safe: a `static let`
    /// is initialised exactly once.
    private static let globalInit: CURLcode = relance_curl_global_init()

    /// Creates a handle with the options every relance transfer shares.
    init() throws(CurlError) {
        guard Self.globalInit == CURLE_OK, let handle = curl_easy_init() else {
            throw CurlError(code: CURLE_FAILED_INIT, message: "libcurl could not be initialised")
        }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        try check(relance_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_NOPROGRESS, 1)
        try setCallbacks()
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Sets an integer option.
    func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(relance_curl_setopt_long(handle, option, value))
    }

    /// Sets a string option (libcurl keeps its own copy).
    func set(_ option: CURLoption, _ value: String) throws(CurlError) {
        try check(relance_curl_setopt_string(handle, option, value))
    }

    /// Sets a list option; the list stays alive as long as the handle may use it.
    func set(_ option: CURLoption, _ strings: [String]) throws(CurlError) {
        let list = CurlStringList(strings)
        try check(relance_curl_setopt_slist(handle, option, list.head))
        lists[option.rawValue] = list
    }

    /// Runs one transfer: uploads `body` (an SMTP message or an HTTP request body) and collects
    /// the reply. `beforeEnd` runs once the body is read, before the upload ends. Never throws:
    /// a failed transfer is a result to classify.
    func perform(uploading body: [UInt8], beforeEnd: @escaping () -> Void) -> CurlResult {
        errorBuffer[0] = 0
        let context = CurlTransferContext(upload: body, beforeEnd: beforeEnd)
        let pointer = Unmanaged.passUnretained(context).toOpaque()
        let code: CURLcode = withExtendedLifetime(context) {
            for option in [CURLOPT_READDATA, CURLOPT_WRITEDATA, CURLOPT_HEADERDATA] {
                _ = relance_curl_setopt_pointer(handle, option, pointer)
            }
            _ = relance_curl_setopt_off_t(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(body.count))
            _ = relance_curl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            let code = curl_easy_perform(handle)
            for option in [CURLOPT_READDATA, CURLOPT_WRITEDATA, CURLOPT_HEADERDATA] {
                _ = relance_curl_setopt_pointer(handle, option, nil)
            }
            return code
        }
        var response = 0
        _ = relance_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &response)
        return CurlResult(
            code: code, responseCode: response, message: message(for: code),
            headers: context.headers, body: context.response)
    }

    func message(for code: CURLcode) -> String {
        let detail = String(cString: errorBuffer)
        return detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    }

    private func setCallbacks() throws(CurlError) {
        try check(relance_curl_setopt_read_callback(handle, CURLOPT_READFUNCTION, curlRead))
        try check(relance_curl_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION, curlWrite))
        try check(relance_curl_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION, curlHeader))
    }

    private func check(_ code: CURLcode) throws(CurlError) {
        guard code == CURLE_OK else {
            throw CurlError(code: code, message: String(cString: curl_easy_strerror(code)))
        }
    }
}

/// A `curl_slist`, freed with its owner.
final class CurlStringList {
    private(set) var head: UnsafeMutablePointer<curl_slist>?

    init(_ strings: [String]) {
        for string in strings { head = curl_slist_append(head, string) }
    }

    deinit { curl_slist_free_all(head) }
}

/// A libcurl failure while setting a handle up (not a transfer outcome).
struct CurlError: Error {
    var code: CURLcode
    var message: String
}

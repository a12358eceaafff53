import CCurl
import Glibc
import RelanceCore

/// Why a raw exchange over a connection opened with `CURLOPT_CONNECT_ONLY` stopped.
enum CurlStreamFailure: Error, Equatable {
    /// The server closed the connection.
    case closed
    /// The deadline passed while waiting for the server.
    case timedOut
    /// libcurl or the system reported an error.
    case failed(String)

    var message: String {
        switch self {
        case .closed: "connection closed by the server"
        case .timedOut: "no reply from the server in time"
        case .failed(let detail): detail
        }
    }
}

/// Raw reads and writes over the connection libcurl opened, secured and authenticated with
/// `CURLOPT_CONNECT_ONLY`: libcurl keeps the socket and the TLS layer, relance speaks the
/// protocol. Waits never go past a deadline on ``MonotonicClock``.
extension CurlEasy {
    /// Sends every byte of `bytes`.
    func sendAll(_ bytes: [UInt8], until deadline: Double) throws(CurlStreamFailure) {
        var offset = 0
        while offset < bytes.count {
            var sent = 0
            let code = bytes.withUnsafeBytes { buffer in
                curl_easy_send(handle, buffer.baseAddress! + offset, buffer.count - offset, &sent)
            }
            switch code {
            case CURLE_OK: offset += sent
            case CURLE_AGAIN: try wait(for: Int16(POLLOUT), until: deadline)
            default: throw .failed(message(for: code))
            }
        }
    }

    /// Appends to `buffer` what the server has sent, waiting for at least one byte.
    func receive(into buffer: inout [UInt8], until deadline: Double) throws(CurlStreamFailure) {
        while true {
            var received = 0
            let code = withUnsafeTemporaryAllocation(byteCount: 16 * 1024, alignment: 1) { scratch in
                let code = curl_easy_recv(handle, scratch.baseAddress, scratch.count, &received)
                if code == CURLE_OK { buffer.append(contentsOf: scratch.prefix(received)) }
                return code
            }
            switch code {
            case CURLE_OK where received == 0: throw .closed
            case CURLE_OK: return
            case CURLE_AGAIN: try wait(for: Int16(POLLIN), until: deadline)
            default: throw .failed(message(for: code))
            }
        }
    }

    /// Waits until the connection's socket is ready for `events`, at most until `deadline`.
    private func wait(for events: Int16, until deadline: Double) throws(CurlStreamFailure) {
        guard let socket = activeSocket else { throw .closed }
        while true {
            let remaining = deadline - MonotonicClock.seconds
            guard remaining > 0 else { throw .timedOut }
            var descriptor = pollfd(fd: socket, events: events, revents: 0)
            let ready = poll(&descriptor, 1, Int32(min((remaining * 1000).rounded(.up), Double(Int32.max))))
            if ready > 0 { return }
            if ready < 0 && errno != EINTR { throw .failed(String(cString: strerror(errno))) }
        }
    }
}

extension CurlEasy {
    /// Shuts the connection's socket down, so that closing the handle does not wait on a server
    /// that stopped answering (libcurl would say `QUIT` and wait for the reply).
    func abandonConnection() {
        if let socket = activeSocket { shutdown(socket, Int32(SHUT_RDWR)) }
    }

    /// The socket of the handle's connection, nil when there is none.
    private var activeSocket: curl_socket_t? {
        var socket = curl_socket_t(-1)
        guard relance_curl_getinfo_socket(handle, CURLINFO_ACTIVESOCKET, &socket) == CURLE_OK, socket >= 0 else {
            return nil
        }
        return socket
    }
}

import Foundation
import RelanceCore

/// The encodings an RFC 5322 / MIME message needs: RFC 2047 encoded words for headers,
/// quoted-printable for bodies, and the RFC 5322 date.
enum MIMEEncoding {
    /// A header value: as is when printable ASCII, else RFC 2047 `B` encoded words of at most
    /// 75 characters, folded on CRLF SP. CR and LF from data never reach the header.
    static func headerValue(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        let clean = String(text.unicodeScalars.filter { $0 != "\r" && $0 != "\n" }.map(Character.init))
        if clean.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return clean }
        // 75 - len("=?UTF-8?B?") - len("?=") = 63 base64 characters: 45 bytes of UTF-8.
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in clean {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?" + base64(chunk) + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + base64(chunk) + "?=") }
        return words.joined(separator: "\r\n ")
    }

    /// A mailbox `Name <address>` with the display name encoded when needed.
    static func mailbox(_ text: String) -> String {
        guard let open = text.lastIndex(of: "<"), text.hasSuffix(">") else { return headerValue(text) }
        let name = text[..<open].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
        let address = String(text[open...])
        if name.isEmpty { return address }
        if name.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return "\"\(name)\" \(address)" }
        return headerValue(name) + " " + address
    }

    /// Quoted-printable (RFC 2045) with CRLF line endings and soft breaks at 76 characters.
    /// Works on the UTF-8 bytes in one pass: LF and CRLF end lines; a space before a line end
    /// and every byte outside printable ASCII (or `=`) is encoded.
    static func quotedPrintable(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            // At worst every byte takes 3, plus a soft break every 25 encoded bytes.
            String(unsafeUninitializedCapacity: bytes.count * 4 + 3) { out in
                var written = 0
                func put(_ byte: UInt8) {
                    out[written] = byte
                    written += 1
                }
                func endsLine(at index: Int) -> Bool {
                    index == bytes.count || bytes[index] == 0x0A
                        || (bytes[index] == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A)
                }
                func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x37 + value }
                var length = 0
                var index = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    index += 1
                    if endsLine(at: index - 1) {
                        if byte == 0x0D { index += 1 }
                        put(0x0D)
                        put(0x0A)
                        length = 0
                        continue
                    }
                    let literal =
                        (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                        || (byte == 0x20 && !endsLine(at: index))
                    let width = literal ? 1 : 3
                    if length + width > 75 {
                        put(UInt8(ascii: "="))
                        put(0x0D)
                        put(0x0A)
                        length = 0
                    }
                    if literal {
                        put(byte)
                    } else {
                        put(UInt8(ascii: "="))
                        put(hexDigit(byte >> 4))
                        put(hexDigit(byte & 15))
                    }
                    length += width
                }
                return written
            }
        }
    }

    /// RFC 5322 date in UTC, e.g. `Sat, 28 Nov 2026 09:00:00 +0000`.
    static func date(_ instant: Instant) -> String {
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let (date, time, second) = Zone.utc.local(instant)
        let seconds = second < 10 ? "0\(second)" : "\(second)"
        return "\(days[date.weekday - 1]), \(date.day) \(months[date.month - 1]) \(date.year) \(time):\(seconds) +0000"
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let b0 = Int(bytes[index])
            let b1 = index + 1 < bytes.count ? Int(bytes[index + 1]) : 0
            let b2 = index + 2 < bytes.count ? Int(bytes[index + 2]) : 0
            out.append(alphabet[b0 >> 2])
            out.append(alphabet[((b0 & 3) << 4) | (b1 >> 4)])
            out.append(index + 1 < bytes.count ? alphabet[((b1 & 15) << 2) | (b2 >> 6)] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? alphabet[b2 & 63] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}

import Crypto
import Foundation

/// `Relance-Signature: t=UNIX,v1=HEX` where HEX is HMAC-SHA256 of `t + "." + body` with the
/// webhook secret (SPEC section 9).
enum WebhookSignature {
    static func header(body: [UInt8], secret: String, time: Int64) -> String {
        var signed = Array("\(time).".utf8)
        signed.append(contentsOf: body)
        let code = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Array(secret.utf8)))
        let hex = code.map { String(format: "%02x", $0) }.joined()
        return "t=\(time),v1=\(hex)"
    }
}

/// The email rules of ``TextRules/problem(inEmail:)`` on the bytes of an ASCII address, where
/// every character is one byte: the same verdicts, without per-character Unicode lookups.
enum EmailBytes {
    /// The verdict on an ASCII address.
    enum Verdict {
        case whitespaceOrControl, notOneAddress, invalidLocalPart, invalidLocalCharacter, invalidDomain

        var message: String {
            switch self {
            case .whitespaceOrControl: "contains whitespace or a control character"
            case .notOneAddress: "is not one email address"
            case .invalidLocalPart: "has an invalid local part"
            case .invalidLocalCharacter: "has an invalid character in its local part"
            case .invalidDomain: "has an invalid domain"
            }
        }
    }

    /// Outcome of the byte checks: `.some(nil)` valid, `.some(verdict)` invalid, nil when the
    /// address is not ASCII (the character rules decide).
    static func problem(in address: String) -> Verdict?? {
        var address = address
        return address.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return .some(problem(inASCII: bytes))
        }
    }

    private static func problem(inASCII bytes: UnsafeBufferPointer<UInt8>) -> Verdict? {
        var at = -1
        var ats = 0
        for (index, byte) in bytes.enumerated() {
            // Unicode whitespace in ASCII is 09–0D and the space; controls are below 20 and 7F.
            if byte <= 0x20 || byte == 0x7F { return .whitespaceOrControl }
            if byte == UInt8(ascii: "@") {
                ats += 1
                at = index
            }
        }
        guard ats == 1 else { return .notOneAddress }
        if at == 0 || at > 64 { return .invalidLocalPart }
        if bytes[..<at].contains(where: isForbiddenInLocalPart) { return .invalidLocalCharacter }
        return isValidDomain(UnsafeBufferPointer(rebasing: bytes[(at + 1)...])) ? nil : .invalidDomain
    }

    private static func isForbiddenInLocalPart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "\""),
            UInt8(ascii: "\\"):
            true
        default: false
        }
    }

    /// At least two labels, each of 1 to 63 letters, digits or hyphens, not starting or ending
    /// with a hyphen.
    private static func isValidDomain(_ domain: UnsafeBufferPointer<UInt8>) -> Bool {
        var labels = 0
        for label in domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            labels += 1
            guard let first = label.first, let last = label.last, label.count <= 63, first != UInt8(ascii: "-"),
                last != UInt8(ascii: "-"),
                label.allSatisfy({ isASCIILetterOrDigit($0) || $0 == UInt8(ascii: "-") })
            else { return false }
        }
        return labels >= 2
    }

    /// `A`–`Z`, `a`–`z`, `0`–`9`.
    static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: false
        }
    }
}

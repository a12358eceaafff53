/// Validation of free text and addresses read from input files (SPEC section 7).
///
/// The checks look at UTF-8 bytes where that gives the same answer as the character rules
/// (ASCII, and control characters, which are never part of a longer character), and use the
/// character rules otherwise.
public enum TextRules {
    /// Whether a text contains a control character (C0, DEL or C1).
    public static func hasControlCharacter(_ text: String) -> Bool {
        // On the contiguous bytes when the text has them (a native string, once per imported
        // label): iterating the UTF-8 view costs several times more.
        text.utf8.withContiguousStorageIfAvailable { hasControlByte(in: $0) } ?? hasControlByte(in: text.utf8)
    }

    private static func hasControlByte(in bytes: some Sequence<UInt8>) -> Bool {
        // C1 controls U+0080–U+009F are the two-byte sequences C2 80 – C2 9F.
        var previous: UInt8 = 0
        for byte in bytes {
            if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && byte <= 0x9F && byte >= 0x80) { return true }
            previous = byte
        }
        return false
    }

    /// Why a free-text field is invalid, or nil when it is fine.
    public static func problem(inText text: String, maxLength: Int) -> String? {
        // A text never has more characters than UTF-8 bytes.
        if text.utf8.count > maxLength && text.count > maxLength { return "longer than \(maxLength) characters" }
        if hasControlCharacter(text) { return "contains a control character" }
        return nil
    }

    /// Why an email address is invalid, or nil when it is one plausible address.
    ///
    /// Deliberately simple: one `@`, a non-empty local part, a dotted domain of letters,
    /// digits and hyphens, at most 254 characters, no whitespace or control characters.
    public static func problem(inEmail address: String) -> String? {
        if address.utf8.count > 254 { return "longer than 254 characters" }
        if case .some(let verdict) = EmailBytes.problem(in: address) { return verdict?.message }
        return characterProblem(inEmail: address)
    }

    /// The email rules on characters, for any address of at most 254 bytes.
    static func characterProblem(inEmail address: String) -> String? {
        if address.unicodeScalars.contains(where: { $0.properties.isWhitespace }) || hasControlCharacter(address) {
            return "contains whitespace or a control character"
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return "is not one email address" }
        let (local, domain) = (parts[0], parts[1])
        if local.isEmpty || local.utf8.count > 64 { return "has an invalid local part" }
        if local.contains(where: { "<>()[],;:\"\\".contains($0) }) {
            return "has an invalid character in its local part"
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2,
            labels.allSatisfy({ label in
                !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                    && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
            })
        else { return "has an invalid domain" }
        return nil
    }
}

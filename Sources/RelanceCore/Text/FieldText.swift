import Foundation

/// The value of an input field as the rules see it.
public enum FieldText {
    /// A value without its leading and trailing whitespace (Unicode `Zs` and tab, as Foundation's
    /// `CharacterSet.whitespaces`), nil when nothing is left.
    ///
    /// ASCII ends are handled on bytes; a non-ASCII end, which may be Unicode whitespace, goes
    /// through Foundation.
    public static func trimmed(_ value: String) -> String? {
        let bytes = value.utf8
        guard let first = bytes.first, let last = bytes.last else { return nil }
        if isKept(first) && isKept(last) { return value }
        guard first < 0x80 && last < 0x80,
            let start = bytes.firstIndex(where: { !isASCIIBlank($0) }),
            let end = bytes.lastIndex(where: { !isASCIIBlank($0) }),
            bytes[start] < 0x80 && bytes[end] < 0x80
        else {
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        }
        return String(value[start...end])
    }

    /// An ASCII byte that trimming keeps.
    private static func isKept(_ byte: UInt8) -> Bool { byte < 0x80 && !isASCIIBlank(byte) }

    private static func isASCIIBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
}

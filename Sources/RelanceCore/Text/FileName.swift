/// Data that becomes part of a path (SPEC section 10: no input reaches a path unvalidated).
///
/// Jobseeker ids name spool files (`JOBSEEKER-STEP.eml`), so an id must be a plain file name
/// whatever `identifier_pattern` admits: it may never leave its folder, hide itself or pass for
/// a command-line option.
public enum FileName {
    /// Why `text` cannot be used inside one component of a path, or nil when it can: it is not
    /// empty, holds no `/`, `\`, `..` or control character (NUL included), and starts with
    /// neither `-` nor `.`.
    public static func problem(_ text: String) -> String? {
        guard let first = text.utf8.first else { return "is empty" }
        if first == UInt8(ascii: "-") { return "starts with '-' (it would pass for an option)" }
        if first == UInt8(ascii: ".") { return "starts with '.' (a hidden or parent folder name)" }
        var previous: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "/"), UInt8(ascii: "\\"): return "contains '\(Character(Unicode.Scalar(byte)))'"
            case 0..<0x20, 0x7F: return "contains a control character"
            case UInt8(ascii: ".") where previous == UInt8(ascii: "."): return "contains '..'"
            default: previous = byte
            }
        }
        return nil
    }

    /// Whether `component` names an entry inside its folder: not empty, not `.` or `..`, and
    /// without `/`, `\` or NUL. The last line of defence of writers that build paths from data.
    public static func isPlain(_ component: String) -> Bool {
        !component.isEmpty && component != "." && component != ".."
            && !component.utf8.contains { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") || $0 == 0 }
    }
}

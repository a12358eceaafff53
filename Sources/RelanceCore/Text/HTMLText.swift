/// Text made safe inside HTML elements and attribute values: `& < > " '` escaped as Mustache
/// escapes them, so that reports, the desk and reminder emails escape alike.
public enum HTMLText {
    /// `text` escaped.
    public static func escape(_ text: String) -> String {
        var out = ""
        append(escaping: text, to: &out)
        return out
    }

    /// Appends `text` escaped to `out`.
    public static func append(escaping text: String, to out: inout String) {
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
    }
}

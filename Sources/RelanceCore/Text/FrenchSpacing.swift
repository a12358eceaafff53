/// French typography for text people read: the space before `;`, `:`, `!` and `?` is a
/// non-breaking space, so that a line never starts with the sign.
public enum FrenchSpacing {
    /// The text with each plain space before `; : ! ?` made non-breaking (U+00A0).
    public static func apply(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for character in text {
            if pendingSpace {
                out.append(Self.signs.contains(character) ? "\u{00A0}" : " ")
                pendingSpace = false
            }
            if character == " " {
                pendingSpace = true
            } else {
                out.append(character)
            }
        }
        if pendingSpace { out.append(" ") }
        return out
    }

    private static let signs: Set<Character> = [";", ":", "!", "?"]
}

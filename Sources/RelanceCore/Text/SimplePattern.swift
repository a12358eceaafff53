/// A byte matcher for the common shape of `identifier_pattern`: anchored at both ends, a sequence
/// of ASCII letters, digits, `-`, `_`, `\d` or bracketed classes of those (with ranges), each
/// optionally followed by `{n}`, `{n,}`, `{n,m}`, `?`, `*` or `+`; e.g. `^[0-9]{7}[0-9A-Z]$`.
///
/// On printable ASCII text, where each character is one byte, it gives the answer of the
/// regular expression at a fraction of its cost; it declines any other text and any other
/// pattern, which the regular expression then decides.
public struct SimplePattern: Sendable {
    /// One element: a set of bytes repeated between `minimum` and `maximum` times.
    struct Element: Sendable {
        /// The ASCII bytes of the set, as a bit mask.
        var bytes = ByteSet()
        var minimum = 1
        var maximum = 1
    }

    /// A set of ASCII bytes.
    struct ByteSet: Sendable {
        private var low: UInt64 = 0
        private var high: UInt64 = 0

        init() {}

        init(_ range: ClosedRange<UInt8>) {
            for byte in range { insert(byte) }
        }

        mutating func insert(_ byte: UInt8) {
            if byte < 64 { low |= 1 << UInt64(byte) } else if byte < 128 { high |= 1 << UInt64(byte - 64) }
        }

        func contains(_ byte: UInt8) -> Bool {
            byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte - 64)) != 0
        }
    }

    let elements: [Element]

    /// Parses a pattern, or returns nil when it is not of the simple shape.
    public init?(_ source: String) {
        var scanner = PatternScanner(Array(source.utf8))
        guard scanner.take(UInt8(ascii: "^")) else { return nil }
        var elements: [Element] = []
        while !scanner.isAtEnd {
            if scanner.take(UInt8(ascii: "$")) {
                guard scanner.isAtEnd else { return nil }
                self.elements = elements
                return
            }
            guard var element = scanner.atom() else { return nil }
            guard scanner.quantifier(&element) else { return nil }
            elements.append(element)
        }
        return nil
    }

    /// Whether `text` matches, or nil when the text is not printable ASCII.
    public func matches(_ text: String) -> Bool? {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
            return match(bytes, element: 0, at: 0)
        }
    }

    private func match(_ bytes: UnsafeBufferPointer<UInt8>, element: Int, at start: Int) -> Bool {
        guard element < elements.count else { return start == bytes.count }
        let current = elements[element]
        var run = 0
        while run < current.maximum && start + run < bytes.count && current.bytes.contains(bytes[start + run]) {
            run += 1
        }
        while run >= current.minimum {
            if match(bytes, element: element + 1, at: start + run) { return true }
            run -= 1
        }
        return false
    }
}

/// Reads the parts of a ``SimplePattern``.
private struct PatternScanner {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { position >= bytes.count }

    mutating func take(_ byte: UInt8) -> Bool {
        guard !isAtEnd, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// A literal, `\d` or a bracketed class.
    mutating func atom() -> SimplePattern.Element? {
        if take(UInt8(ascii: "[")) {
            var set = SimplePattern.ByteSet()
            var members = 0
            while !take(UInt8(ascii: "]")) {
                guard let low = member() else { return nil }
                members += 1
                if take(UInt8(ascii: "-")) {
                    guard let high = member(), low <= high else { return nil }
                    for byte in low...high { set.insert(byte) }
                } else {
                    set.insert(low)
                }
            }
            return members > 0 ? SimplePattern.Element(bytes: set) : nil
        }
        if take(UInt8(ascii: "\\")) {
            return take(UInt8(ascii: "d"))
                ? SimplePattern.Element(bytes: SimplePattern.ByteSet(UInt8(ascii: "0")...UInt8(ascii: "9"))) : nil
        }
        guard !isAtEnd, Self.isLiteral(bytes[position]) || bytes[position] == UInt8(ascii: "-") else { return nil }
        position += 1
        return SimplePattern.Element(bytes: SimplePattern.ByteSet(bytes[position - 1]...bytes[position - 1]))
    }

    /// A letter, digit or `_` inside a class.
    private mutating func member() -> UInt8? {
        guard !isAtEnd, Self.isLiteral(bytes[position]) else { return nil }
        position += 1
        return bytes[position - 1]
    }

    private static func isLiteral(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
            true
        default: false
        }
    }

    /// An optional quantifier after an atom; false when it is malformed.
    mutating func quantifier(_ element: inout SimplePattern.Element) -> Bool {
        if take(UInt8(ascii: "?")) {
            (element.minimum, element.maximum) = (0, 1)
        } else if take(UInt8(ascii: "*")) {
            (element.minimum, element.maximum) = (0, Int.max)
        } else if take(UInt8(ascii: "+")) {
            (element.minimum, element.maximum) = (1, Int.max)
        } else if take(UInt8(ascii: "{")) {
            guard let low = number() else { return false }
            var high = low
            if take(UInt8(ascii: ",")) { high = number() ?? Int.max }
            guard take(UInt8(ascii: "}")), low <= high else { return false }
            (element.minimum, element.maximum) = (low, high)
        }
        // Lazy or possessive forms are left to the regular expression.
        return isAtEnd || (bytes[position] != UInt8(ascii: "?") && bytes[position] != UInt8(ascii: "+"))
    }

    private mutating func number() -> Int? {
        var value: Int?
        while !isAtEnd, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9"),
            (value ?? 0) < 10_000
        {
            value = (value ?? 0) * 10 + Int(bytes[position] - UInt8(ascii: "0"))
            position += 1
        }
        return value
    }
}

/// `YYYY-MM-DD` and `YYYY-MM` read on bytes: groups of ASCII digits joined by `-`.
enum DashedDigits {
    /// The numbers of `text` when it is exactly ASCII digit groups of lengths `first`, `second`
    /// and (when not 0) `third`, joined by `-`; nil for any other text.
    static func numbers(_ text: some StringProtocol, _ first: Int, _ second: Int, _ third: Int = 0) -> (Int, Int, Int)?
    {
        var string = String(text)
        return string.withUTF8 { bytes in
            let ends = (first, first + 1 + second, third > 0 ? first + second + 2 + third : -1)
            guard bytes.count == (third > 0 ? ends.2 : ends.1) else { return nil }
            var numbers = (0, 0, 0)
            for (index, byte) in bytes.enumerated() {
                if index == ends.0 || index == ends.1 {
                    guard byte == UInt8(ascii: "-") else { return nil }
                    continue
                }
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                let digit = Int(byte - UInt8(ascii: "0"))
                switch index {
                case ..<ends.0: numbers.0 = numbers.0 * 10 + digit
                case ..<ends.1: numbers.1 = numbers.1 * 10 + digit
                default: numbers.2 = numbers.2 * 10 + digit
                }
            }
            return numbers
        }
    }
}

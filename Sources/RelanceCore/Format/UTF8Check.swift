/// Well-formed UTF-8 (Unicode table 3-7: no overlong forms, no surrogates, nothing above
/// U+10FFFF), checked on bytes without going through generic decoding.
enum UTF8Check {
    /// Whether `bytes` are well-formed UTF-8, as `String(validating:as:)` decides.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF:
                length = 3
                if lead == 0xE0 { low = 0xA0 }
                if lead == 0xED { high = 0x9F }
            case 0xF0...0xF4:
                length = 4
                if lead == 0xF0 { low = 0x90 }
                if lead == 0xF4 { high = 0x8F }
            default: return false
            }
            guard index + length <= count, bytes[index + 1] >= low, bytes[index + 1] <= high else { return false }
            for next in bytes[(index + 2)..<(index + length)] where next & 0xC0 != 0x80 { return false }
            index += length
        }
        return true
    }

    /// The text of `bytes`, or nil when they are not well-formed UTF-8.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        isValid(bytes) ? String(decoding: bytes, as: UTF8.self) : nil
    }
}

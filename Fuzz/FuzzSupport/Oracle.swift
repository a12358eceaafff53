import Foundation

/// Stops the run when an oracle of a fuzz target does not hold: libFuzzer saves the input as a
/// crash, and the corpus replay exits non-zero. `what` says which property failed.
public func require(_ condition: @autoclosure () -> Bool, _ what: @autoclosure () -> String) {
    guard condition() else {
        FileHandle.standardError.write(Data("oracle failed: \(what())\n".utf8))
        abort()
    }
}

/// A source of `bytes` in chunks of `size` bytes, the last one shorter: what a streaming reader
/// pulls, so that records and lines straddle chunk boundaries.
public func chunks(of bytes: [UInt8], size: Int) -> () -> [UInt8]? {
    var offset = 0
    return {
        guard offset < bytes.count else { return nil }
        defer { offset += size }
        return Array(bytes[offset..<min(bytes.count, offset + size)])
    }
}

/// The chunk sizes a differential target compares with reading the input whole: the smallest
/// ones, where every boundary falls inside something, and one chosen by the input's first byte.
public func chunkSizes(for bytes: [UInt8]) -> [Int] {
    Array(Set([1, 2, 3, 5, 8, 1 + Int(bytes.first ?? 0) % 64]).sorted())
}

/// A canonical printing of a value, to compare values of types that are not `Equatable`: every
/// stored property, recursively, sets and dictionaries in sorted order (their iteration order
/// depends on their history). Instances of classes are printed by type only (e.g. a compiled
/// `Regex`, whose source text is stored beside it).
public func canonical(_ value: Any) -> String {
    let mirror = Mirror(reflecting: value)
    let children = mirror.children.map { ($0.label.map { $0 + ": " } ?? "") + canonical($0.value) }
    switch mirror.displayStyle {
    case .set, .dictionary: return "{" + children.sorted().joined(separator: ", ") + "}"
    case .class: return "\(type(of: value))"
    case .struct, .tuple, .collection, .optional,
        .enum where !children.isEmpty:
        return "\(type(of: value))(" + children.joined(separator: ", ") + ")"
    default: return String(reflecting: value)
    }
}

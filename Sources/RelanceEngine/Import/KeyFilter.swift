/// A Bloom filter of fixed size over keys: it answers "certainly new" or "maybe seen", in
/// memory that does not depend on the number of keys.
///
/// Three bits per key, all in one 64-bit word (one cache line touched per key). With the largest
/// size, 2^21 words (16 MiB), about one key in 100,000 is wrongly taken for seen at 1 million
/// keys, one in 500 at 6 million.
struct KeyFilter {
    private var words: [UInt64]
    private let shift: UInt64

    /// A filter sized for a file of `bytes` bytes: one word per 16 bytes, between 2^10 and 2^21 words.
    init(fileBytes bytes: Int) {
        var log2 = 10
        while log2 < 21 && (1 << log2) * 16 < bytes { log2 += 1 }
        words = Array(repeating: 0, count: 1 << log2)
        shift = UInt64(64 - log2)
    }

    /// Adds a key; returns true when it was certainly not added before.
    ///
    /// Keys are hashed as `String`s, so canonically equivalent keys are the same key, as in a `Set`.
    mutating func insert(_ key: String) -> Bool {
        var hasher = Hasher()
        hasher.combine(key)
        let hash = UInt64(truncatingIfNeeded: hasher.finalize())
        let index = Int(truncatingIfNeeded: hash >> shift)
        let bits: UInt64 = 1 << (hash & 63) | 1 << ((hash >> 6) & 63) | 1 << ((hash >> 12) & 63)
        let word = words[index]
        words[index] = word | bits
        return word & bits != bits
    }
}

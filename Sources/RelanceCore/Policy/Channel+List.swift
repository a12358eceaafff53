extension Channel {
    /// A channel list as stored: names joined by `|` (unknown names are left out).
    public static func list(_ text: String) -> [Channel] {
        text.split(separator: "|").compactMap { Channel(rawValue: String($0)) }
    }

    /// A channel list as stored.
    public static func joined(_ channels: [Channel]) -> String {
        channels.map(\.rawValue).joined(separator: "|")
    }

    /// The order to try `channels` in while some are degraded (SPEC 13): the degraded ones after
    /// the others, except for a probe, which keeps the list as it is. Nil when nothing moves.
    public static func order(_ channels: [Channel], degraded: Set<Channel>, probe: Bool) -> [Channel]? {
        guard !probe, !degraded.isEmpty else { return nil }
        let moved = channels.filter { !degraded.contains($0) } + channels.filter { degraded.contains($0) }
        return moved == channels ? nil : moved
    }

    /// Whether a reminder is one of the one in 20 that still try a degraded channel first: a
    /// stable choice (FNV-1a of the key), the same in every process.
    public static func isProbe(key: String) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash % 20 == 0
    }
}

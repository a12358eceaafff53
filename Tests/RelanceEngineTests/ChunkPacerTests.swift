import Testing

@testable import RelanceEngine

/// The size of a tick's chunks follows the time each one held the database (issue 12: an HTTP
/// write waits at most about one chunk).
@Suite("chunk pacer")
struct ChunkPacerTests {
    @Test("starts small, doubles while chunks are quick, and never exceeds the configured size")
    func grows() {
        var pacer = ChunkPacer(maximum: 25_000)
        #expect(pacer.size == 5_000)
        pacer.record(seconds: 0.001)
        #expect(pacer.size == 10_000)
        pacer.record(seconds: 0.001)
        pacer.record(seconds: 0.001)
        #expect(pacer.size == 25_000)
    }

    @Test("a chunk that took twice the target halves the next; a slower one halves it only")
    func shrinks() {
        var pacer = ChunkPacer(maximum: 25_000)
        pacer.record(seconds: ChunkPacer.target * 2)
        #expect(pacer.size == 2_500)
        pacer.record(seconds: ChunkPacer.target * 20)
        #expect(pacer.size == 1_250)
        pacer.record(seconds: ChunkPacer.target * 1.25)
        #expect(pacer.size == 1_000)
    }

    @Test("never under 500 members, nor over a configured size smaller than that")
    func floors() {
        var pacer = ChunkPacer(maximum: 25_000)
        for _ in 0..<20 { pacer.record(seconds: 10) }
        #expect(pacer.size == 500)
        var tiny = ChunkPacer(maximum: 16)
        tiny.record(seconds: 10)
        #expect(tiny.size == 16)
        tiny.record(seconds: 0)
        #expect(tiny.size == 16)
    }
}

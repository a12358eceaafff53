import RelanceTestSupport
import Testing

/// What a run interrupted by kills must have delivered (SPEC section 11), key by key: every
/// reminder of `expected` and nothing else; a copy beyond the first only for a reminder with an
/// attempt that a kill interrupted, never more extra copies of one reminder than it had such
/// attempts, and in all no more than the interrupted attempts nor than one per connection per kill.
func expectNothingLost(
    _ delivered: KeyedCopies, expected: Set<String>, interrupted: [String: Int], kills: Int, connections: Int,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let lost = expected.subtracting(delivered.keys).sorted()
    #expect(lost.isEmpty, "\(lost.count) never delivered, e.g. \(lost.prefix(3))", sourceLocation: sourceLocation)
    let unexpected = delivered.keys.subtracting(expected).sorted()
    #expect(
        unexpected.isEmpty, "\(unexpected.count) delivered unexpectedly, e.g. \(unexpected.prefix(3))",
        sourceLocation: sourceLocation)
    let unexplained = delivered.extra.filter { $0.value > interrupted[$0.key, default: 0] }.keys.sorted()
    #expect(
        unexplained.isEmpty,
        "\(unexplained.count) delivered more often than they were in flight at a kill, e.g. \(unexplained.prefix(3))",
        sourceLocation: sourceLocation)
    let inFlight = interrupted.values.reduce(0, +)
    #expect(
        delivered.extraTotal <= inFlight, "\(delivered.extraTotal) extra copies, \(inFlight) attempts interrupted",
        sourceLocation: sourceLocation)
    #expect(
        delivered.extraTotal <= kills * connections,
        "\(delivered.extraTotal) extra copies after \(kills) kills with \(connections) connections",
        sourceLocation: sourceLocation)
}

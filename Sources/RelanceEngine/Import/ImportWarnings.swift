/// Rows imported as they are but worth a look, as `FILE:LINE: COLUMN: message`: the first
/// ``ImportReport/errorLimit`` in the order they were found, then a count.
public struct ImportWarnings: Sendable {
    public var messages: [String] = []
    /// Every warning, printed or not.
    public var count = 0

    mutating func add(_ message: String) {
        count += 1
        if messages.count < ImportReport.errorLimit { messages.append(message) }
    }
}

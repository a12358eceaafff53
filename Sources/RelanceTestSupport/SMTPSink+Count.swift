import Foundation

extension SMTPSink {
    /// How many mail transactions completed so far: `captured().count`, without parsing a single
    /// message, so that it can be polled while thousands arrive.
    public var capturedCount: Int {
        guard let data = FileManager.default.contents(atPath: dumpPath) else { return 0 }
        let separator = Data(boundary)
        var count = 0
        var start = data.startIndex
        while let found = data.range(of: separator, in: start..<data.endIndex) {
            count += 1
            start = found.upperBound
        }
        return count
    }
}

import Foundation

/// Seconds on a clock that never jumps: for rate limits and network deadlines, never for dates.
enum MonotonicClock {
    static var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}

import Foundation

/// Seconds on a clock that never jumps: for rate limits and network deadlines, never for dates.
public enum MonotonicClock {
    /// Seconds since an arbitrary start (the machine's boot).
    public static var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}

import Foundation
import FuzzSupport
import RelanceCore

@testable import RelanceDelivery

/// 2026-11-28T09:30:00Z, the instant the values are read at.
let now = Instant(seconds: 1_795_858_200)

/// An instant as an IMF-fixdate, `Sat, 28 Nov 2026 09:30:00 GMT`: the form RFC 9110 says to send.
func imfFixdate(_ instant: Instant) -> String {
    let days = Int(instant.seconds.quotient(86_400))
    let seconds = Int(instant.seconds - Int64(days) * 86_400)
    let date = LocalDate(daysSinceEpoch: days)
    let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return String(
        format: "%@, %02d %@ %04d %02d:%02d:%02d GMT", weekdays[date.weekday - 1], date.day, months[date.month - 1],
        date.year, seconds / 3600, seconds / 60 % 60, seconds % 60)
}

extension Int64 {
    /// Division rounding towards minus infinity.
    func quotient(_ divisor: Int64) -> Int64 { self >= 0 ? self / divisor : -((-self + divisor - 1) / divisor) }
}

/// libFuzzer target: any bytes as a `Retry-After` value. A delay is never negative; a number of
/// seconds is taken as it is (none when negative); an HTTP date gives the delay until it, and
/// printed again as an IMF-fixdate it reads as the same instant. Nothing may crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRetryAfter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let value = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let delay = RetryAfter.seconds(value, now: now)
    require(delay.map { $0 >= 0 } ?? true, "negative delay \(delay!) for \(value.debugDescription)")
    if let number = Int64(value) {
        require(delay == (number >= 0 ? number : nil), "\(value.debugDescription) read as \(String(describing: delay))")
    } else if let date = RetryAfter.httpDate(value) {
        require(
            delay == max(0, date.seconds - now.seconds), "\(value.debugDescription): delay \(String(describing: delay))"
        )
        // Years past 9999 have no four-digit form.
        if (1...9999).contains(LocalDate(daysSinceEpoch: Int(date.seconds.quotient(86_400))).year) {
            let printed = imfFixdate(date)
            require(RetryAfter.httpDate(printed) == date, "\(value.debugDescription) printed as \(printed)")
        }
    } else {
        require(delay == nil, "\(value.debugDescription) is neither form but gave \(delay!)")
    }
    return 0
}

/// With `-DFUZZING` (and `-sanitize=fuzzer`): libFuzzer's driver; without: replays the files
/// given as arguments (the corpus, or a crash to reproduce).
@main
enum ReplayRetryAfter {
    static func main() throws {
        #if FUZZING
            exit(runFuzzer(fuzzRetryAfter))
        #else
            try replay(CommandLine.arguments.dropFirst(), through: fuzzRetryAfter)
        #endif
    }
}

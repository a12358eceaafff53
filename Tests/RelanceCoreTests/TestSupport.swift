@testable import RelanceCore

/// A date from a literal `YYYY-MM-DD`; test literals are always valid.
func day(_ text: String) -> LocalDate {
    guard let date = LocalDate(iso: text) else { fatalError("bad test date \(text)") }
    return date
}

/// A time from a literal `HH:MM`.
func time(_ text: String) -> TimeOfDay {
    guard let value = TimeOfDay(text) else { fatalError("bad test time \(text)") }
    return value
}

/// A period from a literal `YYYY-MM`.
func period(_ text: String) -> Period {
    guard let value = Period(text) else { fatalError("bad test period \(text)") }
    return value
}

/// An instant from a literal ISO 8601 string with offset.
func instant(_ text: String) -> Instant {
    guard let value = Instant(iso: text) else { fatalError("bad test instant \(text)") }
    return value
}

/// The territory of a department code from SPEC section 2.
func territory(_ code: String) -> Territory {
    guard let value = Territory(department: code) else { fatalError("bad test department \(code)") }
    return value
}

/// The zone of a tz identifier.
func zone(_ identifier: String) -> Zone {
    guard let value = Zone(identifier: identifier) else { fatalError("missing tz \(identifier)") }
    return value
}

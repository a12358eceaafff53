/// Where a jobseeker lives, as far as the cycle is concerned: a time zone and a
/// zone of public holidays, fixed by the INSEE department code (SPEC section 2).
public struct Territory: Hashable, Sendable {
    /// The holiday zone, which also names the territory.
    public let holidayZone: HolidayZone
    /// The tz identifier of the territory's legal time.
    public let timeZoneIdentifier: String

    /// The stable key of the territory (that of its holiday zone).
    public var key: String { holidayZone.key }

    /// The territory's own time zone.
    public var zone: Zone { Territory.zones[timeZoneIdentifier]! }

    /// Every territory, metropolitan first.
    public static let all: [Territory] = HolidayZone.allCases.map { Territory(holidayZone: $0) }

    /// The territory of a department code, or nil for a code that is not in SPEC's table.
    public init?(department code: String) {
        switch code {
        case "57", "67", "68": self.init(holidayZone: .alsaceMoselle)
        case "971": self.init(holidayZone: .guadeloupe)
        case "972": self.init(holidayZone: .martinique)
        case "973": self.init(holidayZone: .guyane)
        case "974": self.init(holidayZone: .reunion)
        case "975": self.init(holidayZone: .saintPierreEtMiquelon)
        case "976": self.init(holidayZone: .mayotte)
        case "977": self.init(holidayZone: .saintBarthelemy)
        case "978": self.init(holidayZone: .saintMartin)
        case "2A", "2B": self.init(holidayZone: .metropole)
        default:
            guard code.count == 2, let number = Int(code), code.allSatisfy(\.isNumber),
                (1...95).contains(number), number != 20, number != 57, number != 67, number != 68
            else { return nil }
            self.init(holidayZone: .metropole)
        }
    }

    /// The territory of a holiday zone.
    public init(holidayZone: HolidayZone) {
        self.holidayZone = holidayZone
        timeZoneIdentifier =
            switch holidayZone {
            case .metropole, .alsaceMoselle: "Europe/Paris"
            case .guadeloupe: "America/Guadeloupe"
            case .martinique: "America/Martinique"
            case .guyane: "America/Cayenne"
            case .reunion: "Indian/Reunion"
            case .saintPierreEtMiquelon: "America/Miquelon"
            case .mayotte: "Indian/Mayotte"
            case .saintBarthelemy: "America/St_Barthelemy"
            case .saintMartin: "America/Marigot"
            }
    }

    /// The territory with the given ``key``.
    public init?(key: String) {
        guard let zone = HolidayZone(key: key) else { return nil }
        self.init(holidayZone: zone)
    }

    /// Loaded once: a missing tz database is a broken installation, reported by ``checkTimeZones()``.
    private static let zones: [String: Zone] = Dictionary(
        uniqueKeysWithValues: HolidayZone.allCases.map { Territory(holidayZone: $0).timeZoneIdentifier }
            .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            .map { ($0, Zone(identifier: $0) ?? .utc) })

    /// Fails when the system tz database lacks a zone relance needs (package `tzdata`).
    public static func checkTimeZones() throws {
        for territory in all where Zone(identifier: territory.timeZoneIdentifier) == nil {
            throw RelanceError(
                .configuration, "time zone \(territory.timeZoneIdentifier) is missing: install the tzdata package")
        }
    }
}

import Foundation
import Testing

@testable import RelanceCore

@Suite("Territories from department codes (SPEC section 2)")
struct TerritoryTests {
    /// 01–19, 2A, 2B, 21–56, 58–66, 69–95, spelled out as two digits.
    static let metropolitanCodes: [String] = {
        let numbers = Array(1...19) + Array(21...56) + Array(58...66) + Array(69...95)
        return numbers.map { $0 < 10 ? "0\($0)" : "\($0)" } + ["2A", "2B"]
    }()

    @Test func metropolitanTableHas93Codes() {
        #expect(Self.metropolitanCodes.count == 93)
        #expect(Self.metropolitanCodes.contains("01"))
        #expect(Self.metropolitanCodes.contains("75"))
        #expect(!Self.metropolitanCodes.contains("57"))
    }

    @Test("Metropolitan departments", arguments: metropolitanCodes)
    func metropolitan(code: String) throws {
        let territory = try #require(Territory(department: code))
        #expect(territory.holidayZone == .metropole)
        #expect(territory.timeZoneIdentifier == "Europe/Paris")
        #expect(territory.zone == .paris)
    }

    @Test(
        "Departments outside Métropole",
        arguments: [
            ("57", "Europe/Paris", HolidayZone.alsaceMoselle),
            ("67", "Europe/Paris", .alsaceMoselle),
            ("68", "Europe/Paris", .alsaceMoselle),
            ("971", "America/Guadeloupe", .guadeloupe),
            ("972", "America/Martinique", .martinique),
            ("973", "America/Cayenne", .guyane),
            ("974", "Indian/Reunion", .reunion),
            ("975", "America/Miquelon", .saintPierreEtMiquelon),
            ("976", "Indian/Mayotte", .mayotte),
            ("977", "America/St_Barthelemy", .saintBarthelemy),
            ("978", "America/Marigot", .saintMartin),
        ])
    func otherTerritories(code: String, timeZone: String, holidayZone: HolidayZone) throws {
        let territory = try #require(Territory(department: code))
        #expect(territory.holidayZone == holidayZone)
        #expect(territory.timeZoneIdentifier == timeZone)
        #expect(territory.zone.identifier == timeZone)
        #expect(territory.key == holidayZone.key)
    }

    @Test(
        "Invalid department codes",
        arguments: [
            "20", "00", "0", "96", "99", "100", "970", "979", "980", "1", "2C", "2a", "2b", "", "75 ", " 75",
            "075", "+1", "-1", "7a", "９７", "57 ", "9710", "abc",
        ])
    func invalid(code: String) {
        #expect(Territory(department: code) == nil)
    }

    @Test func allTerritoriesAreDistinctAndMetropolitanFirst() {
        #expect(Territory.all.count == 10)
        #expect(Territory.all.first?.holidayZone == .metropole)
        #expect(Set(Territory.all.map(\.key)).count == 10)
        #expect(Set(Territory.all.map(\.holidayZone)) == Set(HolidayZone.allCases))
    }

    @Test("Time zones load from the tz database", arguments: Territory.all)
    func timeZoneLoads(territory: Territory) {
        // A missing zone would silently fall back to UTC.
        #expect(territory.zone.identifier == territory.timeZoneIdentifier)
        #expect(Zone(identifier: territory.timeZoneIdentifier) != nil)
        #expect(Territory(key: territory.key) == territory)
    }

    @Test("checkTimeZones passes here, where each zone has its own offset, not UTC's fallback")
    func checkTimeZonesPasses() {
        #expect(throws: Never.self) { try Territory.checkTimeZones() }
        // 15 January 2026, 12:00 UTC: no French territory is on UTC, summer time or not.
        let instant = Date(timeIntervalSince1970: 1_768_478_400)
        for territory in Territory.all {
            let offset = TimeZone(identifier: territory.timeZoneIdentifier)?.secondsFromGMT(for: instant)
            #expect(
                offset != nil && offset != 0, "\(territory.timeZoneIdentifier): \(offset.map(String.init) ?? "missing")"
            )
        }
    }

    @Test func unknownKeyIsRejected() {
        #expect(Territory(key: "corse") == nil)
        #expect(Territory(key: "") == nil)
    }
}

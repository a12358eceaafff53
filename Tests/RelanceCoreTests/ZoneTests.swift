import Testing

@testable import RelanceCore

@Suite("Time zones and RFC 5545 resolution (SPEC section 2)")
struct ZoneTests {
    @Test(
        "Local time to instant",
        arguments: [
            // zone, local day, local time, expected instant as printed in the zone
            ("Europe/Paris", "2026-12-10", "10:00", "2026-12-10T10:00:00+01:00"),
            ("Europe/Paris", "2026-07-14", "10:00", "2026-07-14T10:00:00+02:00"),
            // spring forward: 02:00–03:00 does not exist; the offset from before the gap applies
            ("Europe/Paris", "2026-03-29", "02:30", "2026-03-29T03:30:00+02:00"),
            ("Europe/Paris", "2026-03-29", "02:00", "2026-03-29T03:00:00+02:00"),
            ("Europe/Paris", "2026-03-29", "01:59", "2026-03-29T01:59:00+01:00"),
            ("Europe/Paris", "2026-03-29", "03:00", "2026-03-29T03:00:00+02:00"),
            // fall back: 02:00–03:00 happens twice; the first occurrence is meant
            ("Europe/Paris", "2026-10-25", "02:30", "2026-10-25T02:30:00+02:00"),
            ("Europe/Paris", "2026-10-25", "02:00", "2026-10-25T02:00:00+02:00"),
            ("Europe/Paris", "2026-10-25", "03:00", "2026-10-25T03:00:00+01:00"),
            ("Europe/Paris", "2026-10-25", "00:00", "2026-10-25T00:00:00+02:00"),
            // no DST overseas
            ("America/Guadeloupe", "2026-07-01", "10:00", "2026-07-01T10:00:00-04:00"),
            ("America/Martinique", "2026-01-15", "10:00", "2026-01-15T10:00:00-04:00"),
            ("America/Cayenne", "2026-07-01", "10:00", "2026-07-01T10:00:00-03:00"),
            ("Indian/Reunion", "2026-01-15", "00:00", "2026-01-15T00:00:00+04:00"),
            ("Indian/Mayotte", "2026-07-01", "23:59", "2026-07-01T23:59:00+03:00"),
            ("America/St_Barthelemy", "2026-07-01", "10:00", "2026-07-01T10:00:00-04:00"),
            ("America/Marigot", "2026-01-15", "10:00", "2026-01-15T10:00:00-04:00"),
            // Saint-Pierre-et-Miquelon: -03:00, DST -02:00 from the second Sunday of March
            ("America/Miquelon", "2026-01-15", "12:00", "2026-01-15T12:00:00-03:00"),
            ("America/Miquelon", "2026-07-01", "12:00", "2026-07-01T12:00:00-02:00"),
            ("America/Miquelon", "2026-03-08", "01:30", "2026-03-08T01:30:00-03:00"),
            ("America/Miquelon", "2026-03-08", "02:30", "2026-03-08T03:30:00-02:00"),
            ("America/Miquelon", "2026-11-01", "01:30", "2026-11-01T01:30:00-02:00"),
            ("America/Miquelon", "2026-11-01", "03:00", "2026-11-01T03:00:00-03:00"),
        ])
    func localToInstant(identifier: String, date: String, at: String, expected: String) {
        let zone = zone(identifier)
        let resolved = zone.instant(of: day(date), at: time(at))
        #expect(zone.format(resolved) == expected)
        #expect(resolved == instant(expected))
    }

    @Test func gapAndOverlapInUTCSeconds() {
        // 2026-03-29T01:30:00Z and 2026-10-25T00:30:00Z, computed independently.
        #expect(Zone.paris.instant(of: day("2026-03-29"), at: time("02:30")).seconds == 1_774_747_800)
        #expect(Zone.paris.instant(of: day("2026-10-25"), at: time("02:30")).seconds == 1_792_888_200)
        #expect(Zone.paris.instant(of: day("2026-11-28")).seconds == 1_795_820_400)
    }

    @Test(
        "Offsets",
        arguments: [
            ("Europe/Paris", 1_796_893_200, 3600), ("Europe/Paris", 1_774_747_800, 7200),
            ("Europe/Paris", 1_792_888_200, 7200), ("Europe/Paris", 1_792_888_200 + 3600, 3600),
            ("America/Guadeloupe", 1_796_893_200, -14_400), ("Indian/Reunion", 1_796_893_200, 14_400),
            ("Indian/Mayotte", 1_796_893_200, 10_800), ("America/Cayenne", 1_796_893_200, -10_800),
            ("America/Miquelon", 1_796_893_200, -10_800), ("America/Miquelon", 1_783_000_000, -7200),
        ])
    func offsets(identifier: String, seconds: Int64, offset: Int) {
        #expect(zone(identifier).offset(at: Instant(seconds: seconds)) == offset)
    }

    @Test func formatPrintsTheLocalOffset() {
        let moment = Instant(seconds: 1_796_893_200)  // 2026-12-10T09:00:00Z
        #expect(Zone.paris.format(moment) == "2026-12-10T10:00:00+01:00")
        #expect(zone("America/Guadeloupe").format(moment) == "2026-12-10T05:00:00-04:00")
        #expect(zone("Indian/Reunion").format(moment) == "2026-12-10T13:00:00+04:00")
        #expect(Zone.utc.format(moment) == "2026-12-10T09:00:00Z")
        #expect(moment.description == "2026-12-10T09:00:00Z")
        #expect(Zone.paris.format(moment.adding(seconds: 59)) == "2026-12-10T10:00:59+01:00")
        #expect(Instant(seconds: -1).description == "1969-12-31T23:59:59Z")
        #expect(Instant(seconds: 0).description == "1970-01-01T00:00:00Z")
    }

    @Test func localDayDependsOnTheZone() {
        let lateEvening = instant("2026-12-15T23:30:00Z")
        #expect(Zone.paris.date(of: lateEvening) == day("2026-12-16"))
        #expect(zone("America/Guadeloupe").date(of: lateEvening) == day("2026-12-15"))
        #expect(lateEvening.utcDate == day("2026-12-15"))
        let local = zone("America/Miquelon").local(instant("2026-01-01T02:59:30Z"))
        #expect(local.date == day("2025-12-31"))
        #expect(local.time == time("23:59"))
        #expect(local.second == 30)
    }

    @Test func utcDateBeforeTheEpoch() {
        #expect(Instant(seconds: -1).utcDate == day("1969-12-31"))
        #expect(Instant(seconds: -86_400).utcDate == day("1969-12-31"))
        #expect(Instant(seconds: -86_401).utcDate == day("1969-12-30"))
        #expect(Instant(seconds: 86_399).utcDate == day("1970-01-01"))
    }

    @Test func unknownZonesAndEquality() {
        #expect(Zone(identifier: "Mars/Olympus_Mons") == nil)
        #expect(Zone(identifier: "Europe/Paris") == Zone.paris)
        #expect(Zone.paris != Zone.utc)
        #expect(Zone.paris.description == "Europe/Paris")
    }
}

/// A zone of public holidays (SPEC section 2).
public enum HolidayZone: String, CaseIterable, Sendable, Codable {
    case metropole = "Métropole"
    case alsaceMoselle = "Alsace-Moselle"
    case guadeloupe = "Guadeloupe"
    case martinique = "Martinique"
    case guyane = "Guyane"
    case reunion = "La Réunion"
    case saintPierreEtMiquelon = "Saint-Pierre-et-Miquelon"
    case mayotte = "Mayotte"
    case saintBarthelemy = "Saint-Barthélemy"
    case saintMartin = "Saint-Martin"

    /// A stable ASCII key, used in the database.
    public var key: String {
        switch self {
        case .metropole: "metropole"
        case .alsaceMoselle: "alsace-moselle"
        case .guadeloupe: "guadeloupe"
        case .martinique: "martinique"
        case .guyane: "guyane"
        case .reunion: "reunion"
        case .saintPierreEtMiquelon: "saint-pierre-et-miquelon"
        case .mayotte: "mayotte"
        case .saintBarthelemy: "saint-barthelemy"
        case .saintMartin: "saint-martin"
        }
    }

    /// The zone with the given ``key``.
    public init?(key: String) {
        guard let zone = Self.allCases.first(where: { $0.key == key }) else { return nil }
        self = zone
    }
}

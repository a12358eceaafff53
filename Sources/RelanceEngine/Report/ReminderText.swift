/// Reminders in French for people: one table of their states and deliveries, shared by the
/// month report (which counts reminders and messages: the plural of its columns) and the
/// desk's case page (one reminder, a *relance*: the feminine singular).
public enum ReminderText {
    /// The states (SPEC 3) and deliveries (SPEC 13) of reminders: one, and the report's plural.
    static let forms: [String: (one: String, many: String)] = [
        "pending": ("en attente", "en attente"), "sent": ("envoyée", "envoyées"),
        "skipped": ("sans objet", "sans objet"), "expired": ("expirée", "expirées"), "failed": ("en échec", "en échec"),
        "delivered": ("remise", "remis"), "undelivered": ("non remise", "non remis"),
        "unconfirmed": ("non confirmée", "non confirmés"),
        "not_tracked": ("sans accusé de réception", "sans accusé de réception"),
    ]

    /// A step's id in French as the report writes it (`opening` → `ouverture`); an id of the
    /// configuration without translation (`d-5`) as it is.
    public static func step(_ id: String) -> String { ReportFormat.words[id] ?? id }

    /// One reminder's state or delivery: `envoyée`, `expirée`, `remise`, `non confirmée`…
    public static func one(_ code: String) -> String { forms[code]?.one ?? code }

    /// A message's verdict, as the report's delivery table says it: `remis`, `non remis`.
    public static func verdict(_ code: String) -> String { forms[code]?.many ?? code }

    /// A channel for people: `courriel`, `SMS`, `webhook`.
    public static func channel(_ code: String) -> String {
        switch code {
        case "email": "courriel"
        case "sms": "SMS"
        default: code
        }
    }

    /// What set a message's verdict (a receipt's status, or the timeout), for people; nil when
    /// there is nothing to add to the verdict.
    public static func reason(_ code: String) -> String? {
        switch code {
        case "delivered": nil
        case "complained": "signalé comme indésirable"
        case "bounced": "adresse rejetée"
        case "failed": "échec définitif"
        case "rejected": "numéro refusé"
        case "expired": "téléphone resté injoignable"
        case "receipt_timeout": "aucun accusé de réception dans le délai"
        default: code
        }
    }
}

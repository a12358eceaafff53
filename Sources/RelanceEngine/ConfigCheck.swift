public import RelanceConfig
import RelanceCore
import RelanceDelivery

/// `relance config check`: the configuration and every template it needs (SPEC section 6).
public enum ConfigCheck {
    /// What `config check` found: what was checked and what is valid but probably not meant.
    public struct Report: Sendable {
        /// What was checked, one line each.
        public var checked: [String]
        /// `warning: …` lines: the configuration's own, then the templates'.
        public var warnings: [String]
    }

    /// Checks templates against the configuration.
    ///
    /// - Throws: ``RelanceError`` `configuration` listing every problem found, then the warnings.
    public static func run(_ configuration: Configuration) throws -> Report {
        try Territory.checkTimeZones()
        let templates = try TemplateLibrary(directory: configuration.delivery.templatesDirectory)
        var problems: [String] = []
        var warnings = configuration.warnings
        warnings += [identifierWarning(configuration.identifierPattern)].compactMap { $0.map { "warning: " + $0 } }
        var checked = [
            "configuration \(configuration.file): valid",
            "database: \(configuration.databasePath)",
            "delivery: \(configuration.delivery.mode.rawValue) mode",
        ]
        checked += configuration.journal.obligations.obligations.map(describe)
        let directory = configuration.delivery.templatesDirectory
        let maxSegments = configuration.delivery.sms?.maxSegments ?? 3
        for step in configuration.steps {
            for channel in step.channels {
                let missing = TemplateLibrary.requiredFiles(set: step.id, channel: channel)
                    .filter { !templates.files.contains($0) }
                if !missing.isEmpty {
                    problems += missing.map {
                        "\(directory)/\($0): missing template for step \(step.id), channel \(channel.rawValue)"
                    }
                    continue
                }
                problems += unknownVariables(
                    templates, set: step.id, allowed: TemplateLibrary.reminderVariables,
                    sample: TemplateVariables.sample(accented: true),
                    directory: directory)
                if channel == .sms, let sizes = smsSizes(templates, step: step.id) {
                    let (plain, worst) = sizes
                    let file = "\(directory)/\(step.id).sms.txt"
                    let worstText = "\(worst.segments) \(worst.encoding.rawValue) segments with long accented names"
                    if worst.segments > maxSegments {
                        problems.append("\(file): \(worstText), more than delivery.sms.max_segments (\(maxSegments))")
                    } else if plain.segments <= 1 && worst.segments > 1 {
                        warnings.append(
                            "warning: \(file): an accented name (ç forces UCS-2) makes it \(worstText), "
                                + "\(plain.segments) \(plain.encoding.rawValue) without accents")
                    }
                    checked.append(
                        "step \(step.id) sms: \(worst.segments) \(worst.encoding.rawValue) segment(s) at most "
                            + "(\(plain.segments) \(plain.encoding.rawValue) without accents)")
                }
                checked.append("step \(step.id) \(channel.rawValue): templates present")
            }
        }
        if templates.has(set: "digest", channel: .email) {
            problems += unknownVariables(
                templates, set: "digest", allowed: TemplateLibrary.digestVariables, sample: digestSample,
                directory: directory)
            checked.append("advisor digest email: templates present")
        } else {
            problems.append("\(directory)/digest.email.subject, digest.email.txt: missing advisor digest templates")
        }
        checked.append(
            configuration.alertsEmail == nil
                ? "alerts.email: not set: cases with no advisor and no known agency (unrouted) would reach nobody"
                : "alerts.email: receives the digest of unrouted cases (no advisor, no known agency)")
        guard problems.isEmpty else {
            throw RelanceError(.configuration, (problems + warnings).joined(separator: "\n"))
        }
        return Report(checked: checked, warnings: warnings)
    }

    /// The segments of a step's SMS with long names without accents, and in the worst case.
    private static func smsSizes(_ templates: TemplateLibrary, step: String) -> (SMSSegments, SMSSegments)? {
        let render = { (accented: Bool) in
            templates.render(set: step, channel: .sms, context: TemplateVariables.sample(accented: accented))?.text
        }
        guard let plain = render(false), let worst = render(true) else { return nil }
        return (SMSSegments(plain), SMSSegments(worst))
    }

    private static func unknownVariables(
        _ templates: TemplateLibrary, set: String, allowed: Set<String>, sample: [String: Any], directory: String
    ) -> [String] {
        templates.files.filter { $0.hasPrefix(set + ".") }.flatMap { file in
            templates.variables(usedBy: file, sample: sample).subtracting(allowed).sorted().map {
                "\(directory)/\(file): unknown variable '\($0)' (allowed: \(allowed.sorted().joined(separator: ", ")))"
            }
        }
    }

    private static var digestSample: [String: Any] {
        [
            "recipient_name": "Agence", "date": "lundi 14 décembre 2026", "count": "1", "overdue_count": "1",
            "unrouted": true,
            "cases": [
                [
                    "case_id": "1", "jobseeker_id": "1234567A", "first_name": "Anne", "last_name": "Martin",
                    "phone": "06 12 34 56 78", "email": "anne@example.fr", "department": "75", "route": "téléphone",
                    "reasons": "déclaration manquée (novembre 2026)", "opened_on": "16/12/2026", "due_on": "23/12/2026",
                    "overdue": true, "is_new": true, "agency": "PAR11", "has_note": true, "note": "rappel le 18",
                    "updated_on": "17/12/2026", "updated_by": "cli:conseiller",
                ]
            ],
        ]
    }

    /// One line of `config check` for a journal obligation: its id, periods and coverage.
    static func describe(_ obligation: JournalObligation) -> String {
        let periods =
            switch (obligation.from, obligation.until) {
            case (nil, nil): "every period"
            case (let from?, nil): "from \(from)"
            case (nil, let until?): "until \(until) (exclusive)"
            case (let from?, let until?): "from \(from) until \(until) (exclusive)"
            }
        let coverage =
            switch obligation.coverage {
            case .all: "all departments"
            case .departments: "\(obligation.departments.count) departments"
            }
        return "journal obligation \(obligation.id): \(periods), \(coverage)"
    }
}

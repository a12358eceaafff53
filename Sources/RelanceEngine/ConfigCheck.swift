public import RelanceConfig
import RelanceCore
import RelanceDelivery

/// `relance config check`: the configuration and every template it needs (SPEC section 6).
public enum ConfigCheck {
    /// Checks templates against the configuration; returns what was checked, one line each.
    ///
    /// - Throws: ``RelanceError`` `configuration` listing every problem found.
    public static func run(_ configuration: Configuration) throws -> [String] {
        try Territory.checkTimeZones()
        let templates = try TemplateLibrary(directory: configuration.delivery.templatesDirectory)
        var problems: [String] = []
        var checked = [
            "configuration \(configuration.file): valid",
            "database: \(configuration.databasePath)",
            "delivery: \(configuration.delivery.mode.rawValue) mode",
        ]
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
                    sample: TemplateVariables.sample,
                    directory: directory)
                if channel == .sms,
                    let text = templates.render(set: step.id, channel: .sms, context: TemplateVariables.sample)?.text
                {
                    let segments = SMSSegments(text)
                    if segments.segments > maxSegments {
                        problems.append(
                            "\(directory)/\(step.id).sms.txt: \(segments.segments) \(segments.encoding.rawValue) segments with long names, more than delivery.sms.max_segments (\(maxSegments))"
                        )
                    }
                    checked.append(
                        "step \(step.id) sms: \(segments.segments) \(segments.encoding.rawValue) segment(s) at most")
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
            throw RelanceError(.configuration, problems.joined(separator: "\n"))
        }
        return checked
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
}

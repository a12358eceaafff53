import Foundation
import RelanceCore
import Yams

extension Configuration {
    /// The file used when neither `--config` nor `RELANCE_CONFIG` is given.
    public static let defaultPath = "config/relance.yaml"

    /// Reads and validates a configuration file. Relative paths in it are relative to its folder.
    ///
    /// - Throws: ``RelanceError`` with code `configuration`, naming the key path and line.
    public static func load(from path: String) throws -> Configuration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RelanceError(.configuration, "\(path): cannot read the configuration file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RelanceError(.configuration, "\(path): is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Parses configuration text; `file` names it in errors and anchors relative paths.
    public static func parse(_ text: String, file: String) throws -> Configuration {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw RelanceError(.configuration, "\(file): invalid YAML: \(error)")
        }
        guard let node else { throw RelanceError(.configuration, "\(file): the configuration is empty") }
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent().path
        return try ConfigurationParser(root: ConfigNode(node: node, path: "", file: file), directory: directory)
            .configuration()
    }
}

/// Turns the YAML tree into a validated ``Configuration``.
struct ConfigurationParser {
    let root: ConfigNode
    let directory: String

    func configuration() throws -> Configuration {
        let top = try root.mapping(allowed: [
            "database", "identifier_pattern", "cycle", "journal", "send_window", "reminders", "escalation",
            "advisors", "alerts", "delivery", "retention",
        ])
        let sendWindow =
            try top["send_window"].map(parseSendWindow)
            ?? SendWindow(
                from: TimeOfDay(hour: 8, minute: 0)!, to: TimeOfDay(hour: 20, minute: 0)!)
        let steps = try root.required(top, "reminders").items().map(parseStep)
        var seen = Set<String>()
        for (index, step) in steps.enumerated() where !seen.insert(step.id).inserted {
            throw try root.required(top, "reminders").items()[index].error("step id '\(step.id)' is used twice")
        }
        let cycle = try top["cycle"].map(parseCycle) ?? CycleCalendar()
        for (index, step) in steps.enumerated() {
            if let period = Self.firstPeriodWhereStepPrecedesOpening(step, calendar: cycle) {
                let window = cycle.window(of: period)
                throw try root.required(top, "reminders").items()[index].error(
                    "step '\(step.id)' falls on \(step.nominalDay(in: window)), before the window of \(period) opens "
                        + "(\(window.openingDay)): jobseekers become members of a period when it opens")
            }
        }
        let pattern =
            try top["identifier_pattern"].map { node in
                do { return try IdentifierPattern(try node.string()) } catch let error as RelanceError {
                    throw error
                } catch { throw node.error("is not a valid regular expression") }
            } ?? IdentifierPattern("^[0-9]{7}[0-9A-Z]$")
        return Configuration(
            file: root.file,
            databasePath: resolve(try top["database"]?.string() ?? "../var/relance.sqlite"),
            identifierPattern: pattern,
            cycle: cycle,
            journal: try top["journal"].map(parseJournal) ?? JournalRules(minActs: 1, requiredDepartments: []),
            sendWindow: sendWindow,
            steps: steps,
            escalation: try parseEscalation(root.required(top, "escalation")),
            digestAt: try top["advisors"]?.mapping(allowed: ["digest_at"])["digest_at"]?.time()
                ?? TimeOfDay(hour: 8, minute: 0)!,
            alertsEmail: try top["alerts"].flatMap(parseAlertsEmail),
            delivery: try parseDelivery(root.required(top, "delivery")),
            retention: try top["retention"].map(parseRetention)
                ?? RetentionSettings(
                    messageContent: 7 * 86_400, closedPeriods: 24))
    }

    /// The first period (2000–2100) in which a step would fall before its window opens, if any.
    static func firstPeriodWhereStepPrecedesOpening(_ step: Step, calendar: CycleCalendar) -> Period? {
        var period = Period(year: 2000, month: 1)!
        while period.year <= 2100 {
            let window = calendar.window(of: period)
            if step.nominalDay(in: window) < window.openingDay { return period }
            period = period.next
        }
        return nil
    }

    func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: directory).appendingPathComponent(path).standardized.path
    }

    private func parseAlertsEmail(_ node: ConfigNode) throws -> String? {
        guard let email = try node.mapping(allowed: ["email"])["email"] else { return nil }
        let address = try email.string()
        if let problem = TextRules.problem(inEmail: address) { throw email.error("'\(address)' \(problem)") }
        return address
    }

    private func parseSendWindow(_ node: ConfigNode) throws -> SendWindow {
        let members = try node.mapping(allowed: ["from", "to"])
        let window = SendWindow(
            from: try node.required(members, "from").time(), to: try node.required(members, "to").time())
        guard window.from < window.to else { throw node.error("'from' must be before 'to'") }
        return window
    }

    private func parseCycle(_ node: ConfigNode) throws -> CycleCalendar {
        let members = try node.mapping(allowed: [
            "opening_day", "opening_day_february", "deadline_day", "clock", "overrides",
        ])
        var calendar = CycleCalendar()
        if let day = members["opening_day"] { calendar.openingDay = try day.int(in: 1...31) }
        if let day = members["opening_day_february"] { calendar.openingDayFebruary = try day.int(in: 1...29) }
        if let day = members["deadline_day"] { calendar.deadlineDay = try day.int(in: 1...31) }
        if let clock = members["clock"] { calendar.clock = try clock.oneOf(CycleClock.self) }
        for (key, value) in try members["overrides"]?.entries() ?? [] {
            guard let period = Period(key) else { throw value.error("is not a period YYYY-MM") }
            let dates = try value.mapping(allowed: ["opening", "deadline"])
            let override = WindowOverride(
                opening: try value.required(dates, "opening").date(),
                deadline: try value.required(dates, "deadline").date())
            guard override.opening < override.deadline else { throw value.error("opening must be before deadline") }
            guard Period(containing: override.opening) <= period.next, period <= Period(containing: override.deadline)
            else { throw value.error("the dates are too far from the period \(period)") }
            calendar.overrides[period] = override
        }
        return calendar
    }

    private func parseJournal(_ node: ConfigNode) throws -> JournalRules {
        let members = try node.mapping(allowed: ["min_acts", "required_departments"])
        let departments = try members["required_departments"]?.items().map { item in
            let code = try item.string()
            guard Territory(department: code) != nil else { throw item.error("'\(code)' is not a department code") }
            return code
        }
        return JournalRules(
            minActs: try members["min_acts"]?.int(in: 0...1000) ?? 1, requiredDepartments: Set(departments ?? []))
    }

    private func parseStep(_ node: ConfigNode) throws -> Step {
        let members = try node.mapping(allowed: [
            "id", "anchor", "offset_days", "at", "channels", "only_if", "skip_non_business_days",
        ])
        let id = try node.required(members, "id").string()
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
            throw members["id"]!.error("must match [a-z0-9-]+")
        }
        guard id != "digest" else { throw members["id"]!.error("'digest' is reserved for advisor digests") }
        let anchor = try node.required(members, "anchor").oneOf(Anchor.self)
        let channelsNode = try node.required(members, "channels")
        let channels = try channelsNode.items().map { try $0.oneOf(Channel.self) }
        guard !channels.isEmpty else { throw channelsNode.error("must list at least one channel") }
        guard Set(channels).count == channels.count else { throw channelsNode.error("lists a channel twice") }
        let onlyIf = try members["only_if"]?.oneOf(Condition.self)
        if onlyIf == .missed && anchor != .closing {
            throw members["only_if"]!.error("'missed' is only for steps anchored at closing")
        }
        return Step(
            id: id, anchor: anchor, offsetDays: try node.required(members, "offset_days").int(in: -62...62),
            at: try node.required(members, "at").time(), channels: channels, onlyIf: onlyIf,
            skipNonBusinessDays: try members["skip_non_business_days"]?.bool() ?? false)
    }

    private func parseEscalation(_ node: ConfigNode) throws -> EscalationSettings {
        let members = try node.mapping(allowed: ["sla_business_days", "rules"])
        let rules = try (members["rules"]?.items() ?? []).map { item in
            let rule = try item.mapping(allowed: ["id", "if", "streak", "route"])
            return EscalationRule(
                id: try item.required(rule, "id").string(),
                condition: try item.required(rule, "if").oneOf(EscalationCondition.self),
                streak: try rule["streak"]?.int(in: 1...24) ?? 1,
                route: try item.required(rule, "route").oneOf(Route.self))
        }
        return EscalationSettings(
            slaBusinessDays: try members["sla_business_days"]?.int(in: 0...60) ?? 5,
            policy: EscalationPolicy(rules: rules))
    }

    private func parseRetention(_ node: ConfigNode) throws -> RetentionSettings {
        let members = try node.mapping(allowed: ["message_content", "closed_periods"])
        return RetentionSettings(
            messageContent: try members["message_content"]?.duration() ?? 7 * 86_400,
            closedPeriods: try members["closed_periods"]?.int(in: 1...240) ?? 24)
    }
}

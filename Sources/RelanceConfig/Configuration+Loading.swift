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
    ///
    /// - Throws: ``RelanceError`` `configuration` listing every error found, in file order.
    public static func parse(_ text: String, file: String) throws -> Configuration {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw RelanceError(.configuration, YAMLSyntax.describe(error, file: file, text: text))
        }
        guard let node else { throw RelanceError(.configuration, "\(file): the configuration is empty") }
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent().path
        let diagnostics = ConfigDiagnostics()
        let root = ConfigNode(node: node, path: "", file: file, diagnostics: diagnostics)
        let configuration = root.read { try ConfigurationParser(root: $0, directory: directory).configuration() }
        if let error = diagnostics.error { throw error }
        guard var configuration else { throw RelanceError(.configuration, "\(file): invalid configuration") }
        configuration.warnings = ConfigDiagnostics.inFileOrder(diagnostics.warnings)
        return configuration
    }
}

/// Turns the YAML tree into a validated ``Configuration``. Each value that is wrong is recorded
/// (``ConfigNode/read(_:)``) and replaced by a default, so that reading goes on and one run finds
/// every error; the caller throws them all.
struct ConfigurationParser {
    let root: ConfigNode
    let directory: String

    func configuration() throws -> Configuration {
        let top = try root.mapping(allowed: [
            "database", "identifier_pattern", "cycle", "journal", "send_window", "reminders", "escalation",
            "advisors", "alerts", "delivery", "retention", "http", "report", "desk",
        ])
        let sendWindow =
            top["send_window"]?.read(parseSendWindow)
            ?? SendWindow(from: TimeOfDay(hour: 8, minute: 0)!, to: TimeOfDay(hour: 20, minute: 0)!)
        let cycle = top["cycle"]?.read(parseCycle) ?? CycleCalendar()
        let stepNodes = root.require(top, "reminders") { try $0.items() } ?? []
        let steps = checkedSteps(stepNodes, cycle: cycle, sendWindow: sendWindow)
        let defaultPattern = try IdentifierPattern("^[0-9]{7}[0-9A-Z]$")
        let pattern =
            top["identifier_pattern"]?.read { node in
                do { return try IdentifierPattern(try node.string()) } catch let problem as ConfigProblem {
                    throw problem
                } catch { throw node.error("is not a valid regular expression") }
            } ?? defaultPattern
        let escalation = root.require(top, "escalation", parseEscalation)
        let delivery = root.require(top, "delivery", parseDelivery)
        guard let escalation, let delivery else { throw ConfigNode.Recorded() }
        var configuration = Configuration(
            file: root.file,
            databasePath: resolve(top["database"]?.read { try $0.string() } ?? "../var/relance.sqlite"),
            identifierPattern: pattern,
            cycle: cycle,
            journal: top["journal"]?.read(parseJournal)
                ?? JournalRules(minActs: 1, obligations: JournalObligations([])),
            sendWindow: sendWindow,
            steps: steps,
            escalation: escalation,
            digestAt: top["advisors"]?.read(parseDigestAt) ?? TimeOfDay(hour: 8, minute: 0)!,
            alertsEmail: top["alerts"]?.read(parseAlertsEmail) ?? nil,
            delivery: delivery,
            retention: top["retention"]?.read(parseRetention)
                ?? RetentionSettings(messageContent: 7 * 86_400, closedPeriods: 24))
        configuration.http = top["http"]?.read(parseHTTP)
        configuration.report = top["report"]?.read(parseReport) ?? ReportSettings()
        configuration.desk = top["desk"]?.read(parseDesk)
        return configuration
    }

    /// The steps that parse, with an error for an id used twice or a step due before its window
    /// opens, and a warning for a step whose `at` is outside `send_window` (it waits for the window).
    private func checkedSteps(_ nodes: [ConfigNode], cycle: CycleCalendar, sendWindow: SendWindow) -> [Step] {
        var seen = Set<String>()
        return nodes.compactMap { node in
            guard let step = node.read(parseStep) else { return nil }
            if !seen.insert(step.id).inserted { diagnostics.record(node.error("step id '\(step.id)' is used twice")) }
            if let period = Self.firstPeriodWhereStepPrecedesOpening(step, calendar: cycle) {
                let window = cycle.window(of: period)
                diagnostics.record(
                    node.error(
                        "step '\(step.id)' falls on \(step.nominalDay(in: window)), before the window of \(period) opens "
                            + "(\(window.openingDay)): jobseekers become members of a period when it opens"))
            }
            if !sendWindow.contains(step.at) {
                (node.member("at") ?? node).warn(
                    "\(step.at) is outside send_window (\(sendWindow.from) to \(sendWindow.to)): "
                        + "the reminder waits until the window opens")
            }
            return step
        }
    }

    var diagnostics: ConfigDiagnostics { root.diagnostics }

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

    private func parseDigestAt(_ node: ConfigNode) throws -> TimeOfDay {
        guard let time = try node.mapping(allowed: ["digest_at"])["digest_at"]?.read({ try $0.time() }) else {
            throw ConfigNode.Recorded()
        }
        return time
    }

    private func parseAlertsEmail(_ node: ConfigNode) throws -> String? {
        guard let email = try node.mapping(allowed: ["email"])["email"] else { return nil }
        let address = try email.string()
        if let problem = TextRules.problem(inEmail: address) { throw email.error("'\(address)' \(problem)") }
        return address
    }

    private func parseSendWindow(_ node: ConfigNode) throws -> SendWindow {
        let members = try node.mapping(allowed: ["from", "to"])
        guard let from = node.require(members, "from", { try $0.time() }),
            let to = node.require(members, "to", { try $0.time() })
        else { throw ConfigNode.Recorded() }
        let window = SendWindow(from: from, to: to)
        guard window.from < window.to else { throw node.error("'from' must be before 'to'") }
        return window
    }

    private func parseCycle(_ node: ConfigNode) throws -> CycleCalendar {
        let members = try node.mapping(allowed: [
            "opening_day", "opening_day_february", "deadline_day", "clock", "overrides",
        ])
        var calendar = CycleCalendar()
        if let day = members["opening_day"]?.read({ try $0.int(in: 1...31) }) { calendar.openingDay = day }
        if let day = members["opening_day_february"]?.read({ try $0.int(in: 1...29) }) {
            calendar.openingDayFebruary = day
        }
        if let day = members["deadline_day"]?.read({ try $0.int(in: 1...31) }) { calendar.deadlineDay = day }
        if let clock = members["clock"]?.read({ try $0.oneOf(CycleClock.self) }) { calendar.clock = clock }
        for entry in members["overrides"]?.read({ try $0.entries() }) ?? [] {
            let (key, value) = (entry.key, entry.value)
            let override = value.read { value -> (Period, WindowOverride) in
                guard let period = Period(key) else { throw value.error("is not a period YYYY-MM") }
                let dates = try value.mapping(allowed: ["opening", "deadline"])
                guard let opening = value.require(dates, "opening", { try $0.date() }),
                    let deadline = value.require(dates, "deadline", { try $0.date() })
                else { throw ConfigNode.Recorded() }
                let override = WindowOverride(opening: opening, deadline: deadline)
                guard override.opening < override.deadline else { throw value.error("opening must be before deadline") }
                guard Period(containing: override.opening) <= period.next,
                    period <= Period(containing: override.deadline)
                else { throw value.error("the dates are too far from the period \(period)") }
                return (period, override)
            }
            if let (period, override) = override { calendar.overrides[period] = override }
        }
        return calendar
    }

    private func parseStep(_ node: ConfigNode) throws -> Step {
        let members = try node.mapping(allowed: [
            "id", "anchor", "offset_days", "at", "channels", "only_if", "skip_non_business_days",
        ])
        let id = node.require(members, "id") { node in
            let id = try node.string()
            guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
                throw node.error("must match [a-z0-9-]+")
            }
            guard id != "digest" else { throw node.error("'digest' is reserved for advisor digests") }
            return id
        }
        let anchor = node.require(members, "anchor") { try $0.oneOf(Anchor.self) }
        let channels = node.require(members, "channels") { node in
            let channels = try node.items().map { try $0.oneOf(Channel.self) }
            guard !channels.isEmpty else { throw node.error("must list at least one channel") }
            guard Set(channels).count == channels.count else { throw node.error("lists a channel twice") }
            return channels
        }
        let onlyIf = members["only_if"]?.read { node in
            let condition = try node.oneOf(Condition.self)
            if condition == .missed && anchor != nil && anchor != .closing {
                throw node.error("'missed' is only for steps anchored at closing")
            }
            return condition
        }
        let offset = node.require(members, "offset_days") { try $0.int(in: -62...62) }
        let at = node.require(members, "at") { try $0.time() }
        let skip = members["skip_non_business_days"]?.read { try $0.bool() } ?? false
        guard let id, let anchor, let channels, let offset, let at, members["only_if"] == nil || onlyIf != nil else {
            throw ConfigNode.Recorded()
        }
        return Step(
            id: id, anchor: anchor, offsetDays: offset, at: at, channels: channels, onlyIf: onlyIf,
            skipNonBusinessDays: skip)
    }

    private func parseEscalation(_ node: ConfigNode) throws -> EscalationSettings {
        let members = try node.mapping(allowed: ["sla_business_days", "rules"])
        let rules = (members["rules"]?.read { try $0.items() } ?? []).compactMap { item in
            item.read { item -> EscalationRule in
                let rule = try item.mapping(allowed: ["id", "if", "streak", "route"])
                let id = item.require(rule, "id") { try $0.string() }
                let condition = item.require(rule, "if") { try $0.oneOf(EscalationCondition.self) }
                let streak = rule["streak"]?.read { try $0.int(in: 1...24) } ?? 1
                let route = item.require(rule, "route") { try $0.oneOf(Route.self) }
                guard let id, let condition, let route else { throw ConfigNode.Recorded() }
                return EscalationRule(id: id, condition: condition, streak: streak, route: route)
            }
        }
        return EscalationSettings(
            slaBusinessDays: members["sla_business_days"]?.read { try $0.int(in: 0...60) } ?? 5,
            policy: EscalationPolicy(rules: rules))
    }

    private func parseRetention(_ node: ConfigNode) throws -> RetentionSettings {
        let members = try node.mapping(allowed: ["message_content", "closed_periods", "audit"])
        return RetentionSettings(
            messageContent: members["message_content"]?.read { try $0.duration() } ?? 7 * 86_400,
            closedPeriods: members["closed_periods"]?.read { try $0.int(in: 1...240) } ?? 24,
            audit: members["audit"]?.read { try $0.int(in: 1...240) } ?? 12)
    }
}

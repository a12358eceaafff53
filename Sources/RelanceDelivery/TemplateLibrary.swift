import Foundation
import Mustache
public import RelanceCore

/// The rendered parts of one message.
public struct RenderedContent: Sendable {
    /// The email subject; nil for SMS and webhooks.
    public var subject: String?
    /// The text: email plain part, SMS text or webhook text.
    public var text: String
    /// The optional HTML part of an email.
    public var html: String?
}

/// The Mustache templates of `templates_dir`: `STEP.email.subject`, `STEP.email.txt`,
/// `STEP.email.html` (optional), `STEP.sms.txt`, `STEP.webhook.txt`, and `digest.email.*`.
///
/// Plain-text templates are rendered without HTML escaping; `.html` ones escape.
public struct TemplateLibrary: Sendable {
    /// The variables a reminder template may use: SPEC section 6's, and `full_name` (first and
    /// last name, absent when both are empty) and `days_left_text` ("1 jour", "5 jours").
    public static let reminderVariables: Set<String> = [
        "first_name", "last_name", "full_name", "jobseeker_id", "period", "opening", "deadline", "days_left",
        "days_left_text", "acts_count",
    ]
    /// The variables of the advisor digest.
    public static let digestVariables: Set<String> = [
        "recipient_name", "date", "count", "overdue_count", "cases", "case_id", "jobseeker_id", "first_name",
        "last_name", "phone", "email", "department", "route", "reasons", "opened_on", "due_on", "overdue", "is_new",
        "agency", "has_note", "note", "updated_on", "updated_by", "unrouted",
    ]

    private let templates: [String: MustacheTemplate]
    /// The reminder templates compiled flat (see ``FlatTemplate``), each checked to render as
    /// its Mustache template does.
    private let flat: [String: FlatTemplate]
    /// The folder the templates come from.
    public let directory: String

    /// Loads every template file of a folder.
    ///
    /// - Throws: ``RelanceError`` (`configuration`) for an unreadable folder or a template that does not parse.
    public init(directory: String) throws {
        self.directory = directory
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw RelanceError(.configuration, "\(directory): cannot read the templates folder")
        }
        var templates: [String: MustacheTemplate] = [:]
        var flat: [String: FlatTemplate] = [:]
        for name in names where name.split(separator: ".").count == 3 {
            let path = directory + "/" + name
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw RelanceError(.configuration, "\(path): cannot read the template (UTF-8 expected)")
            }
            let source = Self.mustacheSource(file: name, text: text)
            do {
                templates[name] = try MustacheTemplate(string: source)
            } catch {
                throw RelanceError(.configuration, "\(path): invalid Mustache template: \(error)")
            }
            if !name.hasPrefix("digest."), let compiled = FlatTemplate(source: source),
                let template = templates[name], Self.rendersAlike(compiled, template)
            {
                flat[name] = compiled
            }
        }
        self.templates = templates
        self.flat = flat
    }

    /// The Mustache source of a template file: plain-text files say so with a pragma.
    static func mustacheSource(file: String, text: String) -> String {
        file.hasSuffix(".html") ? text : "{{% CONTENT_TYPE: TEXT}}" + text
    }

    /// Whether a compiled template renders as Mustache does, with every reminder variable set to
    /// a value that needs escaping, then with each one missing in turn.
    private static func rendersAlike(_ compiled: FlatTemplate, _ template: MustacheTemplate) -> Bool {
        let full = Dictionary(uniqueKeysWithValues: reminderVariables.map { ($0, "\($0) <é & \"ç\"> l'a") })
        let contexts = [full] + reminderVariables.map { name in full.filter { $0.key != name } }
        return contexts.allSatisfy { compiled.render($0) == template.render($0) }
    }

    /// The file names a channel needs for a template set; the HTML part is optional.
    public static func requiredFiles(set: String, channel: Channel) -> [String] {
        switch channel {
        case .email: ["\(set).email.subject", "\(set).email.txt"]
        case .sms: ["\(set).sms.txt"]
        case .webhook: ["\(set).webhook.txt"]
        }
    }

    /// Whether every file a channel needs for a set exists.
    public func has(set: String, channel: Channel) -> Bool {
        Self.requiredFiles(set: set, channel: channel).allSatisfy { templates[$0] != nil }
    }

    /// Renders the content of a set (a step id, or `digest`) for a channel.
    public func render(set: String, channel: Channel, context: [String: Any]) -> RenderedContent? {
        render(set: set, channel: channel) { render(file: $0, context: context) }
    }

    /// One template file rendered by Mustache; nil when there is no such file.
    func render(file: String, context: [String: Any]) -> String? {
        templates[file]?.render(context)
    }

    /// Renders a reminder's content from its variables, with the flat templates where they exist.
    public func render(set: String, channel: Channel, values: [String: String]) -> RenderedContent? {
        render(set: set, channel: channel) { file in flat[file]?.render(values) ?? templates[file]?.render(values) }
    }

    /// The content of a set for a channel, each file rendered by `file`; nil without its files.
    private func render(set: String, channel: Channel, file: (String) -> String?) -> RenderedContent? {
        switch channel {
        case .email:
            guard let subject = file("\(set).email.subject"), let text = file("\(set).email.txt") else { return nil }
            return RenderedContent(
                subject: subject.trimmingCharacters(in: .whitespacesAndNewlines), text: text,
                html: file("\(set).email.html"))
        case .sms, .webhook:
            guard let text = file("\(set).\(channel.rawValue).txt") else { return nil }
            return RenderedContent(
                subject: nil, text: text.trimmingCharacters(in: .whitespacesAndNewlines), html: nil)
        }
    }

    /// Whether a template file is rendered flat (for tests).
    func isFlat(_ file: String) -> Bool { flat[file] != nil }

    /// The variable names a template file refers to (found by rendering with a recording context).
    public func variables(usedBy file: String, sample: [String: Any]) -> Set<String> {
        guard let template = templates[file] else { return [] }
        let recorder = RecordingContext(values: sample)
        _ = template.render(recorder)
        return recorder.names
    }

    /// The names of every loaded template file.
    public var files: [String] { templates.keys.sorted() }
}

/// A Mustache context that records every name a template looks up, in sections too.
final class RecordingContext: MustacheParent, @unchecked Sendable {
    /// The names looked up, shared by a context and the contexts of its sections.
    final class Names {
        var all: Set<String> = []
    }

    private let values: [String: Any]
    let recorded: Names

    init(values: [String: Any], recorded: Names = Names()) {
        self.values = values
        self.recorded = recorded
    }

    var names: Set<String> { recorded.all }

    func child(named name: String) -> Any? {
        recorded.all.insert(name)
        if let list = values[name] as? [[String: Any]] {
            return list.map { RecordingContext(values: $0, recorded: recorded) }
        }
        return values[name]
    }
}

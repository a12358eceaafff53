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
        for name in names where name.split(separator: ".").count == 3 {
            let path = directory + "/" + name
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw RelanceError(.configuration, "\(path): cannot read the template (UTF-8 expected)")
            }
            let source = name.hasSuffix(".html") ? text : "{{% CONTENT_TYPE: TEXT}}" + text
            do {
                templates[name] = try MustacheTemplate(string: source)
            } catch {
                throw RelanceError(.configuration, "\(path): invalid Mustache template: \(error)")
            }
        }
        self.templates = templates
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
        switch channel {
        case .email:
            guard let subject = templates["\(set).email.subject"], let text = templates["\(set).email.txt"] else {
                return nil
            }
            return RenderedContent(
                subject: subject.render(context).trimmingCharacters(in: .whitespacesAndNewlines),
                text: text.render(context), html: templates["\(set).email.html"]?.render(context))
        case .sms, .webhook:
            guard let text = templates["\(set).\(channel.rawValue).txt"] else { return nil }
            return RenderedContent(
                subject: nil, text: text.render(context).trimmingCharacters(in: .whitespacesAndNewlines), html: nil)
        }
    }

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

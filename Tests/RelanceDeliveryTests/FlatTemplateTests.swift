import Foundation
import RelanceCore
import Testing

@testable import RelanceDelivery

/// Reminder templates compiled flat render exactly as Mustache renders them; anything a flat
/// template lacks is left to Mustache.
@Suite("flat templates")
struct FlatTemplateTests {
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../config/templates").standardized.path
    static let values = [
        "first_name": "Marie-Hélène", "last_name": "de La Tour-d'Auvergne",
        "full_name": "Marie-Hélène de La Tour-d'Auvergne",
        "jobseeker_id": "1234567A", "period": "novembre 2026", "opening": "samedi 28 novembre 2026",
        "deadline": "mardi 15 décembre 2026", "days_left": "5", "days_left_text": "5 jours", "acts_count": "0",
    ]

    @Test("every shipped reminder template is flat, and renders as Mustache does, with and without names")
    func shippedTemplates() throws {
        let library = try TemplateLibrary(directory: Self.shipped)
        let reminderFiles = library.files.filter { !$0.hasPrefix("digest.") }
        #expect(reminderFiles.count >= 20)
        for file in reminderFiles { #expect(library.isFlat(file), "\(file)") }
        let anonymous = Self.values.filter { !$0.key.hasSuffix("_name") }
        for set in Set(reminderFiles.map { String($0.split(separator: ".")[0]) }) {
            for channel in Channel.allCases where library.has(set: set, channel: channel) {
                for values in [Self.values, anonymous] {
                    let flat = library.render(set: set, channel: channel, values: values)
                    let mustache = library.render(set: set, channel: channel, context: values)
                    #expect(flat?.subject == mustache?.subject && flat?.text == mustache?.text, "\(set) \(channel)")
                    #expect(flat?.html == mustache?.html, "\(set) \(channel)")
                }
            }
        }
    }

    @Test(
        "standalone lines, inverted and nested sections, comments, escaping: as Mustache",
        arguments: [
            ("a.email.txt", "Bonjour\n{{#full_name}}\n  {{full_name}}\n{{/full_name}}\nfin {{! note }}\n"),
            (
                "b.email.txt",
                "  {{^first_name}}  \nsans nom\n  {{/first_name}}\n{{#period}}{{#deadline}}{{deadline}}{{/deadline}}{{/period}}"
            ),
            ("c.email.html", "<p>{{last_name}} {{{last_name}}} {{& last_name}}</p>\r\n{{#x}}\r\n{{/x}}\r\n"),
            (
                "d.email.subject",
                "{{! a comment alone }}\n{{ period }} – {{days_left_text}}\n{{#missing}}jamais{{/missing}}"
            ),
        ])
    func tricky(_ file: String, _ source: String) throws {
        let folder = NSTemporaryDirectory() + "relance-flat-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try source.write(toFile: folder + "/" + file, atomically: true, encoding: .utf8)
        let library = try TemplateLibrary(directory: folder)
        #expect(library.isFlat(file))
        let compiled = try #require(FlatTemplate(source: TemplateLibrary.mustacheSource(file: file, text: source)))
        #expect(compiled.render(Self.values) == library.render(file: file, context: Self.values))
        let anonymous = Self.values.filter { !$0.key.hasSuffix("_name") }
        #expect(compiled.render(anonymous) == library.render(file: file, context: anonymous))
    }

    @Test(
        "lists, dotted names, the current item, partials and delimiters are left to Mustache",
        arguments: [
            "{{#cases}}{{.}}{{/cases}}", "{{a.b}}", "{{> footer}}", "{{=<% %>=}}", "{{#a}}unclosed",
            "{{/a}}", "{{#a}}{{/b}}", "{{unterminated", "x{{% CONTENT_TYPE: TEXT}}",
        ])
    func notFlat(_ source: String) {
        #expect(FlatTemplate(source: source) == nil)
    }
}

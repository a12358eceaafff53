import Foundation
import RelanceTestSupport
import Testing

/// doc/relance.1 is generated from the command definitions (`make man`): it must say what the
/// executable says of itself, every command and option with its help, and no option that is gone.
@Suite("man page")
struct ManPageTests {
    struct Dump: Decodable {
        let command: Command
    }

    struct Command: Decodable {
        let commandName: String
        let abstract: String?
        let arguments: [Argument]?
        let subcommands: [Command]?
    }

    struct Argument: Decodable {
        struct Name: Decodable {
            let kind: String
            let name: String
        }
        let names: [Name]?
        let abstract: String?
        let shouldDisplay: Bool
        let allValueDescriptions: [String: String]?
    }

    /// The help texts of a command and its subcommands, and their long option names.
    private static func collect(_ command: Command, texts: inout [String], options: inout Set<String>) {
        texts += [command.commandName] + (command.abstract.map { [$0] } ?? [])
        for argument in command.arguments ?? [] where argument.shouldDisplay {
            texts += argument.abstract.map { [$0] } ?? []
            texts += (argument.allValueDescriptions ?? [:]).flatMap { [$0.key, $0.value] }
            for name in argument.names ?? [] where name.kind == "long" { options.insert(name.name) }
        }
        for subcommand in command.subcommands ?? [] { collect(subcommand, texts: &texts, options: &options) }
    }

    @Test("doc/relance.1 is current: run make man after changing a command")
    func current() throws {
        let page = try String(contentsOfFile: Sandbox.repository + "/doc/relance.1", encoding: .utf8)
        let result = try Sandbox().run(["--experimental-dump-help"])
        #expect(result.status == 0)
        let dump = try JSONDecoder().decode(Dump.self, from: Data(result.stdout.utf8))
        var texts: [String] = []
        var options = Set<String>()
        Self.collect(dump.command, texts: &texts, options: &options)
        for text in texts {
            // The generator writes a backslash as \e.
            #expect(
                page.contains(text.replacingOccurrences(of: "\\", with: "\\e")), "missing from doc/relance.1: \(text)")
        }
        let documented = Set(
            page.split(separator: "\n").compactMap { line -> String? in
                guard let match = line.firstMatch(of: /^\.It Fl (?:h , )?-([a-z-]+)/) else { return nil }
                return String(match.1)
            })
        #expect(documented == options)
    }
}

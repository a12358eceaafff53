import RelanceCore

/// A Mustache template of the plain kind reminders use — text, variables (`{{name}}`,
/// `{{{name}}}`, `{{&name}}`), sections and inverted sections on a name, comments — compiled
/// once into literal runs and look-ups of a `[String: String]` context, so that rendering a
/// message costs no dynamic cast per variable (Mustache's renderer took a fifth of a live
/// delivery's time). A template with anything else (lists, dotted names, `.`, partials,
/// delimiters, pragmas other than a leading `{{% CONTENT_TYPE: TEXT}}`) is not compiled, and
/// the library renders it with Mustache.
///
/// Standalone tags follow the Mustache specification: a section, inverted section, closing or
/// comment tag alone on its line removes the line. The library only uses a compiled template
/// after checking that it renders exactly as Mustache does (``TemplateLibrary``).
struct FlatTemplate: Sendable {
    enum Part: Sendable {
        case text(String)
        case variable(String, escaped: Bool)
        /// Rendered when the name is present (`inverted`: when it is absent).
        case section(String, inverted: Bool, [Part])
    }

    let parts: [Part]
    /// Whether variables are HTML-escaped: unless the source starts with the text pragma.
    let escapes: Bool

    /// Compiles a template's Mustache source; nil when it uses something a flat template does
    /// not have.
    init?(source: String) {
        guard let tokens = Self.tokens(Array(source.unicodeScalars)) else { return nil }
        var escapes = true
        var stack: [(name: String, inverted: Bool, parts: [Part])] = [("", false, [])]
        for token in tokens {
            switch token {
            case .text(let text): stack[stack.count - 1].parts.append(.text(text))
            case .variable(let name, let escaped):
                stack[stack.count - 1].parts.append(.variable(name, escaped: escaped))
            case .open(let name, let inverted): stack.append((name, inverted, []))
            case .close(let name):
                guard stack.count > 1, let open = stack.popLast(), open.name == name else { return nil }
                stack[stack.count - 1].parts.append(.section(name, inverted: open.inverted, open.parts))
            case .comment: break
            case .textPragma: escapes = false
            }
        }
        guard stack.count == 1 else { return nil }
        parts = stack[0].parts
        self.escapes = escapes
    }

    /// The template rendered with `context`.
    func render(_ context: [String: String]) -> String {
        var out = ""
        append(parts, context, to: &out)
        return out
    }

    private func append(_ parts: [Part], _ context: [String: String], to out: inout String) {
        for part in parts {
            switch part {
            case .text(let text): out += text
            case .variable(let name, let escaped):
                guard let value = context[name] else { continue }
                if escapes && escaped { HTMLText.append(escaping: value, to: &out) } else { out += value }
            case .section(let name, let inverted, let inner):
                if (context[name] != nil) != inverted { append(inner, context, to: &out) }
            }
        }
    }
}

extension FlatTemplate {
    enum Token {
        case text(String)
        case variable(String, escaped: Bool)
        case open(String, inverted: Bool)
        case close(String)
        case comment
        /// `{{% CONTENT_TYPE: TEXT}}` at the very start: no escaping. Like a variable, it is never
        /// standalone, so a tag after it on the first line is not either.
        case textPragma

        /// Whether the tag removes its line when alone on it (never a variable, nor the pragma).
        var canStandAlone: Bool {
            switch self {
            case .open, .close, .comment: true
            case .text, .variable, .textPragma: false
            }
        }
    }

    /// The tokens of a source, standalone lines removed; nil for syntax a flat template lacks.
    static func tokens(_ source: [Unicode.Scalar]) -> [Token]? {
        var tokens: [Token] = []
        var text: [Unicode.Scalar] = []
        var index = 0
        func flushText() {
            if !text.isEmpty { tokens.append(.text(String(String.UnicodeScalarView(text)))) }
            text = []
        }
        while index < source.count {
            guard source[index] == "{", index + 1 < source.count, source[index + 1] == "{" else {
                text.append(source[index])
                index += 1
                continue
            }
            let triple = index + 2 < source.count && source[index + 2] == "{"
            let closing: [Unicode.Scalar] = triple ? ["}", "}", "}"] : ["}", "}"]
            let start = index + (triple ? 3 : 2)
            guard let end = find(closing, in: source, from: start) else { return nil }
            let body = String(String.UnicodeScalarView(source[start..<end])).trimmingSpaces
            let after = end + closing.count
            guard let sigil = body.unicodeScalars.first else { return nil }
            let name = triple ? body : String(body.dropFirst()).trimmingSpaces
            let token: Token
            switch sigil {
            case _ where triple: token = .variable(body, escaped: false)
            case "#": token = .open(name, inverted: false)
            case "^": token = .open(name, inverted: true)
            case "/": token = .close(name)
            case "!": token = .comment
            case "&": token = .variable(name, escaped: false)
            case "%" where index == 0 && name == "CONTENT_TYPE: TEXT": token = .textPragma
            case ">", "=", "%", "{", "$", "<": return nil
            default: token = .variable(body, escaped: true)
            }
            if case .variable(let variable, _) = token, !isPlainName(variable) { return nil }
            if case .open(let section, _) = token, !isPlainName(section) { return nil }
            var next = after
            if token.canStandAlone, let (lineStart, lineEnd) = standaloneLine(source, tag: index..<after, text: text) {
                text.removeLast(index - lineStart)
                next = lineEnd
            }
            flushText()
            tokens.append(token)
            index = next
        }
        flushText()
        return tokens
    }

    /// When the tag at `tag` is alone on its line (only spaces or tabs around it): where the
    /// line starts and where the next one does.
    private static func standaloneLine(_ source: [Unicode.Scalar], tag: Range<Int>, text: [Unicode.Scalar])
        -> (Int, Int)?
    {
        var lineStart = tag.lowerBound
        while lineStart > 0, source[lineStart - 1] == " " || source[lineStart - 1] == "\t" { lineStart -= 1 }
        guard lineStart == 0 || source[lineStart - 1] == "\n", tag.lowerBound - lineStart <= text.count else {
            return nil
        }
        var lineEnd = tag.upperBound
        while lineEnd < source.count, source[lineEnd] == " " || source[lineEnd] == "\t" { lineEnd += 1 }
        if lineEnd == source.count { return (lineStart, lineEnd) }
        if source[lineEnd] == "\n" { return (lineStart, lineEnd + 1) }
        if source[lineEnd] == "\r", lineEnd + 1 < source.count, source[lineEnd + 1] == "\n" {
            return (lineStart, lineEnd + 2)
        }
        return nil
    }

    private static func find(_ needle: [Unicode.Scalar], in source: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= source.count {
            if source[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// A name of letters, digits and underscores (no dots, no `.`).
    private static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy {
                $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0)
            }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}

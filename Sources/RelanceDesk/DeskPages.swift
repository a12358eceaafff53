import Foundation
import Hummingbird
import Mustache
import RelanceCore

/// The desk's Mustache templates and style sheet, bundled with the target, and the headers every
/// page carries (SPEC 14): a strict `Content-Security-Policy`, `Cache-Control: no-store`.
struct DeskPages: Sendable {
    let library: MustacheLibrary
    let styleSheet: ByteBuffer

    /// The headers of every desk answer.
    static let securityHeaders: HTTPFields = [
        HTTPFields.Element.Name("Content-Security-Policy")!:
            "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
        .cacheControl: "no-store",
        HTTPFields.Element.Name("X-Content-Type-Options")!: "nosniff",
        HTTPFields.Element.Name("X-Frame-Options")!: "DENY",
        HTTPFields.Element.Name("Referrer-Policy")!: "no-referrer",
    ]

    /// Loads the bundled templates.
    ///
    /// - Throws: ``RelanceError`` (`runtime`) when the bundle lacks them or one does not parse.
    init() throws {
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("templates"),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path),
            let css = FileManager.default.contents(
                atPath: Bundle.module.resourceURL!.appendingPathComponent("static/desk.css").path)
        else { throw RelanceError(.runtime, "the desk's templates are missing from the installation") }
        var library = MustacheLibrary()
        for name in names where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            do {
                try library.register(text, named: String(name.dropLast(".mustache".count)))
            } catch {
                throw RelanceError(.runtime, "desk template \(name): \(error)")
            }
        }
        self.library = library
        styleSheet = ByteBuffer(bytes: css)
    }

    /// A page rendered from a template, with the security headers.
    func page(_ template: String, _ context: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let html = library.render(context, withTemplate: template) ?? ""
        var headers = Self.securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// A simple page: a title, a sentence and a link.
    func message(
        _ title: String, _ text: String, link: String = "/desk/sign-in", linkLabel: String = "Se connecter",
        status: HTTPResponse.Status, person: [String: Any]? = nil
    ) -> Response {
        var context: [String: Any] = ["title": title, "text": text, "link": link, "link_label": linkLabel]
        context["person"] = person
        return page("message", context, status: status)
    }

    /// A redirection after a form (303 See Other).
    func redirect(to location: String, cookie: Cookie? = nil) -> Response {
        var headers = Self.securityHeaders
        headers[.location] = location
        var response = Response(status: .seeOther, headers: headers)
        if let cookie { response.setCookie(cookie) }
        return response
    }

    /// The style sheet (`/desk/static/desk.css`).
    var css: Response {
        var headers = Self.securityHeaders
        headers[.contentType] = "text/css; charset=utf-8"
        headers[.cacheControl] = "public, max-age=3600"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: styleSheet))
    }
}

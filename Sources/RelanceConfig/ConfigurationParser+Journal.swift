import RelanceCore

extension ConfigurationParser {
    /// `journal`: `min_acts`, and either `obligations` or their short form `required_departments`
    /// (SPEC section 16). Ranges must be `from < until` and must not overlap.
    func parseJournal(_ node: ConfigNode) throws -> JournalRules {
        let members = try node.mapping(allowed: ["min_acts", "required_departments", "obligations"])
        var obligations: [JournalObligation] = []
        if let short = members["required_departments"] {
            if members["obligations"] != nil {
                diagnostics.record(short.error("set either 'required_departments' or 'obligations', not both"))
            }
            if let codes = short.read({ try departmentCodes($0) }) {
                obligations = [
                    JournalObligation(id: "required_departments", from: nil, until: nil, coverage: .departments(codes))
                ]
            }
        } else if let list = members["obligations"]?.read({ try $0.items() }) {
            obligations = checkedObligations(list)
        }
        return JournalRules(
            minActs: members["min_acts"]?.read { try $0.int(in: 0...1000) } ?? 1,
            obligations: JournalObligations(obligations))
    }

    /// `report`: `min_cell`.
    func parseReport(_ node: ConfigNode) throws -> ReportSettings {
        let members = try node.mapping(allowed: ["min_cell"])
        return ReportSettings(minCell: members["min_cell"]?.read { try $0.int(in: 1...1000) } ?? 11)
    }

    /// The obligations that parse, with an error for an id used twice or a range overlapping an
    /// earlier obligation's.
    private func checkedObligations(_ nodes: [ConfigNode]) -> [JournalObligation] {
        var accepted: [JournalObligation] = []
        for node in nodes {
            guard let obligation = node.read(parseObligation) else { continue }
            if accepted.contains(where: { $0.id == obligation.id }) {
                diagnostics.record((node.member("id") ?? node).error("obligation id '\(obligation.id)' is used twice"))
            } else if let other = accepted.first(where: { $0.overlaps(obligation) }) {
                diagnostics.record(
                    node.error("the periods of '\(obligation.id)' overlap those of '\(other.id)': one rule per period"))
            }
            accepted.append(obligation)
        }
        return accepted
    }

    private func parseObligation(_ node: ConfigNode) throws -> JournalObligation {
        let members = try node.mapping(allowed: ["id", "from", "until", "departments", "regions"])
        let id = node.require(members, "id") { node in
            let id = try node.string()
            guard !id.isEmpty,
                id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") })
            else { throw node.error("must match [a-z0-9_-]+") }
            return id
        }
        let from = members["from"]?.read(period)
        let until = members["until"]?.read(period)
        if let from, let until, until <= from {
            diagnostics.record(members["until"]!.error("\(until) is not after from (\(from))"))
        }
        let covered = try coverage(of: node, members)
        guard let id, members["from"] == nil || from != nil, members["until"] == nil || until != nil, let covered
        else { throw ConfigNode.Recorded() }
        return JournalObligation(id: id, from: from, until: until, coverage: covered)
    }

    /// `departments: [...]`, `regions: [...]` (their departments are added together) or
    /// `regions: all`.
    private func coverage(of node: ConfigNode, _ members: [String: ConfigNode]) throws -> JournalObligation.Coverage? {
        guard members["departments"] != nil || members["regions"] != nil else {
            throw node.error("needs 'departments' or 'regions' (a list of region slugs, or all)")
        }
        var codes = Set<String>()
        if let regions = members["regions"] {
            if regions.node.scalar?.string == "all" {
                if members["departments"] != nil {
                    diagnostics.record(regions.error("'all' already covers every department: drop 'departments'"))
                }
                return .all
            }
            guard let slugs = regions.read({ try regionDepartments($0) }) else { return nil }
            codes.formUnion(slugs)
        }
        if let departments = members["departments"] {
            guard let listed = departments.read({ try departmentCodes($0) }) else { return nil }
            codes.formUnion(listed)
        }
        return .departments(codes)
    }

    private func period(_ node: ConfigNode) throws -> Period {
        let text = try node.string()
        guard let period = Period(text), text.count == 7 else { throw node.error("must be a period YYYY-MM") }
        return period
    }

    /// A list of department codes of SPEC section 2; each unknown one is an error naming its item.
    private func departmentCodes(_ node: ConfigNode) throws -> Set<String> {
        var failed = false
        let codes = try node.items().compactMap { item in
            let code = item.read { item in
                let code = try item.string()
                guard Territory(department: code) != nil else { throw item.error("'\(code)' is not a department code") }
                return code
            }
            if code == nil { failed = true }
            return code
        }
        guard !failed else { throw ConfigNode.Recorded() }
        return Set(codes)
    }

    /// The departments of a list of region slugs; an unknown slug is an error with the nearest one.
    private func regionDepartments(_ node: ConfigNode) throws -> Set<String> {
        var failed = false
        var codes = Set<String>()
        for item in try node.items() {
            let departments = item.read { item in
                let slug = try item.string()
                guard let departments = Region.departments[slug] else {
                    let known = Set(Region.departments.keys)
                    let hint = KeySuggestion.nearest(to: slug, among: known).map { " (did you mean '\($0)'?)" } ?? ""
                    throw item.error(
                        "'\(slug)' is not a region\(hint): one of \(known.sorted().joined(separator: ", ")) or all")
                }
                return departments
            }
            if let departments { codes.formUnion(departments) } else { failed = true }
        }
        guard !failed else { throw ConfigNode.Recorded() }
        return codes
    }
}

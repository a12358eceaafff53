/// The 18 regions of France by slug, with their departments (SPEC section 16). 975, 977 and 978
/// belong to no region.
public enum Region {
    /// Every region's departments, by slug.
    public static let departments: [String: [String]] = [
        "auvergne-rhone-alpes": ["01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"],
        "bourgogne-franche-comte": ["21", "25", "39", "58", "70", "71", "89", "90"],
        "bretagne": ["22", "29", "35", "56"],
        "centre-val-de-loire": ["18", "28", "36", "37", "41", "45"],
        "corse": ["2A", "2B"],
        "grand-est": ["08", "10", "51", "52", "54", "55", "57", "67", "68", "88"],
        "hauts-de-france": ["02", "59", "60", "62", "80"],
        "ile-de-france": ["75", "77", "78", "91", "92", "93", "94", "95"],
        "normandie": ["14", "27", "50", "61", "76"],
        "nouvelle-aquitaine": ["16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87"],
        "occitanie": ["09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"],
        "pays-de-la-loire": ["44", "49", "53", "72", "85"],
        "provence-alpes-cote-d-azur": ["04", "05", "06", "13", "83", "84"],
        "guadeloupe": ["971"],
        "martinique": ["972"],
        "guyane": ["973"],
        "la-reunion": ["974"],
        "mayotte": ["976"],
    ]

    /// Every department code of SPEC section 2, in the order of the codes (2A and 2B after 19).
    public static let allDepartments: [String] =
        (1...95).compactMap { number -> [String]? in
            if number == 20 { return ["2A", "2B"] }
            let code = number < 10 ? "0\(number)" : "\(number)"
            return Territory(department: code) == nil ? nil : [code]
        }.flatMap { $0 } + ["971", "972", "973", "974", "975", "976", "977", "978"]
}

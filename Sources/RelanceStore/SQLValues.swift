import RelanceCore

extension [String] {
    /// The strings as a JSON array, for `json_each(?)`: how a list is bound as one SQL parameter.
    var jsonArray: String { JSON.array(map(JSON.string)).serialized }
}

extension [Territory] {
    /// The territory keys as a JSON array, for `territory IN (SELECT value FROM json_each(?))`.
    var jsonKeys: String { map(\.key).jsonArray }
}

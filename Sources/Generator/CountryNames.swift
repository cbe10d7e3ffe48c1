import Foundation

/// English country names by ISO 3166-1 alpha-2 code, from Debian's `iso-codes` data. Without
/// that file (or with an unreadable one) every country is shown by its code.
struct CountryNames: Sendable, Equatable {
    /// Where Debian's `iso-codes` package puts the ISO 3166-1 list.
    static let debianPath = "/usr/share/iso-codes/json/iso_3166-1.json"

    private var names: [String: String] = [:]

    /// No names: every country is shown by its code.
    init() {}

    /// The names in the `iso-codes` JSON file at `path`; none when it is absent or unreadable.
    init(path: String) {
        self.init(json: FileManager.default.contents(atPath: path) ?? Data())
    }

    /// The names in `iso-codes` JSON (`{"3166-1": [{"alpha_2", "name", "common_name"?}]}`);
    /// the common name ("South Korea") is preferred to the formal one ("Korea, Republic of").
    init(json: Data) {
        struct Entry: Decodable {
            var code: String
            var name: String
            var commonName: String?
            enum CodingKeys: String, CodingKey {
                case name
                case code = "alpha_2"
                case commonName = "common_name"
            }
        }
        struct File: Decodable {
            var entries: [Entry]
            enum CodingKeys: String, CodingKey { case entries = "3166-1" }
        }
        guard let file = try? JSONDecoder().decode(File.self, from: json) else { return }
        for entry in file.entries {
            names[entry.code] = entry.commonName ?? entry.name
        }
    }

    /// The name of the country `code`, or the code itself when it has none.
    func name(_ code: String) -> String { names[code] ?? code }
}

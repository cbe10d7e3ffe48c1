import Content
import Foundation
import Generator
import Model
import Store
import TestSupport
import XCTest

/// `api/v1/openapi.json`: the site's `templates/api/openapi.json` byte for byte, whose component
/// schemas are the JSON Schemas of `docs/schema`; it goes when its source goes.
final class OpenAPIFileTests: XCTestCase {
    let site = TestSite()
    let db = TestDatabase()

    private func build(full: Bool = false) throws -> BuildSummary {
        let configuration = try ConfigurationLoader.load(root: site.root)
        return try SiteGenerator(configuration: configuration, database: db.database)
            .build(
                BuildOptions(
                    root: site.root, output: site.output, now: Timestamp(iso8601: "2026-11-26T22:00:00Z"), full: full))
    }

    private var source: URL { site.root.appendingPathComponent("templates/api/openapi.json") }
    private var published: URL { site.output.appendingPathComponent("api/v1/openapi.json") }

    func testTheBuildPublishesTheShippedDocumentAsItIs() throws {
        _ = try build()
        let shipped = try Data(contentsOf: PackageRoot.url.appendingPathComponent("templates/api/openapi.json"))
        XCTAssertEqual(try Data(contentsOf: published), shipped)
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: shipped) as? [String: Any])
        XCTAssertEqual(document["openapi"] as? String, "3.1.0")
        let paths = try XCTUnwrap(document["paths"] as? [String: Any])
        for path in [
            "/summary.json", "/services/{slug}.json", "/services/{slug}/history.json", "/services/{slug}/history.csv",
        ] {
            XCTAssertNotNil(paths[path], "\(path) is described")
        }
    }

    func testTheComponentSchemasAreTheSchemaFiles() throws {
        let document = try JSONSerialization.jsonObject(
            with: Data(contentsOf: PackageRoot.url.appendingPathComponent("templates/api/openapi.json")))
        let schemas = try XCTUnwrap(
            ((document as? [String: Any])?["components"] as? [String: Any])?["schemas"] as? [String: Any])
        for (name, file) in [("Service", "service"), ("Summary", "summary"), ("History", "history")] {
            let schema = try JSONSerialization.jsonObject(
                with: Data(contentsOf: PackageRoot.url.appendingPathComponent("docs/schema/\(file).schema.json")))
            let expected = Self.component(schema, name: name)
            XCTAssertEqual(
                schemas[name] as? NSDictionary, expected as? NSDictionary,
                "components/schemas/\(name) differs from docs/schema/\(file).schema.json: run scripts/openapi_document.py --write"
            )
        }
    }

    func testTheDocumentGoesWhenItsSourceGoesAndAnUnchangedOneIsNotRewritten() throws {
        _ = try build()
        let firstWrite = site.modified("api/v1/openapi.json")
        Thread.sleep(forTimeInterval: 0.05)
        _ = try build(full: true)
        XCTAssertEqual(site.modified("api/v1/openapi.json"), firstWrite, "an unchanged document keeps its time")
        try FileManager.default.removeItem(at: source)
        _ = try build()
        XCTAssertFalse(FileManager.default.fileExists(atPath: published.path))
    }

    func testABrokenDocumentFailsTheBuildNamingTheFile() throws {
        try Data("{\"openapi\": ".utf8).write(to: source)
        XCTAssertThrowsError(try build()) { error in
            XCTAssertTrue("\(error)".contains("templates/api/openapi.json:1: not a JSON object"), "\(error)")
        }
    }

    /// A schema file as the component `name`: without `$id` and `$schema`, its local references
    /// pointed at its place in the document.
    static func component(_ value: Any, name: String) -> Any {
        if let object = value as? [String: Any] {
            var result: [String: Any] = [:]
            for (key, item) in object where key != "$id" && key != "$schema" {
                if key == "$ref", let reference = item as? String, reference.hasPrefix("#/") {
                    result[key] = "#/components/schemas/\(name)/" + reference.dropFirst(2)
                } else {
                    result[key] = component(item, name: name)
                }
            }
            return result
        }
        if let array = value as? [Any] { return array.map { component($0, name: name) } }
        return value
    }
}

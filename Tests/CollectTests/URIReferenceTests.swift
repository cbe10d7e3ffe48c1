import XCTest

@testable import Collect

/// Reference resolution against RFC 3986 §5.4's own examples.
final class URIReferenceTests: XCTestCase {
    private let base = "http://a/b/c/d;p?q"

    func testNormalExamples() {
        let examples: [(String, String)] = [
            ("g:h", "g:h"), ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"), ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q#s"), ("g#s", "http://a/b/c/g#s"), ("g?y#s", "http://a/b/c/g?y#s"),
            (";x", "http://a/b/c/;x"), ("g;x", "http://a/b/c/g;x"), ("g;x?y#s", "http://a/b/c/g;x?y#s"),
            ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"), ("./", "http://a/b/c/"), ("..", "http://a/b/"),
            ("../", "http://a/b/"), ("../g", "http://a/b/g"), ("../..", "http://a/"), ("../../", "http://a/"),
            ("../../g", "http://a/g"),
        ]
        for (reference, expected) in examples {
            XCTAssertEqual(URIReference.resolve(reference, against: base), expected, reference)
        }
    }

    func testAbnormalExamples() {
        let examples: [(String, String)] = [
            ("../../../g", "http://a/g"), ("../../../../g", "http://a/g"), ("/./g", "http://a/g"),
            ("/../g", "http://a/g"), ("g.", "http://a/b/c/g."), (".g", "http://a/b/c/.g"), ("g..", "http://a/b/c/g.."),
            ("..g", "http://a/b/c/..g"), ("./../g", "http://a/b/g"), ("./g/.", "http://a/b/c/g/"),
            ("g/./h", "http://a/b/c/g/h"), ("g/../h", "http://a/b/c/h"), ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
            ("g;x=1/../y", "http://a/b/c/y"), ("g?y/./x", "http://a/b/c/g?y/./x"),
            ("g?y/../x", "http://a/b/c/g?y/../x"),
            ("g#s/./x", "http://a/b/c/g#s/./x"), ("g#s/../x", "http://a/b/c/g#s/../x"), ("http:g", "http:g"),
        ]
        for (reference, expected) in examples {
            XCTAssertEqual(URIReference.resolve(reference, against: base), expected, reference)
        }
    }

    func testTheFolderRedirectKeepsItsSlash() {
        // Python's http.server answers `/inc` with `Location: /inc/`.
        XCTAssertEqual(
            URIReference.resolve("/inc/", against: "http://127.0.0.1:8000/inc"), "http://127.0.0.1:8000/inc/")
        XCTAssertEqual(SafeLink.absoluteHTTP("/inc/", base: "http://127.0.0.1:8000/inc"), "http://127.0.0.1:8000/inc/")
    }

    func testSplittingFollowsAppendixB() {
        let parts = URIReference(parsing: "https://user@host:8080/p/a/t/h?query=1#frag")
        XCTAssertEqual(parts.scheme, "https")
        XCTAssertEqual(parts.authority, "user@host:8080")
        XCTAssertEqual(parts.path, "/p/a/t/h")
        XCTAssertEqual(parts.query, "query=1")
        XCTAssertEqual(parts.fragment, "frag")
        XCTAssertNil(URIReference(parsing: "1http:x").scheme, "a scheme starts with a letter")
        XCTAssertNil(URIReference(parsing: "./java script:x").scheme)
    }
}

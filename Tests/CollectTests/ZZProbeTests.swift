import XCTest
@testable import Collect

final class ZZProbeTests: XCTestCase {
    func testProbe() {
        for source in ["<p>x<li>y</li>z</p>w", "<p>x<li>y</li>z</p>w<p>v</p>", "<b>x<li>y</li>z</b>w", "<span>a<li>b</li>c</span>d",
                       "<p>a</p>b</p>c", "<a>x<a>y</a>z</a>w", "<p>a<_x>b", "<p>a<#b", "<ul>a<li>b</li>c</ul>d", "<li>a</li>b<li>c</li>d", "<ol><li>a<li>b</li></ol>"] {
            print("PROBE", source.debugDescription, FeedContent.readWithLibXML(source, limits: .standard))
        }
    }
}

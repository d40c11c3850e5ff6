import XCTest

final class LuaKitTestsPlaceholder: XCTestCase {}

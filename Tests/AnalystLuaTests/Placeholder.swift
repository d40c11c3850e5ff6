import XCTest

final class AnalystLuaTestsPlaceholder: XCTestCase {}

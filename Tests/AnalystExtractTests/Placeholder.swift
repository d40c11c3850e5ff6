import XCTest

final class AnalystExtractTestsPlaceholder: XCTestCase {}

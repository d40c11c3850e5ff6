import XCTest

final class AnalystCLITestsPlaceholder: XCTestCase {}

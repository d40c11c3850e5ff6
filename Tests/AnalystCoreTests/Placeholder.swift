import XCTest

final class AnalystCoreTestsPlaceholder: XCTestCase {}

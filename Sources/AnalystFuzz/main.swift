import AnalystFuzzKit
import Foundation

exit(FuzzMain.run(CommandLine.arguments))

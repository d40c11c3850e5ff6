import AnalystCLI
import Foundation

exit(AnalystCLI.main(CommandLine.arguments))

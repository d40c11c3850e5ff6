// Scaffold until the runner lands (this commit only sets up the package).
public enum AnalystCLI {
    public static func main(_ arguments: [String]) -> Int32 { 70 }
}

/// The golden texts of `GoldenTests` (regenerate from the file the failing test names).
enum GoldenReport {
    static let markdown = ""
    static let trendSVG = ""
}

/// The checks of a file's week that look beyond its rows: the date in its name and the
/// programme's reporting weekday.
///
/// ## The date in a file's name
///
/// A file name carries a date when its name, without folders and extension, holds exactly
/// one calendar date written `YYYY-MM-DD` or `DD-MM-YYYY`, with `-`, `_` or `.` between
/// the parts (the same separator twice), and no digit right before or after it:
/// `2026-12-04.csv`, `laporan_2026-12-04.xlsx`, `NTB 04-12-2026.csv` carry 2026-12-04;
/// `minggu-49.csv` carries none; a name holding two different dates carries none (it is
/// not checked). `YYYYMMDD` without separators is not read: eight digits are as often a
/// number as a date.
///
/// ## The reporting weekday
///
/// The programme's files are dated on one weekday (Friday in the bundled data and the
/// simulated worlds). The usual day is not fixed in the code: it is the weekday most of
/// the stored weeks fall on (ties go to the weekday of the latest of them), so a programme
/// that reports on Mondays gets Monday. With no stored week there is nothing to compare
/// with, and no warning.
public enum ReportWeek {
    /// The date the file name `name` carries (see the type's rules), or `nil`.
    ///
    /// - Complexity: O(n) for n characters of the name.
    public static func dateInFileName(_ name: String) -> Day? {
        var base = Substring(name)
        if let slash = base.lastIndex(where: { $0 == "/" || $0 == "\\" }) {
            base = base[base.index(after: slash)...]
        }
        if let dot = base.lastIndex(of: "."), dot != base.startIndex { base = base[..<dot] }
        let chars = Array(base.utf8)
        var found: Set<Day> = []
        func isDigit(_ i: Int) -> Bool { i >= 0 && i < chars.count && chars[i] >= 0x30 && chars[i] <= 0x39 }
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from >= 0, from + count <= chars.count else { return nil }
            var v = 0
            for i in from..<(from + count) {
                guard isDigit(i) else { return nil }
                v = v * 10 + Int(chars[i] - 0x30)
            }
            return v
        }
        let separators: Set<UInt8> = [0x2D, 0x5F, 0x2E]  // - _ .
        for start in chars.indices where isDigit(start) && !isDigit(start - 1) {
            // Both forms are ten characters long: 4-2-2 and 2-2-4.
            let end = start + 10
            guard end <= chars.count, !isDigit(end) else { continue }
            if let y = number(start, 4), separators.contains(chars[start + 4]),
               chars[start + 7] == chars[start + 4],
               let m = number(start + 5, 2), let d = number(start + 8, 2),
               let day = Day(year: y, month: m, day: d)
            {
                found.insert(day)
            } else if let d = number(start, 2), separators.contains(chars[start + 2]),
                      chars[start + 5] == chars[start + 2],
                      let m = number(start + 3, 2), let y = number(start + 6, 4),
                      let day = Day(year: y, month: m, day: d)
            {
                found.insert(day)
            }
        }
        return found.count == 1 ? found.first : nil
    }

    /// The usual reporting weekday of `dates` (ISO: 1 = Monday … 7 = Sunday): the weekday
    /// most of them fall on, ties going to the weekday of the latest date among the tied;
    /// `nil` when `dates` is empty.
    ///
    /// - Complexity: O(n).
    public static func usualWeekday(of dates: [Day]) -> Int? {
        var counts = [Int](repeating: 0, count: 8)
        var latest = [Day?](repeating: nil, count: 8)
        for d in dates {
            let w = d.isoWeekday
            counts[w] += 1
            if latest[w].map({ d > $0 }) ?? true { latest[w] = d }
        }
        guard let top = counts.max(), top > 0 else { return nil }
        return (1...7).filter { counts[$0] == top }.max { (latest[$0] ?? Day(daysSinceEpoch: 0)) < (latest[$1] ?? Day(daysSinceEpoch: 0)) }
    }

    /// The English name of an ISO weekday (1 = Monday … 7 = Sunday).
    public static func weekdayName(_ isoWeekday: Int) -> String {
        let names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        return names[max(1, min(7, isoWeekday)) - 1]
    }

    /// The error of a file whose `tanggal_laporan` is not `expected`, the date of the
    /// file's name or of `--week` (`source` says which).
    public static func mismatch(_ file: SnapshotFile, expected: Day, source: DateSource) -> SnapshotFileError {
        let hint: String
        switch source {
        case .fileName:
            hint = "\(expected.iso), the date in the file's name; correct tanggal_laporan, "
                + "or give --week \(file.reportDate.iso) if the name is what is wrong"
        case .option:
            hint = "\(expected.iso), the week given with --week"
        }
        return SnapshotFileError(fileName: file.fileName, issues: [
            SnapshotIssue(
                .fileNameDate, file: file.fileName, line: nil, column: "tanggal_laporan",
                value: file.reportDate.iso, expected: hint),
        ])
    }

    /// Where the week a file must hold comes from.
    public enum DateSource: Sendable {
        /// The date in the file's name.
        case fileName
        /// The week given on the command line.
        case option
    }

    /// The warning for a file dated `date` when the stored weeks `stored` (other weeks
    /// than `date`) usually fall on another weekday; `nil` when the day is the usual one
    /// or nothing is stored.
    public static func weekdayWarning(date: Day, stored: [Day], fileName: String) -> SnapshotIssue? {
        guard let usual = usualWeekday(of: stored.filter { $0 != date }), usual != date.isoWeekday else {
            return nil
        }
        return SnapshotIssue(
            .unusualWeekday, file: fileName, line: nil, column: "tanggal_laporan",
            value: "\(date.iso) (\(weekdayName(date.isoWeekday)))",
            expected: "a \(weekdayName(usual)), the usual reporting day of the stored weeks")
    }
}

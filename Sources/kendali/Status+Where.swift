import KendaliData

extension Status {
    /// The status narrowed by `--where`: the unit the clause names is found among the units
    /// of its level (names as `UnitMatcher` matches them), then the status is computed at
    /// the finer of `--level` and the clause's level and keeps the units inside it, with
    /// their total.
    ///
    /// - Throws: ``CLIError`` when no week is on or before the as-of date, or no single unit
    ///   matches (an ambiguous name lists the matches).
    func runWhere(_ whereClause: String, rules ruleSet: RuleSet) throws {
        let (key, value) = try UnitMatcher.parseWhere(whereClause)
        var history: SnapshotHistory?
        func compute(_ level: AdminLevel) throws -> StatusReport {
            let found: StatusReport?
            if let db = source.db {
                // Only the weeks the status needs are read from the store.
                let asOf = source.asOfDay
                found = try source.reading { () throws(SnapshotHistoryError) in
                    try StatusReport.compute(store: db, asOf: asOf, level: level, rules: ruleSet)
                }
            } else {
                if history == nil { history = try source.loadHistory() }
                found = history.flatMap { StatusReport.compute(history: $0, asOf: source.asOfDay, level: level, rules: ruleSet) }
            }
            guard let found else {
                throw CLIError("no week on or before \(source.asOf ?? "the latest date") in the \(source.sourceDescription)")
            }
            return found
        }
        let atKey = try compute(key)
        let scope: AdminUnit
        do {
            scope = try UnitMatcher(units: atKey.units.map { ($0.unit, $0.name) }, level: key).match(value)
        } catch {
            throw CLIError("--where \(whereClause): " + error.description)
        }
        // The finer level: the smaller depth.
        let finer = min(level.adminLevel, key)
        let report = Self.narrowed(finer == key ? atKey : try compute(finer), to: scope)
        try emit(report)
    }

    /// `report` with only the units inside `scope` and their total.
    static func narrowed(_ report: StatusReport, to scope: AdminUnit) -> StatusReport {
        var out = report
        let codes = scope.codeRange
        out.units = report.units.filter { codes.contains($0.unit.codeRange.lowerBound) }
        var total = StatusUnit(unit: report.total.unit, name: report.total.name, current: StatusCounts(),
                               previous: StatusCounts(), changes: ZoneChangeCounts())
        for u in out.units {
            total.current = total.current + u.current
            total.previous = total.previous + u.previous
            total.changes = total.changes + u.changes
        }
        out.total = total
        return out
    }
}

import KendaliData

/// The construction rows of a panel: every pair of consecutive weekly reports whose
/// earlier report is under construction (`tahap` = pembangunan with a progress value).
///
/// `increment` is the later progress minus the earlier one, in points; when the later
/// report says the building is finished (`tahap` ≥ selesai) it is `100 − previous`, what was
/// left (the work of that week was at least that: ``DelayFactorModel`` fits its expectation
/// given so, ``DelayFactorModel/expectedCompletingWork(beta:groups:speeds:noise:)``). The
/// flags are the later report's (the week the work was done in). Pairs separated by a
/// missing report are not used, nor those whose later report is disputed on site
/// (`status_lahan` = sengketa under construction: ``SiteDisputes``).
public struct ConstructionSample: Sendable {
    /// Cooperative index (into the panel) of each row.
    public var cooperative: [Int32] = []
    /// Week index of the later report of each row.
    public var week: [Int32] = []
    /// Progress at the earlier report, points 0–100.
    public var previous: [Double] = []
    /// Weekly increment, points (may be negative: reporting noise).
    public var increment: [Double] = []
    /// The four `kendala_*` flags of the later report as bits 0–3 (``DelayFactor`` order).
    public var flags: [UInt8] = []
    /// True when the later report is the completion (`tahap` ≥ selesai).
    public var completes: [Bool] = []

    /// Number of rows.
    public var count: Int { previous.count }

    /// The land code of a dispute (`sengketa`): a week whose later report is disputed on a
    /// building site is left out (``SiteDisputes``).
    static let disputed = StatusLahan.sengketa.code

    /// The rows of `panel` with the later report in weeks 1…`upTo`.
    ///
    /// - Complexity: O(cooperatives × weeks): one scan of the panel's cells, writing into
    ///   arrays allocated once (at most one row per construction cell).
    public init(panel: Panel, upTo: Int) {
        let w = panel.weekCount
        let last = min(upTo, w - 1)
        guard last >= 1 else { return }
        let cooperatives = panel.cooperativeCount
        // Every row's earlier report is a distinct cell under construction.
        let bound = panel.tahap.withUnsafeBufferPointer { tahap in
            // Branch-free (vectorised) count, 32-bit lanes over chunks of 2²⁰ cells.
            let building = UInt8(bitPattern: Tahap.pembangunan.code)
            var count = 0
            for start in stride(from: 0, to: tahap.count, by: 1 << 20) {
                var chunk: UInt32 = 0
                for t in UnsafeBufferPointer(rebasing: tahap[start..<min(tahap.count, start + (1 << 20))]) {
                    chunk &+= UInt32(truncatingIfNeeded: UInt8(bitPattern: t) ^ building == 0 ? 1 : 0)
                }
                count += Int(chunk)
            }
            return count
        }
        guard bound > 0 else { return }
        var cooperative = [Int32](repeating: 0, count: bound)
        var week = [Int32](repeating: 0, count: bound)
        var previous = [Double](repeating: 0, count: bound)
        var increment = [Double](repeating: 0, count: bound)
        var rowFlags = [UInt8](repeating: 0, count: bound)
        var completes = [Bool](repeating: false, count: bound)
        var n = 0
        panel.present.withUnsafeBufferPointer { present in
        panel.tahap.withUnsafeBufferPointer { tahap in
        panel.progress.withUnsafeBufferPointer { progress in
        panel.flags.withUnsafeBufferPointer { flags in
        panel.lahan.withUnsafeBufferPointer { lahan in
        cooperative.withUnsafeMutableBufferPointer { coopOut in
        week.withUnsafeMutableBufferPointer { weekOut in
        previous.withUnsafeMutableBufferPointer { previousOut in
        increment.withUnsafeMutableBufferPointer { incrementOut in
        rowFlags.withUnsafeMutableBufferPointer { flagsOut in
        completes.withUnsafeMutableBufferPointer { completesOut in
            for i in 0..<cooperatives {
                let base = i &* w
                for t in 1...last {
                    let c0 = base &+ t &- 1
                    // A week disputed on site is not a delay factor's (``SiteDisputes``).
                    guard n < bound,
                          let row = Self.row(c0, present: present, tahap: tahap, progress: progress),
                          lahan[c0 + 1] != Self.disputed
                    else { continue }
                    coopOut[n] = Int32(i)
                    weekOut[n] = Int32(t)
                    previousOut[n] = row.previous
                    incrementOut[n] = row.increment
                    flagsOut[n] = UInt8(truncatingIfNeeded: flags[c0 + 1] & 0xF)
                    completesOut[n] = row.completes
                    n &+= 1
                }
            }
        }}}}}}}}}}}
        let excess = bound - n
        cooperative.removeLast(excess)
        week.removeLast(excess)
        previous.removeLast(excess)
        increment.removeLast(excess)
        rowFlags.removeLast(excess)
        completes.removeLast(excess)
        self.cooperative = cooperative
        self.week = week
        self.previous = previous
        self.increment = increment
        self.flags = rowFlags
        self.completes = completes
    }

    /// Whether the six arrays hold one entry per row, every cooperative index lies in
    /// `0..<cooperatives` and every week is ≥ 0: what the unchecked loops over the rows
    /// (``DelayFactorModel/fit()``, ``SpeedEstimates``) rely on. Always true of a sample
    /// built from a panel.
    func isConsistent(cooperatives: Int) -> Bool {
        let n = count
        guard cooperative.count == n, week.count == n, increment.count == n, flags.count == n,
              completes.count == n
        else { return false }
        guard n > 0 else { return true }
        var low = Int32.max, high = Int32.min, lowWeek = Int32.max
        for c in cooperative { low = min(low, c); high = max(high, c) }
        for t in week { lowWeek = min(lowWeek, t) }
        return low >= 0 && Int(high) < cooperatives && lowWeek >= 0
    }

    /// The row whose earlier report is cell `c0` (the later one is `c0 + 1`), `nil` when
    /// the pair is not a construction row.
    @inline(__always)
    private static func row(
        _ c0: Int, present: UnsafeBufferPointer<UInt8>, tahap: UnsafeBufferPointer<Int8>,
        progress: UnsafeBufferPointer<Float>
    ) -> (previous: Double, increment: Double, completes: Bool)? {
        // `tahap` first: most cells are not under construction.
        let c1 = c0 + 1
        guard tahap[c0] == Tahap.pembangunan.code, present[c0] == 1, present[c1] == 1, !progress[c0].isNaN
        else { return nil }
        let p0 = min(100, max(0, Double(progress[c0])))
        guard p0 < 100 else { return nil }
        let t1 = tahap[c1]
        if t1 >= Tahap.selesai.code { return (p0, 100 - p0, true) }
        guard t1 == Tahap.pembangunan.code, !progress[c1].isNaN else { return nil }
        return (p0, Double(progress[c1]) - p0, false)
    }
}

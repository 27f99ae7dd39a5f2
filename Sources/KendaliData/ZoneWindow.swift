/// What the zone rules look at in the earlier reports of many cooperatives: the stage and
/// physical progress of each one's last `capacity` reports (one window per cooperative,
/// numbered 0 ..< `count`).
///
/// A pass over many weeks keeps these windows instead of the last reports themselves: no
/// record (with its strings) is copied and no array is shifted per report. With `capacity`
/// at least the rule set's `zoneLookbackReports`, `ZoneClassifier.classify(_:after:in:)`
/// gives exactly what `zone(history:at:)` and `redReason(history:at:)` give on the
/// cooperative's full history.
///
/// Memory: O(count × capacity), in three flat arrays.
public struct ZoneWindows: Sendable {
    /// The stage and progress of one earlier report.
    public struct Step: Sendable, Equatable {
        /// `tahap`.
        public var tahap: Tahap
        /// `progres_fisik`, percent; `nil` when not reported.
        public var progresFisik: Double?
        /// `omzet_bulanan`, rupiah, for a health rule; `nil` when not reported.
        public var omzetBulanan: Int64?
        /// `unit_usaha_aktif`, for a health rule.
        public var unitUsahaAktif: Int

        /// A step as given.
        public init(tahap: Tahap, progresFisik: Double?, omzetBulanan: Int64? = nil, unitUsahaAktif: Int = 0) {
            self.tahap = tahap
            self.progresFisik = progresFisik
            self.omzetBulanan = omzetBulanan
            self.unitUsahaAktif = unitUsahaAktif
        }
    }

    /// The most reports remembered per cooperative (at least 1).
    public let capacity: Int
    /// Each window's ring of steps: window `w` uses `steps[w × capacity ..< (w + 1) × capacity]`.
    private var steps: [Step]
    /// Each window's oldest remembered step, an offset in its ring.
    private var starts: [Int32]
    /// Each window's remembered steps, 0 … `capacity`.
    private var filled: [Int32]

    /// `count` empty windows remembering up to `capacity` reports each.
    ///
    /// - Complexity: O(count × capacity).
    public init(count: Int, capacity: Int) {
        let capacity = max(1, min(capacity, Int(Int32.max)))
        self.capacity = capacity
        steps = Array(
            repeating: Step(tahap: .terdaftar, progresFisik: nil), count: max(0, count) * capacity)
        starts = Array(repeating: 0, count: max(0, count))
        filled = Array(repeating: 0, count: max(0, count))
    }

    /// The number of windows.
    public var count: Int { starts.count }

    /// The reports remembered in window `window`, 0 … `capacity`.
    ///
    /// - Complexity: O(1).
    public func remembered(_ window: Int) -> Int { Int(filled[window]) }

    /// The remembered report `back` positions from the end of window `window`: 1 is the
    /// newest, 2 the one before it, and so on.
    ///
    /// - Precondition: `1 ≤ back ≤ remembered(window)`.
    /// - Complexity: O(1).
    public func step(_ window: Int, back: Int) -> Step {
        let n = Int(filled[window])
        precondition(back >= 1 && back <= n, "window position out of range")
        var i = Int(starts[window]) + n - back
        if i >= capacity { i -= capacity }
        return steps[window * capacity + i]
    }

    /// Remembers `record` as the newest report of window `window`, forgetting the oldest
    /// when full.
    ///
    /// - Complexity: O(1).
    public mutating func append(_ record: SnapshotRecord, to window: Int) {
        let step = Step(
            tahap: record.tahap, progresFisik: record.progresFisik, omzetBulanan: record.omzetBulanan,
            unitUsahaAktif: record.unitUsahaAktif)
        let n = Int(filled[window])
        let start = Int(starts[window])
        if n < capacity {
            var i = start + n
            if i >= capacity { i -= capacity }
            steps[window * capacity + i] = step
            filled[window] = Int32(n + 1)
        } else {
            steps[window * capacity + start] = step
            starts[window] = start + 1 == capacity ? 0 : Int32(start + 1)
        }
    }
}

extension ZoneClassifier {
    /// The zone of `record` and, when it is red, the rule that makes it red, given the
    /// cooperative's earlier reports remembered in window `window` of `windows` (not
    /// including `record`).
    ///
    /// The same as `zone(history:at:)` and `redReason(history:at:)` on the history ending
    /// with `record`; the red reason is `nil` exactly when the zone is not red.
    ///
    /// - Precondition: `windows.capacity ≥ rules.zoneLookbackReports` (a programming error
    ///   otherwise, not a property of the data).
    /// - Complexity: O(`rules.zoneLookbackReports`).
    public func classify(_ record: SnapshotRecord, after window: Int, in windows: ZoneWindows)
        -> (zone: Zone, redReason: RedReason?)
    {
        classify(record.zoneInputs, stalled: {
            precondition(
                windows.capacity >= rules.stallWindowReports,
                "the windows must hold the rule set's stall window")
            return isStalled(record, earlierReports: windows.remembered(window)) { back in
                let step = windows.step(window, back: back)
                return (step.tahap, step.progresFisik)
            }
        }, falling: {
            precondition(
                windows.capacity >= rules.zoneLookbackReports,
                "the windows must hold the rule set's health window")
            guard let check = zoneHealthCheck else { return false }
            let assessment = check.assess(record, earlierReports: windows.remembered(window)) { back in
                let step = windows.step(window, back: back)
                return (step.omzetBulanan, step.unitUsahaAktif)
            }
            return assessment?.isFalling ?? false
        })
    }
}

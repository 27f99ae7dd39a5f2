extension CooperativeCode {
    /// The codes nearest to `kode`, at most `limit`: those at the smallest edit
    /// distance between the two 10-digit strings (optimal string alignment: an inserted,
    /// deleted or changed digit, or two neighbouring digits swapped, each count 1), then
    /// the numerically closest, then the lower code. Codes more than 3 edits away are not
    /// suggested.
    ///
    /// Reference: F. J. Damerau, "A technique for computer detection and correction of
    /// spelling errors", Communications of the ACM 7(3), 1964, doi:10.1145/363958.363994.
    ///
    /// - Complexity: O(n) for n codes (a 10×10 table each, abandoned early
    ///   when already too far).
    public static func nearest(to kode: CooperativeCode, among codes: [CooperativeCode], limit: Int = 3)
        -> [CooperativeCode]
    {
        let target = Self.digits(kode)
        var best: [(distance: Int, gap: Int64, kode: CooperativeCode)] = []
        var bound = 3
        for code in codes {
            let d = Self.editDistance(target, Self.digits(code), bound: bound)
            guard d <= bound else { continue }
            best.append((d, abs(code.value - kode.value), code))
            if best.count > 4 * limit {
                best.sort { ($0.distance, $0.gap, $0.kode.value) < ($1.distance, $1.gap, $1.kode.value) }
                best.removeLast(best.count - limit)
                bound = best.last?.distance ?? bound
            }
        }
        best.sort { ($0.distance, $0.gap, $0.kode.value) < ($1.distance, $1.gap, $1.kode.value) }
        return best.prefix(limit).map(\.kode)
    }

    /// The ten decimal digits of a code.
    static func digits(_ kode: CooperativeCode) -> [UInt8] {
        var v = kode.value
        var out = [UInt8](repeating: 0, count: 10)
        for i in stride(from: 9, through: 0, by: -1) {
            out[i] = UInt8(v % 10)
            v /= 10
        }
        return out
    }

    /// The optimal-string-alignment distance between `a` and `b`; any value above `bound`
    /// once every entry of a row exceeds it.
    static func editDistance(_ a: [UInt8], _ b: [UInt8], bound: Int) -> Int {
        let n = a.count, m = b.count
        var before = [Int](repeating: 0, count: m + 1)
        var previous = Array(0...m)
        var current = [Int](repeating: 0, count: m + 1)
        for i in 1...n {
            current[0] = i
            var rowMin = current[0]
            for j in 1...m {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    v = min(v, before[j - 2] + 1)
                }
                current[j] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > bound { return bound + 1 }
            (before, previous, current) = (previous, current, before)
        }
        return previous[m]
    }
}

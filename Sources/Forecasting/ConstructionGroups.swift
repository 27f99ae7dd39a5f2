import KendaliData
import LinearAlgebra
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
/// The sufficient statistics of ``DelayFactorModel``'s rows for (h, θ) at fixed speeds.
///
/// Rows are grouped by g = k·16 + f, k the node interval of h holding the earlier progress
/// and f the four flag bits; a row's mean is `m_f · (a h_k + b h_k+1)` with `a = s(1 − w)`,
/// `b = s·w`, w its position in the interval and `m_f = Π_j θ_j^f_j`. Per group the six sums
/// Σa², Σab, Σb², Σa·Δp, Σb·Δp, ΣΔp² give the sum of squares and the normal equations
/// exactly (up to rounding) for any (h, θ); Σa and Σb give `Σ s·h(p)`.
struct ConstructionGroups: Sendable {
    /// Flag combinations (4 bits).
    static let flagCombinations = 16
    /// Sums kept per group: Σa², Σab, Σb², Σa·Δp, Σb·Δp, ΣΔp², Σa, Σb.
    static let width = 8
    /// Nodes of h.
    let nNodes: Int
    /// Group of each row.
    let rowGroup: [UInt16]
    /// Position of each row's earlier progress in its node interval, 0–1.
    let rowWeight: [Double]
    /// Rows of each group.
    let groupRows: [Int]
    /// Rows of each flag combination.
    let rowsPerFlags: [Int]
    /// The rows ordered by group (in sample order within one): group g holds positions
    /// `groupStart[g]..<groupStart[g + 1]`.
    let groupStart: [Int]
    /// w, Δp and the cooperative of the rows in group order (Δp of a completing row as
    /// last set by ``setCompletingIncrements(_:)``).
    let sortedWeight: [Double], sortedCooperative: [Int32]
    private(set) var sortedIncrement: [Double]
    /// The rows that complete (``ConstructionSample/completes``), in sample order, and the
    /// position of each in group order.
    let completingRows: [Int32], completingPositions: [Int32]
    /// Per group, ``width`` sums at the speeds of the last ``accumulate(cooperativeSpeed:)``.
    private(set) var sums: [Double]

    /// Groups (node intervals × flag combinations).
    var groupCount: Int { (nNodes - 1) * ConstructionGroups.flagCombinations }

    /// The groups of `sample`'s rows, h with `nNodes` nodes evenly spaced on 0–100; the sums
    /// are those of every speed 1. `sample` must be consistent
    /// (``ConstructionSample/isConsistent(cooperatives:)``).
    init(sample: ConstructionSample, nNodes: Int) {
        self.nNodes = nNodes
        let n = sample.count
        let step = 100.0 / Double(nNodes - 1)
        let groupCount = (nNodes - 1) * ConstructionGroups.flagCombinations
        var rowGroup = [UInt16](repeating: 0, count: n)
        var rowWeight = [Double](repeating: 0, count: n)
        var groupRows = [Int](repeating: 0, count: groupCount)
        var groupStart = [Int](repeating: 0, count: groupCount + 1)
        var sortedWeight = [Double](repeating: 0, count: n)
        var sortedIncrement = [Double](repeating: 0, count: n)
        var sortedCooperative = [Int32](repeating: 0, count: n)
        sample.previous.withUnsafeBufferPointer { previous in
        sample.flags.withUnsafeBufferPointer { flags in
        rowGroup.withUnsafeMutableBufferPointer { rowGroup in
        rowWeight.withUnsafeMutableBufferPointer { rowWeight in
        groupRows.withUnsafeMutableBufferPointer { groupRows in
            for r in 0..<n {
                // The node interval and position of ``ProgressRateCurve`` on the even grid.
                // w = p/step − k: the subtraction is exact, so w is (p − k·step)/step up to
                // the rounding of p/step (one division instead of two).
                let q = previous[r] / step
                let k = min(nNodes - 2, max(0, Int(q)))
                let w = min(1, max(0, q - Double(k)))
                let g = k * ConstructionGroups.flagCombinations + Int(flags[r] & 0xF)
                rowGroup[r] = UInt16(g)
                rowWeight[r] = w
                groupRows[g] += 1
            }
        }}}}}
        var rowsPerFlags = [Int](repeating: 0, count: ConstructionGroups.flagCombinations)
        for g in 0..<groupCount {
            rowsPerFlags[g & 15] += groupRows[g]
            groupStart[g + 1] = groupStart[g] + groupRows[g]
        }
        var cursor = Array(groupStart.dropLast())
        var completingRows: [Int32] = []
        var completingPositions: [Int32] = []
        sample.increment.withUnsafeBufferPointer { increment in
        sample.cooperative.withUnsafeBufferPointer { cooperative in
        sample.completes.withUnsafeBufferPointer { completes in
        rowGroup.withUnsafeBufferPointer { rowGroup in
        rowWeight.withUnsafeBufferPointer { rowWeight in
        cursor.withUnsafeMutableBufferPointer { cursor in
        sortedWeight.withUnsafeMutableBufferPointer { sortedWeight in
        sortedIncrement.withUnsafeMutableBufferPointer { sortedIncrement in
        sortedCooperative.withUnsafeMutableBufferPointer { sortedCooperative in
            for r in 0..<n {
                let g = Int(rowGroup[r])
                let j = cursor[g]
                cursor[g] = j + 1
                sortedWeight[j] = rowWeight[r]
                sortedIncrement[j] = increment[r]
                sortedCooperative[j] = cooperative[r]
                if completes[r] {
                    completingRows.append(Int32(r))
                    completingPositions.append(Int32(j))
                }
            }
        }}}}}}}}}
        self.rowGroup = rowGroup
        self.rowWeight = rowWeight
        self.groupRows = groupRows
        self.rowsPerFlags = rowsPerFlags
        self.groupStart = groupStart
        self.sortedWeight = sortedWeight
        self.sortedIncrement = sortedIncrement
        self.sortedCooperative = sortedCooperative
        self.completingRows = completingRows
        self.completingPositions = completingPositions
        sums = []
        accumulate(cooperativeSpeed: nil)
    }

    /// Sets the increments of the completing rows (``completingRows`` order) to `values`,
    /// their expected work given that it finished the building (``DelayFactorModel``); the
    /// sums change at the next ``accumulate(cooperativeSpeed:)``.
    mutating func setCompletingIncrements(_ values: [Double]) {
        precondition(values.count == completingPositions.count, "ConstructionGroups: one value per completing row")
        for (k, j) in completingPositions.enumerated() { sortedIncrement[Int(j)] = values[k] }
    }

    /// Recomputes the group sums with the speeds `cooperativeSpeed[i]` of the rows'
    /// cooperatives (`nil`: every speed 1): one pass over the rows, group by group.
    mutating func accumulate(cooperativeSpeed: [Double]?) {
        let width = ConstructionGroups.width
        var sums = [Double](repeating: 0, count: groupCount * width)
        sortedWeight.withUnsafeBufferPointer { weight in
        sortedIncrement.withUnsafeBufferPointer { increment in
        sortedCooperative.withUnsafeBufferPointer { cooperative in
        sums.withUnsafeMutableBufferPointer { sums in
            for g in 0..<groupCount {
                let lo = groupStart[g], hi = groupStart[g + 1]
                guard lo < hi else { continue }
                var saa = 0.0, sab = 0.0, sbb = 0.0, sad = 0.0, sbd = 0.0, sdd = 0.0, sa = 0.0, sb = 0.0
                if let cooperativeSpeed {
                    for j in lo..<hi {
                        let s = cooperativeSpeed[Int(cooperative[j])]
                        let w = weight[j]
                        let a = s * (1 - w)
                        let b = s * w
                        let d = increment[j]
                        saa += a * a; sab += a * b; sbb += b * b
                        sad += a * d; sbd += b * d; sdd += d * d
                        sa += a; sb += b
                    }
                } else {
                    for j in lo..<hi {
                        let w = weight[j]
                        let a = 1 - w
                        let b = w
                        let d = increment[j]
                        saa += a * a; sab += a * b; sbb += b * b
                        sad += a * d; sbd += b * d; sdd += d * d
                        sa += a; sb += b
                    }
                }
                let o = g * width
                sums[o] = saa; sums[o + 1] = sab; sums[o + 2] = sbb
                sums[o + 3] = sad; sums[o + 4] = sbd; sums[o + 5] = sdd
                sums[o + 6] = sa; sums[o + 7] = sb
            }
        }}}}
        self.sums = sums
    }

    /// Σa and Σb of group `g` (at the speeds of the last accumulation).
    func linearSums(group g: Int) -> (a: Double, b: Double) {
        (sums[g * ConstructionGroups.width + 6], sums[g * ConstructionGroups.width + 7])
    }

    /// Per flag combination f (16): `m[f] = Π_j θ_j^f_j` and `other[f·4 + j]` the same
    /// product without θ_j, each multiplied in factor order from 1 (θ_j = `beta[nNodes + j]`).
    static func multipliers(_ beta: [Double], nNodes: Int) -> (m: [Double], other: [Double]) {
        var m = [Double](repeating: 1, count: 16)
        var other = [Double](repeating: 1, count: 64)
        for f in 0..<16 {
            for j in 0..<4 where f & (1 << j) != 0 { m[f] *= beta[nNodes + j] }
            for j in 0..<4 {
                for l in 0..<4 where l != j && f & (1 << l) != 0 { other[f * 4 + j] *= beta[nNodes + l] }
            }
        }
        return (m, other)
    }

    /// The penalised sum of squares at `beta` (h node values then θ):
    /// `Σ_r (Δp_r − μ_r)² + 3 Σ_k (h_k − 100/18)²`, per group
    /// `ΣΔp² − 2m (h_k Σa·Δp + h_k+1 Σb·Δp) + m² (h_k² Σa² + 2 h_k h_k+1 Σab + h_k+1² Σb²)`.
    func sse(_ beta: [Double]) -> Double {
        let m = ConstructionGroups.multipliers(beta, nNodes: nNodes).m
        var acc = 0.0
        for g in 0..<groupCount where groupRows[g] > 0 {
            let k = g >> 4
            let mg = m[g & 15]
            let o = g * ConstructionGroups.width
            let h0 = beta[k], h1 = beta[k + 1]
            let sumHD = h0 * sums[o + 3] + h1 * sums[o + 4]
            let sumHH = h0 * (h0 * sums[o] + h1 * sums[o + 1]) + h1 * (h0 * sums[o + 1] + h1 * sums[o + 2])
            acc += sums[o + 5] - 2 * mg * sumHD + mg * mg * sumHH
        }
        for k in 0..<nNodes {
            let d = beta[k] - DelayFactorModel.plannedRate
            acc += DelayFactorModel.priorRows * d * d
        }
        return acc
    }

    /// The normal equations at `beta`: JᵀJ (p × p row-major, lower triangle `jtj[a·p + b]`,
    /// a ≥ b; the upper one zero) and Jᵀr, r the residuals, with the prior's terms when
    /// `prior`. The Jacobian columns of θ's not `active` are zero.
    ///
    /// Per group, with `A = Σa·h̃`, `B = Σb·h̃`, `Q = Σh̃²` (h̃ = a h_k + b h_k+1 = s·h) and
    /// `c_j = Π_{l≠j} θ_l^f_l`, JᵀJ gets `m² Σa²`, `m² Σab`, `m² Σb²` (nodes), `m c_j A`,
    /// `m c_j B` (node × θ_j), `c_i c_j Q` (θ_i × θ_j) and Jᵀr `m (Σa·Δp − m A)`,
    /// `m (Σb·Δp − m B)`, `c_j (h_k Σa·Δp + h_k+1 Σb·Δp − m Q)`.
    func normalEquations(_ beta: [Double], active: [Bool], prior: Bool = true) -> (jtj: [Double], jtr: [Double]) {
        let p = beta.count
        let tables = ConstructionGroups.multipliers(beta, nNodes: nNodes)
        var jtj = [Double](repeating: 0, count: p * p)
        var jtr = [Double](repeating: 0, count: p)
        for g in 0..<groupCount where groupRows[g] > 0 {
            let o = g * ConstructionGroups.width
            let saa = sums[o], sab = sums[o + 1], sbb = sums[o + 2], sad = sums[o + 3], sbd = sums[o + 4]
            let k = g >> 4
            let f = g & 15
            let m = tables.m[f]
            let h0 = beta[k], h1 = beta[k + 1]
            let mm = m * m
            jtj[k * p + k] += mm * saa
            jtj[(k + 1) * p + k] += mm * sab
            jtj[(k + 1) * p + k + 1] += mm * sbb
            let sumA = h0 * saa + h1 * sab
            let sumB = h0 * sab + h1 * sbb
            let sumQ = h0 * sumA + h1 * sumB
            jtr[k] += m * (sad - m * sumA)
            jtr[k + 1] += m * (sbd - m * sumB)
            let sumHE = h0 * sad + h1 * sbd - m * sumQ
            for j in 0..<4 where active[j] && f & (1 << j) != 0 {
                let cj = tables.other[f * 4 + j]
                let row = (nNodes + j) * p
                jtj[row + k] += m * cj * sumA
                jtj[row + k + 1] += m * cj * sumB
                for i in 0...j where active[i] && f & (1 << i) != 0 {
                    jtj[row + nNodes + i] += cj * tables.other[f * 4 + i] * sumQ
                }
                jtr[nNodes + j] += cj * sumHE
            }
        }
        if prior {
            for k in 0..<nNodes {
                jtj[k * p + k] += DelayFactorModel.priorRows
                jtr[k] += DelayFactorModel.priorRows * (DelayFactorModel.plannedRate - beta[k])
            }
        }
        return (jtj, jtr)
    }
}

import Foundation
import KendaliData
import Testing

@testable import Forecasting

/// The counts the stage models are fitted from, against a count report by report, and the
/// start-capacity likelihood's capacity terms against the per-week law.
@Suite("Stage counts and the queue likelihood")
struct StageCountsTests {
    @Test("the items' co-occurrence counts from mask pairs equal a count report by report (bundled province)")
    func itemCoOccurrence() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let panel = Panel(history: try SnapshotHistory.load(folder: root.path + "/datasets/ntb/snapshots"))
        let last = panel.weekCount - 1
        let counts = StageCounts.count(panel: panel, last: last)
        var holding = [Double](repeating: 0, count: 6), lacking = holding
        var holdingWithout = [[Double]](repeating: holding, count: 6)
        var givenN = holdingWithout, givenX = holdingWithout
        var reports = 0.0
        let items = Panel.Bit.adminItems
        for i in 0..<panel.cooperativeCount {
            let first = Int(panel.firstWeek[i])
            guard first >= 0, first < last else { continue }
            for t in (first + 1)...last {
                let c1 = panel.cell(i, t), c0 = c1 - 1
                guard panel.present[c1] == 1, panel.present[c0] == 1 else { continue }
                let f0 = panel.flags[c0], f1 = panel.flags[c1]
                for k in 0..<6 where f0 & items[k] == 0 {
                    for j in 0..<6 where j != k && f0 & items[j] != 0 {
                        givenN[k][j] += 1
                        if f1 & items[k] != 0 { givenX[k][j] += 1 }
                    }
                }
                reports += 1
                for k in 0..<6 {
                    if f1 & items[k] == 0 { lacking[k] += 1; continue }
                    holding[k] += 1
                    for j in 0..<6 where j != k && f1 & items[j] == 0 { holdingWithout[k][j] += 1 }
                }
            }
        }
        #expect(reports > 1_000)
        #expect(counts.reports == reports)
        #expect(counts.holding == holding)
        #expect(counts.lacking == lacking)
        #expect(counts.holdingWithout == holdingWithout)
        #expect(counts.givenN == givenN)
        #expect(counts.givenX == givenX)
        #expect(givenX.joined().reduce(0, +) > 100)
        #expect(holdingWithout.joined().reduce(0, +) > 100)
    }

    @Test("the queue likelihood with its capacity terms computed once is the per-week law's sum")
    func queueTerms() {
        let weeks = [(12, 3), (15, 4), (20, 4), (9, 1), (30, 5), (7, 7), (4, 0)].enumerated().map {
            StartWeek(week: $0.offset + 1, waiting: $0.element.0, starts: $0.element.1)
        }
        let block = BlockLikelihood(weeks)
        for c in [0.5, 3.7, 4.2, 40] {
            let terms = block.capacityTerms(c)
            for p in [0.05, 0.2, 0.6] {
                let perWeek = weeks.reduce(0.0) {
                    $0 + StartCapacityLikelihood.queue(starts: $1.starts, waiting: $1.waiting, p: p, capacity: c)
                }
                #expect(abs(block.queue(p: p, terms: terms) - perWeek) < 1e-9 * max(1, abs(perWeek)))
                #expect(block.queue(p: p, terms: terms) == block.queue(p: p, capacity: c))
            }
        }
    }
}

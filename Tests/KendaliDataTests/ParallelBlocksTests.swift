import Testing
import KendaliData

/// `parallelBlocks`: every item in exactly one block, blocks contiguous and in order,
/// whatever the number of blocks asked for.
@Suite("Parallel blocks")
struct ParallelBlocksTests {
    @Test("blocks cover 0..<count once, in order, at most one per item", arguments: [
        (0, 4), (1, 8), (7, 3), (100, 1), (100, 7), (5, 64), (1000, 0),
    ])
    func cover(count: Int, blocks: Int) {
        let ranges = parallelBlocks(count: count, blocks: blocks) { $0 }
        #expect(ranges.count == max(1, min(blocks, count)))
        #expect(ranges.first?.lowerBound == 0)
        #expect(ranges.last?.upperBound == count)
        for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
        if count > 0 { #expect(ranges.allSatisfy { !$0.isEmpty }) }
        // A result joined in block order is the serial one.
        let sums = parallelBlocks(count: count, blocks: blocks) { r in r.map { $0 * $0 } }
        #expect(sums.flatMap { $0 } == (0..<count).map { $0 * $0 })
    }
}

import Testing
@testable import Estimation

/// Sample quantiles and the Theil–Sen slope against R.
///
/// ```r
/// quantile(c(1, 2, 3, 4), c(0.25, 0.5, 0.75))            # 1.75 2.50 3.25 (type 7)
/// quantile(c(15, 20, 35, 40, 50), c(0.1, 0.4, 0.9))      # 17.0 29.0 46.0
/// # Theil–Sen: median of pairwise slopes, e.g. mblm::mblm(y ~ x, repeated = FALSE)
/// x <- 0:4; y <- c(1, 3, 2, 5, 100)                        # slope 2.5
/// ```
@Suite("Robust statistics")
struct RobustStatisticsTests {
    @Test func quantilesType7() throws {
        let q = RobustStatistics.quantiles([4, 1, 3, 2], [0.25, 0.5, 0.75])
        #expect(q == [1.75, 2.5, 3.25])
        let r = RobustStatistics.quantiles([15, 20, 35, 40, 50], [0.1, 0.4, 0.9])
        #expect(zip(r.compactMap { $0 }, [17.0, 29.0, 46.0]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(RobustStatistics.quantile([7], 0.25) == 7)
        #expect(RobustStatistics.quantile([], 0.5) == nil)
        #expect(RobustStatistics.median([1, .nan, 3]) == 2)
    }

    @Test func theilSenSlope() throws {
        let slope = try #require(RobustStatistics.theilSenSlope(x: [0, 1, 2, 3, 4], y: [1, 3, 2, 5, 100]))
        #expect(abs(slope - 2.5) < 1e-12)
        #expect(RobustStatistics.theilSenSlope(x: [1, 1], y: [0, 5]) == nil)
        #expect(RobustStatistics.theilSenSlope(x: [0, 2], y: [0, 5]) == 2.5)
    }
}

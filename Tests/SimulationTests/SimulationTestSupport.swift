import Foundation
import KendaliData
import Simulation
import Testing

/// Paths and shared worlds for the simulation tests.
enum SimulationFixtures {
    /// The package root, found from this file's path (`Tests/SimulationTests/…`).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // SimulationTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root

    /// The bundled NTB dataset, `<package root>/datasets/ntb`.
    static let bundledDataset = packageRoot.appendingPathComponent("datasets/ntb", isDirectory: true)

    /// The Kemendagri village list of NTB, kept in the project at
    /// `<package root>/datasets/reference/wilayah-ntb/villages.csv` (columns
    /// `code,name,parent_code`; codes dotted, `52.01.01.2001`).
    static let referenceVillages = packageRoot
        .appendingPathComponent("datasets/reference/wilayah-ntb/villages.csv")

    /// The world of the bundled dataset (seed `bundledSeed`, NTB, 70 weeks), simulated once.
    static let bundledWorld: SimulatedWorld? = try? WorldSimulator.simulate(
        SimulationConfiguration(seed: SimulationConfiguration.bundledSeed))

    /// A test failure with a message.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The bundled world, or a thrown failure.
    static func world() throws -> SimulatedWorld {
        guard let w = bundledWorld else { throw Failure(description: "bundled world did not simulate") }
        return w
    }

    /// The index of `date` among the world's report dates.
    static func week(_ world: SimulatedWorld, _ y: Int, _ m: Int, _ d: Int) throws -> Int {
        guard let day = Day(year: y, month: m, day: d), let i = world.reportDates.firstIndex(of: day)
        else { throw Failure(description: "\(y)-\(m)-\(d) is not a report date") }
        return i
    }

    /// A new empty temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("kendali-sim-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Counts of one written week of one province, as a dashboard would show them.
struct WeekCounts {
    /// Reports present.
    var present = 0
    /// `tahap` portal or later.
    var portalOrLater = 0
    /// `tahap` = pembangunan.
    var underConstruction = 0
    /// `tahap` = portal with `status_lahan` ≠ siap.
    var portalLandNotReady = 0
    /// `tahap` selesai or beroperasi.
    var finished = 0

    init(_ p: ProvinceSimulation, week: Int) {
        for i in p.cooperatives.indices {
            let r = p.report(cooperative: i, week: week)
            guard r.isPresent else { continue }
            present += 1
            if r.tahap >= .portal { portalOrLater += 1 }
            if r.tahap == .pembangunan { underConstruction += 1 }
            if r.tahap == .portal && r.statusLahan != .siap { portalLandNotReady += 1 }
            if r.tahap >= .selesai { finished += 1 }
        }
    }
}

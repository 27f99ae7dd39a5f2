import Dispatch
import KendaliData

/// What to simulate: the seed, how many provinces, which weeks to write.
public struct SimulationConfiguration: Sendable, Hashable {
    /// The seed; the same seed and configuration give the same world, byte for byte, on
    /// any number of threads.
    public var seed: UInt64
    /// Number of provinces, 1 (NTB alone) … ``maximumProvinces``. NTB (52) is always
    /// one of them; see ``ProvinceCodes/world(count:)``.
    public var provinces: Int
    /// The first report date written.
    public var start: Day
    /// Number of weekly reports written (every 7 days from `start`).
    public var weeks: Int
    /// The generative process's constants.
    public var model: ModelParameters
    /// Weeks simulated at least, from the first simulated week (default
    /// ``defaultCapWeeks``, five years): a cooperative not green by then has no green
    /// date. A smaller cap only cuts the truth short; the written reports are the same.
    public var capWeeks: Int
    /// Construction starts a regency can make a week (``RationedStarts``), or `nil` for no
    /// limit (every cooperative ready starts at its own hazard).
    public var startCapacity: Double?

    /// The first report of the world (Friday 1 August 2025): the state at this date is
    /// the drawn initial state, and the calibration refers to it.
    public static let origin = Day.known(2025, 8, 1)
    /// The seed of the bundled NTB dataset (`datasets/ntb`).
    public static let bundledSeed: UInt64 = 2715
    /// The default number of weeks: 2025-08-01 … 2026-11-27.
    public static let defaultWeeks = 70
    /// The largest number of weeks that may be written.
    public static let maximumWeeks = 520
    /// The largest number of provinces (every 2-digit code 11…99).
    public static var maximumProvinces: Int { ProvinceCodes.all.count }
    /// The default cap: five years of weeks. A cooperative not green by then has no green
    /// date ("never" within the cap).
    public static let defaultCapWeeks = 261

    /// A configuration; the defaults give the bundled NTB dataset's shape.
    public init(seed: UInt64, provinces: Int = 1, start: Day = SimulationConfiguration.origin,
                weeks: Int = SimulationConfiguration.defaultWeeks,
                model: ModelParameters = .calibrated,
                capWeeks: Int = SimulationConfiguration.defaultCapWeeks, startCapacity: Double? = nil) {
        self.seed = seed
        self.provinces = provinces
        self.start = start
        self.weeks = weeks
        self.model = model
        self.capWeeks = capWeeks
        self.startCapacity = startCapacity
    }

    /// Checks the counts.
    ///
    /// - Throws: ``SimulationError/invalidProvinceCount(_:maximum:)`` or
    ///   ``SimulationError/invalidWeekCount(_:maximum:)``.
    public func validate() throws(SimulationError) {
        guard (1...Self.maximumProvinces).contains(provinces) else {
            throw .invalidProvinceCount(provinces, maximum: Self.maximumProvinces)
        }
        guard (1...Self.maximumWeeks).contains(weeks) else {
            throw .invalidWeekCount(weeks, maximum: Self.maximumWeeks)
        }
    }

    /// The first simulated week: the latest date on `start`'s 7-day grid that is not after
    /// ``origin`` (or `start` itself when it is earlier). Weeks between it and `start` are
    /// simulated but not written, so a later `start` shows the same world, not a new one.
    public var firstSimulatedDate: Day {
        let gap = start.days(to: Self.origin)  // positive when start is earlier
        if gap >= 0 { return start }
        // Rounded up, so that the first simulated week is not after the origin.
        let back = Self.origin.weeks(to: start, rounding: .up)
        return start.adding(days: -7 * back)
    }

    /// Index of the first written week among the simulated weeks (a whole number of weeks
    /// after the first simulated one, so the rounding never acts).
    public var outputStartWeek: Int { firstSimulatedDate.weeks(to: start, rounding: .down) }

    /// Number of simulated weeks: to the cap, or further when the written weeks reach
    /// beyond it.
    public var simulatedWeeks: Int { max(capWeeks, outputStartWeek + weeks) }

    /// The written report dates.
    public var reportDates: [Day] { (0..<weeks).map { start.adding(days: 7 * $0) } }
}

/// An error of the simulator.
public enum SimulationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The number of provinces is outside 1…maximum.
    case invalidProvinceCount(Int, maximum: Int)
    /// The number of weeks is outside 1…maximum.
    case invalidWeekCount(Int, maximum: Int)
    /// A directory could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// A file could not be written.
    case cannotWriteFile(path: String, reason: String)

    /// A one-line message.
    public var description: String {
        switch self {
        case .invalidProvinceCount(let n, let maximum):
            "number of provinces \(n) is outside 1…\(maximum)"
        case .invalidWeekCount(let n, let maximum):
            "number of weeks \(n) is outside 1…\(maximum)"
        case .cannotCreateDirectory(let path, let reason):
            "\(path): cannot create the directory: \(reason)"
        case .cannotWriteFile(let path, let reason):
            "\(path): cannot write the file: \(reason)"
        }
    }
}

/// The province codes a world draws from.
public enum ProvinceCodes {
    /// The 38 real Indonesian province codes (Kemendagri, 2022 onwards).
    public static let real: [Int] = [
        11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63,
        64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96,
    ]

    /// Every code in the order they are taken: NTB (52), the other real codes, then the
    /// unused 2-digit codes 11…99 as synthetic provinces.
    public static let all: [Int] = {
        var codes = [NTBStructure.provinceCode]
        codes += real.filter { $0 != NTBStructure.provinceCode }
        codes += (11...99).filter { !real.contains($0) }
        return codes
    }()

    /// The codes of a world of `count` provinces, ascending.
    ///
    /// - Precondition: `count` is in 1…`all.count`.
    public static func world(count: Int) -> [Int] {
        precondition((1...all.count).contains(count), "province count out of range")
        return all.prefix(count).sorted()
    }
}

/// One cooperative of a simulated province with the names written with its reports.
public struct SimulatedCooperative: Sendable, Hashable {
    /// Its village (code, name, desa or kelurahan).
    public var village: SimulatedVillage
    /// The district name (`kecamatan`).
    public var kecamatan: String
    /// The regency name (`kabupaten`).
    public var kabupaten: String
    /// The 2-digit regency suffix (1…8, 71, 72).
    public var regencySuffix: Int
}

/// A simulated province: its cooperatives, their weekly reports and their truth.
public struct ProvinceSimulation: Sendable {
    /// The administrative structure.
    public let province: SimulatedProvince
    /// The parameters it was simulated with.
    public let parameters: ProvinceParameters
    /// The cooperatives in code order.
    public let cooperatives: [SimulatedCooperative]
    /// Number of written weeks.
    public let weeks: Int
    /// Reports, cooperative-major: cooperative i, week w at `i × weeks + w`.
    public let reports: [SimulatedReport]
    /// The truth of each cooperative, in the order of ``cooperatives``.
    public let truth: [CooperativeTruth]

    /// The report of cooperative `i` in written week `w`.
    public func report(cooperative i: Int, week w: Int) -> SimulatedReport {
        reports[i * weeks + w]
    }
}

/// A simulated world: provinces of cooperatives with weekly reports and ground truth.
public struct SimulatedWorld: Sendable {
    /// The configuration it was simulated from.
    public let configuration: SimulationConfiguration
    /// The written report dates.
    public let reportDates: [Day]
    /// The provinces in code order.
    public let provinces: [ProvinceSimulation]

    /// Number of cooperatives.
    public var cooperativeCount: Int { provinces.reduce(0) { $0 + $1.cooperatives.count } }

    /// The truth of every cooperative, in code order.
    public var truth: [CooperativeTruth] { provinces.flatMap(\.truth) }

    /// The present reports of written week `week` as snapshot records, in code order.
    ///
    /// - Precondition: `week` is a written week index.
    public func records(week: Int) -> [SnapshotRecord] {
        precondition(reportDates.indices.contains(week), "week out of range")
        let date = reportDates[week]
        var out: [SnapshotRecord] = []
        for p in provinces {
            for (i, c) in p.cooperatives.enumerated() {
                let r = p.report(cooperative: i, week: week)
                guard r.isPresent else { continue }
                out.append(r.record(village: c.village, kecamatan: c.kecamatan,
                                    kabupaten: c.kabupaten, date: date))
            }
        }
        return out
    }
}

/// Runs the simulation.
public enum WorldSimulator {
    /// Simulates the world of `configuration`. Provinces run in parallel on every core;
    /// the result does not depend on the number of threads.
    ///
    /// - Parameter progress: called with (provinces done, provinces in total) after each
    ///   province, from any thread.
    /// - Throws: ``SimulationError`` when the configuration is invalid.
    /// - Complexity: O(cooperatives × simulated weeks).
    public static func simulate(
        _ configuration: SimulationConfiguration,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws(SimulationError) -> SimulatedWorld {
        try configuration.validate()
        let codes = ProvinceCodes.world(count: configuration.provinces)
        let slots = ParallelSlots<ProvinceSimulation>(count: codes.count)
        let counter = ProgressCounter(total: codes.count, report: progress)
        DispatchQueue.concurrentPerform(iterations: codes.count) { i in
            let result = simulateProvince(code: codes[i], configuration: configuration)
            slots.store(result, at: i)
            counter.advance()
        }
        return SimulatedWorld(
            configuration: configuration, reportDates: configuration.reportDates,
            provinces: slots.values)
    }

    /// Simulates one province of the world of `configuration` (the same as its part of
    /// the whole world).
    public static func simulateProvince(code: Int, configuration: SimulationConfiguration)
        -> ProvinceSimulation
    {
        let province = NTBStructure.province(code: code)
        let parameters = ProvinceParameters.varied(provinceCode: code, seed: configuration.seed)
        let timeline = ProvinceTimeline(
            seed: configuration.seed, provinceCode: code, parameters: parameters,
            firstDate: configuration.firstSimulatedDate, weeks: configuration.simulatedWeeks)
        var cooperatives: [SimulatedCooperative] = []
        var positions: [Int] = []
        for (position, regency) in province.regencies.enumerated() {
            for district in regency.districts {
                for village in district.villages {
                    cooperatives.append(SimulatedCooperative(
                        village: village, kecamatan: district.name, kabupaten: regency.name,
                        regencySuffix: regency.code % 100))
                    positions.append(position)
                }
            }
        }
        let weeks = configuration.weeks
        if let capacity = configuration.startCapacity {
            return RationedStarts.simulateProvince(
                province: province, parameters: parameters, cooperatives: cooperatives, positions: positions,
                timeline: timeline, configuration: configuration, capacity: capacity)
        }
        var reports = [SimulatedReport](repeating: .absent, count: cooperatives.count * weeks)
        var truth: [CooperativeTruth] = []
        truth.reserveCapacity(cooperatives.count)
        reports.withUnsafeMutableBufferPointer { all in
            for (i, c) in cooperatives.enumerated() {
                var slice = UnsafeMutableBufferPointer(rebasing: all[(i * weeks)..<((i + 1) * weeks)])
                var simulator = CooperativeSimulator(
                    model: configuration.model, regency: parameters.regency(c.regencySuffix),
                    regencyPosition: positions[i], timeline: timeline, seed: configuration.seed,
                    code: c.village.code)
                truth.append(simulator.run(
                    code: c.village.code, isKelurahan: c.village.isKelurahan,
                    outputStart: configuration.outputStartWeek, output: &slice))
            }
        }
        return ProvinceSimulation(
            province: province, parameters: parameters, cooperatives: cooperatives, weeks: weeks,
            reports: reports, truth: truth)
    }
}

/// A thread-safe progress counter that forwards (done, total) to a callback.
final class ProgressCounter: @unchecked Sendable {
    private var done = 0
    private let total: Int
    private let report: (@Sendable (Int, Int) -> Void)?
    private let queue = DispatchQueue(label: "kendali.simulation.progress")

    init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
        self.total = total
        self.report = report
    }

    func advance() {
        queue.sync {
            done += 1
            report?(done, total)
        }
    }
}

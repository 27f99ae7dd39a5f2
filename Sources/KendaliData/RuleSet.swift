#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A versioned set of zone rules: every threshold and weight of the spec's zone rules as
/// data, so a planner can load a different rule set and every report can name the one it
/// used.
///
/// `RuleSet.default` is the spec's "rule set version 1". Rule sets are stored as JSON
/// (see `load(path:)`; YAML is not supported — JSON is enough and needs no dependency).
/// Every key must be present; an example is `RuleSet.default.jsonText()`.
public struct RuleSet: Codable, Sendable, Hashable {
    /// Points of the land part of infrastruktur, per `status_lahan`.
    public struct LandPoints: Codable, Sendable, Hashable {
        /// `tidak_ada`.
        public var tidakAda: Double
        /// `diusulkan`.
        public var diusulkan: Double
        /// `verifikasi`.
        public var verifikasi: Double
        /// `siap`.
        public var siap: Double
        /// `sengketa`.
        public var sengketa: Double

        /// Points for each status.
        public init(tidakAda: Double, diusulkan: Double, verifikasi: Double, siap: Double,
                    sengketa: Double) {
            self.tidakAda = tidakAda
            self.diusulkan = diusulkan
            self.verifikasi = verifikasi
            self.siap = siap
            self.sengketa = sengketa
        }

        /// The points of `status`.
        public subscript(status: StatusLahan) -> Double {
            switch status {
            case .tidakAda: tidakAda
            case .diusulkan: diusulkan
            case .verifikasi: verifikasi
            case .siap: siap
            case .sengketa: sengketa
            }
        }

        enum CodingKeys: String, CodingKey {
            case tidakAda = "tidak_ada", diusulkan, verifikasi, siap, sengketa
        }
    }

    /// Rule set name, shown in every report.
    public var name: String
    /// Rule set version, shown in every report.
    public var version: Int

    // MARK: Scores
    /// Points per item of kelembagaan (4 items: badan_hukum, pengurus_lengkap,
    /// rapat_anggota, jumlah_anggota ≥ `minimumMembers`). Default 25.
    public var kelembagaanPointsPerItem: Double
    /// Members needed for the kelembagaan member item. Default 20.
    public var minimumMembers: Int
    /// Points per item of legalitas (nib, npwp, rekening_bank, laporan_tepat_waktu).
    /// Default 25.
    public var legalitasPointsPerItem: Double
    /// Land part of infrastruktur per status. Default 0, 10, 20, 30, 0.
    public var landPoints: LandPoints
    /// Weight of `progres_fisik` in infrastruktur. Default 0.7.
    public var progressWeight: Double
    /// From this stage on, infrastruktur is 100. Default `selesai`.
    public var infrastructureCompleteFrom: Tahap
    /// Business units that make operasional 100 (score = min(100, 100 × units / divisor)).
    /// Default 3.
    public var operationalUnitsDivisor: Double

    // MARK: Green
    /// Minimum infrastruktur for green. Default 100.
    public var greenMinimumInfrastruktur: Double
    /// Minimum kelembagaan for green. Default 75.
    public var greenMinimumKelembagaan: Double
    /// Minimum legalitas for green. Default 75.
    public var greenMinimumLegalitas: Double
    /// Minimum `unit_usaha_aktif` for green. Default 1.
    public var greenMinimumUnits: Int

    // MARK: Red
    /// Land statuses that make a cooperative red. Default [`sengketa`].
    public var redLandStatuses: [StatusLahan]
    /// A cooperative with `status_lahan` = `tidak_ada` is red from this stage on.
    /// Default `portal`.
    public var redNoLandFrom: Tahap
    /// The stage in which stalled progress makes a cooperative red. Default `pembangunan`.
    public var stallTahap: Tahap
    /// The stall window, in reports: progress is compared with the report this many
    /// reports earlier. Default 4.
    public var stallWindowReports: Int
    /// Progress must rise by at least this many points over the window. Default 1.
    public var stallMinimumRise: Double

    // MARK: Health
    /// The operations and business health thresholds, and the zone a falling operating
    /// cooperative gets at best (`health.fallingZone`); absent in rule set 1, whose files
    /// stay valid without the key. Rule set 2 (`datasets/rules/rule-set-2.json`) makes an
    /// operating cooperative that is falling kuning.
    public var health: HealthRules?

    /// A rule set with every parameter given.
    public init(
        name: String, version: Int, kelembagaanPointsPerItem: Double, minimumMembers: Int,
        legalitasPointsPerItem: Double, landPoints: LandPoints, progressWeight: Double,
        infrastructureCompleteFrom: Tahap, operationalUnitsDivisor: Double,
        greenMinimumInfrastruktur: Double, greenMinimumKelembagaan: Double,
        greenMinimumLegalitas: Double, greenMinimumUnits: Int, redLandStatuses: [StatusLahan],
        redNoLandFrom: Tahap, stallTahap: Tahap, stallWindowReports: Int,
        stallMinimumRise: Double, health: HealthRules? = nil
    ) {
        self.name = name
        self.version = version
        self.kelembagaanPointsPerItem = kelembagaanPointsPerItem
        self.minimumMembers = minimumMembers
        self.legalitasPointsPerItem = legalitasPointsPerItem
        self.landPoints = landPoints
        self.progressWeight = progressWeight
        self.infrastructureCompleteFrom = infrastructureCompleteFrom
        self.operationalUnitsDivisor = operationalUnitsDivisor
        self.greenMinimumInfrastruktur = greenMinimumInfrastruktur
        self.greenMinimumKelembagaan = greenMinimumKelembagaan
        self.greenMinimumLegalitas = greenMinimumLegalitas
        self.greenMinimumUnits = greenMinimumUnits
        self.redLandStatuses = redLandStatuses
        self.redNoLandFrom = redNoLandFrom
        self.stallTahap = stallTahap
        self.stallWindowReports = stallWindowReports
        self.stallMinimumRise = stallMinimumRise
        self.health = health
    }

    /// The health rules when they change the zone (a `health` block with a `fallingZone`),
    /// else `nil`.
    public var zoneHealth: HealthRules? { health?.fallingZone == nil ? nil : health }

    /// The earlier reports of a cooperative the zone of a report can depend on: the stall
    /// window, or 2W − 1 with a health rule of turnover windows of W reports.
    public var zoneLookbackReports: Int {
        max(stallWindowReports, zoneHealth.map { $0.lookbackReports - 1 } ?? 0)
    }

    /// The spec's rule set version 1, named "KDKMP rule set 1".
    public static let `default` = RuleSet(
        name: "KDKMP rule set 1", version: 1, kelembagaanPointsPerItem: 25, minimumMembers: 20,
        legalitasPointsPerItem: 25,
        landPoints: LandPoints(tidakAda: 0, diusulkan: 10, verifikasi: 20, siap: 30, sengketa: 0),
        progressWeight: 0.7, infrastructureCompleteFrom: .selesai, operationalUnitsDivisor: 3,
        greenMinimumInfrastruktur: 100, greenMinimumKelembagaan: 75, greenMinimumLegalitas: 75,
        greenMinimumUnits: 1, redLandStatuses: [.sengketa], redNoLandFrom: .portal,
        stallTahap: .pembangunan, stallWindowReports: 4, stallMinimumRise: 1)

    /// `name` and `version`, e.g. `KDKMP rule set 1 (version 1)`.
    public var label: String { "\(name) (version \(version))" }

    /// Loads a rule set from a JSON file with the keys of `RuleSet.default.jsonText()`.
    ///
    /// - Throws: `RuleSetError` when the file can't be read, isn't valid JSON, lacks a
    ///   key, or holds a value outside its range (a negative weight, a window < 1, a
    ///   divisor ≤ 0).
    public static func load(path: String) throws(RuleSetError) -> RuleSet {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path: path)
        } catch {
            throw RuleSetError(path: path, message: "cannot read: \(error.message)")
        }
        return try decode(json: bytes, source: path)
    }

    /// Decodes and checks a rule set from JSON bytes; `source` names it in errors.
    ///
    /// - Throws: `RuleSetError` for invalid JSON, a missing key or a value out of range.
    public static func decode(json: [UInt8], source: String = "rule set") throws(RuleSetError)
        -> RuleSet
    {
        let rules: RuleSet
        do {
            rules = try JSONDecoder().decode(RuleSet.self, from: Data(json))
        } catch let DecodingError.keyNotFound(key, _) {
            throw RuleSetError(path: source, message: "missing key '\(key.stringValue)'")
        } catch let DecodingError.dataCorrupted(context) {
            throw RuleSetError(path: source, message: "invalid JSON: \(context.debugDescription)")
        } catch let DecodingError.typeMismatch(_, context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw RuleSetError(path: source, message: "wrong type at '\(path)': \(context.debugDescription)")
        } catch {
            throw RuleSetError(path: source, message: "\(error)")
        }
        try rules.validate(source: source)
        return rules
    }

    /// The rule set as pretty-printed JSON with sorted keys.
    public func jsonText() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Checks the ranges of the parameters.
    ///
    /// - Throws: `RuleSetError` naming the first parameter out of range.
    public func validate(source: String = "rule set") throws(RuleSetError) {
        func fail(_ m: String) -> RuleSetError { RuleSetError(path: source, message: m) }
        if name.isEmpty { throw fail("'name' is empty") }
        if !(operationalUnitsDivisor > 0) { throw fail("'operationalUnitsDivisor' must be > 0") }
        if stallWindowReports < 1 { throw fail("'stallWindowReports' must be ≥ 1") }
        if !(progressWeight >= 0) { throw fail("'progressWeight' must be ≥ 0") }
        if !(kelembagaanPointsPerItem >= 0) || !(legalitasPointsPerItem >= 0) {
            throw fail("points per item must be ≥ 0")
        }
        for status in StatusLahan.allCases where !(landPoints[status] >= 0) {
            throw fail("'landPoints.\(status.rawValue)' must be ≥ 0")
        }
        if !stallMinimumRise.isFinite { throw fail("'stallMinimumRise' must be finite") }
        if let health {
            try health.validate(source: source)
            if let zone = health.fallingZone, zone != .kuning {
                throw fail("'health.fallingZone' must be kuning (a falling cooperative is at best yellow)")
            }
        }
    }
}

/// A rule set that could not be loaded.
public struct RuleSetError: Error, Sendable, CustomStringConvertible {
    /// The file (or source) of the rule set.
    public var path: String
    /// What is wrong with it.
    public var message: String

    /// An error about `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `PATH: message`.
    public var description: String { "\(path): \(message)" }
}

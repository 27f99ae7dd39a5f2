import Dispatch
import Foundation
import KendaliData

/// Every model the forecast uses, fitted on the panel up to the as-of week.
public struct ForecastModel: Sendable {
    /// The as-of week the models are fitted up to.
    public var asOfWeek: Int
    /// Construction progress and delay factors, with the speeds.
    public var construction: DelayFactorFit
    /// The weather season.
    public var weather: WeatherSeason
    /// The other stages.
    public var stages: StageModels
    /// Whether construction starts are rationed in each unit, and at what capacity.
    public var startCapacity: StartCapacityFit
    /// How long the construction flags stay raised, by the weeks already spent.
    public var flagSojourns: FlagSojourns
    /// Land disputes on building sites: their work share, onset and duration.
    public var siteDisputes: SiteDisputes

    /// Fits every model on `panel` up to week `asOfWeek`.
    ///
    /// With fewer than 20 construction weeks in the data the construction model falls back
    /// to ``DelayFactorFit/plan(cooperatives:regencies:rows:)`` (named in the forecast's
    /// assumptions).
    ///
    /// With `rationStarts` false no unit's starts are taken as rationed
    /// (``StartCapacityFit/none``).
    ///
    /// - Throws: ``ForecastError/emptyPanel`` when the panel holds no week.
    public init(panel: Panel, asOfWeek: Int, rationStarts: Bool = true) throws(ForecastError) {
        guard panel.weekCount > 0 else { throw .emptyPanel }
        self.asOfWeek = min(asOfWeek, panel.weekCount - 1)
        let model = DelayFactorModel(panel: panel, upTo: self.asOfWeek)
        let T = self.asOfWeek
        // The stage models first, their passes over the panel spread over the cores; then
        // the construction fit, the start capacity and the weather season, independent of
        // each other, side by side. (A parallel loop inside a parallel loop would run on
        // one core.)
        let stageModels = StageModels(panel: panel, upTo: T)
        let parts = ModelParts()
        DispatchQueue.concurrentPerform(iterations: 3) { k in
            switch k {
            case 0:
                parts.set(startCapacity: rationStarts ? (try? StartCapacityFit(panel: panel, asOfWeek: T)) ?? .none : .none)
            case 1:
                let fit: DelayFactorFit
                do {
                    fit = try model.fit()
                } catch {
                    fit = DelayFactorFit.plan(
                        cooperatives: panel.cooperativeCount, regencies: panel.regencies.count, rows: model.sample.count)
                }
                parts.set(construction: fit)
            default:
                parts.set(weather: WeatherSeason(sample: model.sample, panel: panel))
            }
        }
        guard let fit = parts.construction, let season = parts.weather, let capacity = parts.startCapacity else {
            throw .emptyPanel
        }
        startCapacity = capacity
        flagSojourns = FlagSojourns(panel: panel, upTo: T)
        siteDisputes = SiteDisputes(panel: panel, upTo: T, fit: fit)
        construction = fit
        weather = season
        stages = stageModels
    }
}

/// The models fitted side by side by ``ForecastModel/init(panel:asOfWeek:)``.
final class ModelParts: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var construction: DelayFactorFit?
    private(set) var weather: WeatherSeason?
    private(set) var startCapacity: StartCapacityFit?

    func set(construction fit: DelayFactorFit) {
        lock.lock()
        construction = fit
        lock.unlock()
    }

    func set(weather w: WeatherSeason) {
        lock.lock()
        weather = w
        lock.unlock()
    }

    func set(startCapacity c: StartCapacityFit) {
        lock.lock()
        startCapacity = c
        lock.unlock()
    }
}


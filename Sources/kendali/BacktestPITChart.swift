import Charts
import Forecasting

/// The PIT histogram of `kendali backtest --pit`: per cut-off, the share of true dates in
/// each PIT bin for the model (and an outside forecast), beside the share a calibrated
/// forecast would put there (the bin's width).
///
/// The bins are those cut by the scored quantiles, [0, 0.1), [0.1, 0.5), [0.5, 0.9),
/// [0.9, 1]; a true date on a quantile is split between the bins on either side
/// (``ForecastScores/pitWeights(quantiles:levels:outcome:)``). Too many dates in the
/// outer bins means intervals too narrow; too few, too wide; a tilt, a biased median.
enum BacktestPITChart {
    /// The methods drawn, with their legend text and look; the baselines are point
    /// forecasts, whose PIT can only be 0 or 1, and are left out.
    static let methods: [(method: String, label: String, color: Color, pattern: FillPattern)] = [
        ("model", "Model", Palette.blue, .solid),
        ("compare", "Outside forecast (--compare)", Palette.orange, .diagonal),
    ]

    /// The category text of each bin, from the bin edges.
    static var binLabels: [String] {
        let edges = ForecastScores.pitEdges()
        func text(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
        return (0..<(edges.count - 1)).map { text(edges[$0]) + "–" + text(edges[$0 + 1]) }
    }

    /// The chart: one panel per cut-off, bars for the calibrated share and for each method
    /// present in `results` (shares of its scored outcomes).
    static func chart(_ results: [BacktestCutoff]) -> SmallMultiples {
        let labels = binLabels
        let edges = ForecastScores.pitEdges()
        let expected = (0..<labels.count).map { edges[$0 + 1] - edges[$0] }
        let panels = results.map { r -> SmallMultiples.Panel in
            var marks: [Mark] = [.bars(BarMark(
                "Calibrated (bin width)", bars: zip(labels, expected).map { Bar($0, value: $1) },
                color: Palette.lightGrey))]
            var scored: [(label: String, count: Int)] = []
            for m in methods {
                guard let s = r.scores.first(where: { $0.method == m.method }), s.scored > 0 else { continue }
                let shares = s.pit.map { $0 / Double(s.scored) }
                marks.append(.bars(BarMark(
                    m.label, bars: zip(labels, shares).map { Bar($0, value: $1) }, color: m.color,
                    pattern: m.pattern)))
                scored.append((m.label, s.scored))
            }
            let counts = Set(scored.map(\.count)).count == 1
                ? scored.first.map { String($0.count) } ?? "0"
                : scored.map { $0.label + " " + String($0.count) }.joined(separator: ", ")
            return SmallMultiples.Panel(title: "Cut-off " + r.date.iso + " (" + counts + " scored)", marks: marks)
        }
        return SmallMultiples(
            title: "PIT histogram of the green-date forecast",
            subtitle: "Share of true dates in each PIT bin; a date on P10, P50 or P90 counts half to each side",
            panels: panels, columns: min(max(results.count, 1), 2), width: 720, panelHeight: 160,
            xAxis: .categorical("PIT bin (forecast quantile levels)", categories: labels),
            yAxis: .numeric("Share", includesZero: true, format: .percent()))
    }
}

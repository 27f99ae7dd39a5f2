/// The finite minimum and maximum of some values.
struct Extent {
    var low = Double.infinity
    var high = -Double.infinity

    var isEmpty: Bool { low > high }

    mutating func add(_ value: Double) {
        guard value.isFinite else { return }
        low = min(low, value)
        high = max(high, value)
    }

    mutating func add(_ other: Extent) {
        if !other.isEmpty {
            add(other.low)
            add(other.high)
        }
    }
}

/// One stacked column: its x and each layer's (lower, upper) edge.
struct StackColumn {
    var x: Double
    var edges: [(lower: Double, upper: Double)]
}

extension StackedAreaMark {
    /// The stacked columns; columns with a non-finite value (or a zero total when
    /// normalised) are `nil`, which breaks the areas.
    func columns() -> [StackColumn?] {
        x.indices.map { i in
            let xi = x[i]
            guard xi.isFinite else { return nil }
            var values: [Double] = []
            for layer in layers {
                let v = i < layer.values.count ? layer.values[i] : .nan
                guard v.isFinite else { return nil }
                values.append(v)
            }
            if normalized {
                let total = values.reduce(0, +)
                guard total != 0, total.isFinite else { return nil }
                values = values.map { $0 / total }
            }
            var base = 0.0
            var edges: [(lower: Double, upper: Double)] = []
            for v in values {
                edges.append((base, base + v))
                base += v
            }
            return StackColumn(x: xi, edges: edges)
        }
    }
}

/// Data extents and categories of a set of marks.
struct MarkExtents {
    var x = Extent()
    var y = Extent()
    var xCategories: [String] = []
    var yCategories: [String] = []
    var xNeedsZero = false
    var yNeedsZero = false

    init() {}

    init(_ marks: [Mark], xCategorical: Bool, yCategorical: Bool) {
        add(marks, xCategorical: xCategorical, yCategorical: yCategorical)
    }

    mutating func add(_ marks: [Mark], xCategorical: Bool, yCategorical: Bool) {
        for mark in marks {
            switch mark {
            case let .line(m):
                for p in m.points where p.x.isFinite && p.y.isFinite {
                    x.add(p.x)
                    y.add(p.y)
                }
            case let .stackedArea(m):
                for column in m.columns().compactMap({ $0 }) {
                    x.add(column.x)
                    for e in column.edges {
                        y.add(e.lower)
                        y.add(e.upper)
                    }
                }
                yNeedsZero = true
            case let .band(m):
                for p in m.points where p.x.isFinite && p.lower.isFinite && p.upper.isFinite {
                    x.add(p.x)
                    y.add(p.lower)
                    y.add(p.upper)
                }
            case let .bars(m):
                for bar in m.bars {
                    var values = Extent()
                    values.add(bar.value)
                    if m.style == .bar, bar.value.isFinite { values.add(0) }
                    if let l = bar.lower { values.add(l) }
                    if let u = bar.upper { values.add(u) }
                    if xCategorical {
                        if !xCategories.contains(bar.category) { xCategories.append(bar.category) }
                        y.add(values)
                    } else if yCategorical {
                        if !yCategories.contains(bar.category) { yCategories.append(bar.category) }
                        x.add(values)
                    }
                }
                if m.style == .bar {
                    if xCategorical { yNeedsZero = true } else if yCategorical { xNeedsZero = true }
                }
            case let .points(m):
                for p in m.points where p.x.isFinite && p.y.isFinite {
                    x.add(p.x)
                    y.add(p.y)
                }
            case let .rule(m):
                guard m.extendsDomain else { continue }
                switch m.position {
                case let .x(v): x.add(v)
                case let .y(v): y.add(v)
                }
            case .text:
                continue
            }
        }
    }
}

/// An axis decided in data terms (domain, ticks and labels), before pixels.
enum AxisPlan {
    case numeric(domain: ClosedRange<Double>, ticks: [(value: Double, label: String)])
    case date(domain: ClosedRange<Int>, ticks: [(value: Double, label: String)])
    case band(categories: [String])

    var tickLabels: [String] {
        switch self {
        case let .numeric(_, ticks), let .date(_, ticks): return ticks.map(\.label)
        case let .band(categories): return categories
        }
    }

    /// Plans `axis` for data `extent` on an axis `length` pixels long.
    static func make(
        _ axis: Axis, extent: Extent, categories: [String], needsZero: Bool, length: Double,
        vertical: Bool, theme: Theme
    ) -> AxisPlan {
        switch axis.scale {
        case let .numeric(domain, includesZero, format):
            let perTick = vertical ? 48.0 : 80.0
            let fewest = length < 60 ? 2 : 3
            var target = axis.tickCount ?? min(max(Int(length / perTick), fewest), vertical ? 8 : 10)
            // A horizontal axis that is not a value axis keeps the data's own range (no
            // empty margin after the last x); value axes are widened to whole steps.
            let tight = !vertical && !needsZero && !includesZero
            while true {
                let plan = numeric(
                    domain: domain, extent: extent, zero: includesZero || needsZero, target: target, format: format,
                    tight: tight)
                if vertical || target <= 2 { return plan }
                let widths = plan.tickLabels.map { TextMetrics.width($0, fontSize: theme.tickFontSize) + 10 }
                if widths.reduce(0, +) <= length { return plan }
                target -= 1
            }
        case let .date(domain, format, interval, weekAnchor):
            var lo: Int, hi: Int
            if let domain {
                lo = domain.lowerBound
                hi = domain.upperBound
            } else if extent.isEmpty {
                lo = 0
                hi = 7
            } else {
                lo = Int(max(min(extent.low, 1e9), -1e9).rounded(.down))
                hi = Int(max(min(extent.high, 1e9), -1e9).rounded(.up))
            }
            if hi <= lo {
                lo -= 3
                hi = lo + 7
            }
            let picked: [(day: Int, label: String)]
            if vertical {
                picked = DateScale.ticks(
                    in: lo...hi, length: length, format: format, fontSize: theme.tickFontSize, gap: 0,
                    maxCount: max(Int(length / 40), 2), interval: interval, weekAnchor: weekAnchor
                ).ticks
            } else {
                picked = DateScale.ticks(
                    in: lo...hi, length: length, format: format, fontSize: theme.tickFontSize,
                    maxCount: max(Int(length / 45), 2), interval: interval, weekAnchor: weekAnchor
                ).ticks
            }
            return .date(domain: lo...hi, ticks: picked.map { (Double($0.day), $0.label) })
        case let .categorical(given):
            return .band(categories: given.isEmpty ? categories : given)
        }
    }

    private static func numeric(
        domain: ClosedRange<Double>?, extent: Extent, zero: Bool, target: Int, format: NumberFormat, tight: Bool
    ) -> AxisPlan {
        let ticks: NiceTicks
        if let domain, domain.lowerBound.isFinite, domain.upperBound.isFinite,
           domain.upperBound > domain.lowerBound {
            ticks = NiceTicks.within(domain, targetCount: target)
        } else if tight, !extent.isEmpty, extent.high - extent.low > abs(extent.high) * 1e-9 {
            // Only ticks inside the data are kept, so ask for one more.
            ticks = NiceTicks.within(extent.low...extent.high, targetCount: target + 1)
        } else {
            var lo = extent.isEmpty ? 0 : extent.low
            var hi = extent.isEmpty ? 1 : extent.high
            if zero {
                lo = min(lo, 0)
                hi = max(hi, 0)
            }
            ticks = NiceTicks(covering: lo, hi, targetCount: target)
        }
        return .numeric(
            domain: ticks.lowerBound...ticks.upperBound,
            ticks: ticks.values.map { ($0, format($0, fractionDigits: ticks.fractionDigits)) })
    }
}

/// An axis placed on pixels.
struct PlacedAxis {
    enum Kind {
        case continuous(LinearScale)
        case band(BandScale)
    }

    let kind: Kind
    let plan: AxisPlan
    /// Tick pixel positions and labels (band axes: category centres).
    let ticks: [(pixel: Double, label: String)]

    init(_ plan: AxisPlan, from start: Double, to end: Double) {
        self.plan = plan
        switch plan {
        case let .numeric(domain, ticks):
            let scale = LinearScale(domain: domain, rangeStart: start, rangeEnd: end)
            self.kind = .continuous(scale)
            self.ticks = ticks.map { (scale($0.value), $0.label) }
        case let .date(domain, ticks):
            let scale = LinearScale(
                domain: Double(domain.lowerBound)...Double(domain.upperBound), rangeStart: start, rangeEnd: end)
            self.kind = .continuous(scale)
            self.ticks = ticks.map { (scale($0.value), $0.label) }
        case let .band(categories):
            let scale = BandScale(
                categories: categories, rangeStart: min(start, end), rangeEnd: max(start, end))
            self.kind = .band(scale)
            self.ticks = categories.compactMap { c in scale.center(of: c).map { ($0, c) } }
        }
    }

    /// Pixel of a data value (NaN on a band axis).
    func map(_ value: Double) -> Double {
        switch kind {
        case let .continuous(scale): return scale(value)
        case .band: return .nan
        }
    }

    var bandScale: BandScale? {
        if case let .band(scale) = kind { return scale }
        return nil
    }

    var isBand: Bool { bandScale != nil }

    /// Pixel of value 0 when the numeric domain has values on both sides of it.
    var zeroPixel: Double? {
        if case let .numeric(domain, _) = plan, domain.lowerBound < 0, domain.upperBound > 0 {
            return map(0)
        }
        return nil
    }

    /// Pixel of the value a bar grows from: 0 clamped into the domain.
    var barBase: Double {
        if case let .numeric(domain, _) = plan {
            return map(min(max(0, domain.lowerBound), domain.upperBound))
        }
        return map(0)
    }
}

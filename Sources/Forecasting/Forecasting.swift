// Module Forecasting: when will each cooperative be green, and what delays it.
//
// The flow, each step reading only what the one before produced:
//
//   SnapshotHistory ──► Panel (cooperatives × weeks, columnar)
//        │
//        ├─► DelayFactorModel: Δp = s_i · h(p) · Π θ_k^flag  (Levenberg–Marquardt, cluster-robust SE)
//        │        └─► SpeedEstimates: s_i shrunk to regency → province (empirical Bayes)
//        ├─► WeatherSeason: P(weather flag | week of year), regency → island/province → all
//        ├─► StageModels: land/portal/start chain, flags, first unit, admin items, members,
//        │                on-time and presence rates (per regency, shrunk, recency-weighted)
//        ▼
//   GreenForecaster (seeded Monte Carlo, every core) ──► GreenForecast (P10/P50/P90, P(by date),
//        main delay cause, curves per regency/province with P10–P90 bands, 50/90/100 % dates)
//        │
//        └─► Backtester: cut-offs, model vs linear and Earned Schedule baselines (and an outside CSV),
//                 scored by ForecastScores (pinball loss, quantile CRPS, PIT bins, coverage)
//
// Choices (each documented on its type):
// - Every rate is estimated from the data given; where the data say nothing the fallback is
//   named in `GreenForecast.assumptions` or in the cooperative's `assumptions`:
//   the S-curve rate leans on the programme's 90-working-day plan where few rows exist; a
//   state never seen left is kept; the opening hazard after completion is assumed (median 4
//   weeks) when no completion was followed; an unseen week of the year takes the pooled
//   weather rate.
// - Delay factors act multiplicatively on a week's work (two delays compound).
// - The green week applies the rule set's thresholds (kelembagaan, legalitas, units) to the
//   simulated state, so another rule set changes the target consistently.

import Forecasting

// The forecast's enumerations that an analysis carries to its readers, so that a module
// rendering a ``WeeklyAnalysis`` needs no dependency on the forecasting engine.

/// A delay factor flagged in a weekly report (a `kendala_*` column), whose cost the
/// construction model estimates.
public typealias DelayFactor = Forecasting.DelayFactor

/// What delays a cooperative most, in expected weeks over its forecast paths.
public typealias DelayCause = Forecasting.DelayCause

/// An intervention the counterfactual forecasts try (land, labour, technical, coaching).
public typealias InterventionKind = Forecasting.InterventionKind

/// The stage of a forecast cooperative at its last report (not started, building, complete).
public typealias CooperativeStage = Forecasting.CooperativeStage

/// How far a cooperative's last reports can be trusted as its current state (ok, stale,
/// inconsistent); the forecast widens the interval of the latter two.
public typealias DataQuality = Forecasting.DataQuality

/// A line of the delay accounting: a factor in a phase (before or during construction).
public typealias DelayItem = Forecasting.DelayItem

/// The phase of a cooperative's path a week of delay falls in.
public typealias DelayPhase = Forecasting.DelayPhase

/// One line's weeks of delay over a set of cooperatives (``DelayItem``, weeks, interval,
/// cooperatives affected, main delay of).
public typealias DelayTotal = Forecasting.DelayAccounting.Total

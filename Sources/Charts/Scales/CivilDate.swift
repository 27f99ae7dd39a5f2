import CivilCalendar

/// The calendar date of the date axes and their tick labels: the one civil-date type,
/// `CivilCalendar.Day` (proleptic Gregorian, a day count since 1970-01-01 with its year,
/// month and day).
///
/// Charts speak of days as `Int` counts since 1970-01-01; `CivilDate(daysSinceEpoch:
/// Int32(clamping: day))` gives the date of one.
public typealias CivilDate = Day

/// The calendar day of every report date, `Day`, lives in the domain-free `CivilCalendar`
/// target (shared with the charts' date axes); re-exported so that importing KendaliData
/// gives the whole vocabulary of the snapshot format.
@_exported import CivilCalendar

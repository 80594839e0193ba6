// Package peopledate reads dates the way people write them on resumes and
// in profile exports, keeping the precision they were written with.
//
// [Parse] accepts, case-insensitively and with surrounding spaces, commas
// and full stops ignored:
//
//   - ISO 8601, full or partial: "2026", "2026-02", "2026-02-14", and
//     "2026-2" with a one-digit month; datetimes keep their date part
//     ("2026-02-14T09:30:00Z", "2026-02-14 09:30");
//   - compact ISO: "20260214";
//   - a month written as a word, before or after the year: "February
//     2026", "Feb 2026", "Feb. 2026", "Sept 2026", "2012, July"; with a day:
//     "14 February 2026", "February 14, 2026", "14th Feb 2026". Month names
//     are English, Spanish, French, German, Italian and Portuguese, whole or
//     cut to three or more letters where the cut names one month only
//     ("enero de 2020", "févr. 2021", "März 2019");
//   - a numeric month and year in either order, separated by '/', '.', '-'
//     or a space: "02/2026", "2/2026", "2026/02", "2026.02";
//   - a numeric date with the year last: "14/02/2026" (the 14 can only be a
//     day) and "02/14/2026" (the 14 can only be a day) are read; where both
//     orders are possible and differ ("03/04/2026") nothing is guessed:
//     [ErrAmbiguous]; with the year first ("2026/02/14") the order is
//     always year, month, day;
//   - words for a period that has not ended, [Value.Ongoing]: "Present",
//     "current", "currently", "now", "today", "ongoing", "to date", "till
//     date", and "presente", "actualidad", "actualmente", "actual",
//     "aujourd'hui", "heute".
//
// The empty string is no date and no error: the caller decides what an
// absent date means (an absent end date usually means ongoing).
//
// Everything else is an error wrapping [ErrUnreadable], or
// [ErrAmbiguous] for a day-month order that cannot be told, or [ErrRange]
// for two dates written as one ("2010-2014", "Jan 2019 - Present": use
// [ParseRange] for those). Two-digit years ("02/26") are never read: the
// century would be a guess.
//
// Every function is pure and safe for concurrent use.
//
//	v, err := peopledate.Parse("Feb. 2026")
//	// v.Date is 2026-02 (month precision), v.Ongoing false, err nil
//	from, to, err := peopledate.ParseRange("Jan 2019 – Present")
//	// from.Date is 2019-01, to.Ongoing is true
package peopledate

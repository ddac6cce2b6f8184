// Package gazelle decides which companies are gazelles by Børsen's
// definition (unchanged since 1995), rule by rule, with the figures behind
// each decision, and offers Danmarks Statistik's high-growth enterprise as a
// second, separate rule set with its own verdict type.
//
// It is pure domain code: no database, no clock, no I/O, and it imports
// nothing but internal/i18n. The caller maps company.Company (ID, Name,
// Form, BranchCode) and company.Financial (Year, Months and the three
// figures) onto Company and Financial, so the whole register of 100,000
// companies is evaluated in a fraction of a second.
//
// Which year ends the period is explicit: Evaluate(c, 2024) judges the four
// annual reports 2021, 2022, 2023 and 2024. "Positive growth every year" is
// read as each of the three year-on-year changes between those four reports.
//
// Amounts are whole DKK, as in company.Financial. Decisions use exact
// integer arithmetic; the percentages shown are floored to one decimal, so a
// figure on screen never overstates growth (99.96 % shows as 99.9 % and
// fails; exactly 100 % shows as 100.0 % and passes).
//
// Every status, rule name, detail and warning is a translation key under
// "gazelle" in internal/i18n/locales with its parameters; numbers in the
// parameters are raw (int64 kroner, Percent, years) for the UI to format.
package gazelle

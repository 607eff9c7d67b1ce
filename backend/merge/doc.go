// Package merge is the template engine shared by letters, catalogs, email
// and SMS: it merges a contact, the business and the campaign into a text.
//
// # Syntax
//
// Everything outside {{ }} is text and is copied as it is (a lone }} too).
//
//	{{first_name}}               a field; spaces inside the braces are allowed
//	{{first_name | "kunde"}}     a fallback, written when the value is empty
//	{{"{{"}}                     a quoted text alone is written as it is: the way to print braces
//	{{custom.Skostørrelse}}      a custom field whose name is one word (letters, digits, _ of any script)
//	{{custom."Favourite shop"}}  any other custom field name, in quotes
//	{{#if COND}} … {{#elif COND}} … {{#else}} … {{/if}}   conditional text, nestable
//
// Quoted texts use double quotes with the escapes \" and \\. Because word
// processors replace quotes, “…”, „…“ and «…» are read as quotes too.
//
// A block tag ({{#if}}, {{#elif}}, {{#else}}, {{/if}}) that is alone on its
// line removes that whole line, line break included, as in Mustache, so
// plain-text letters and SMS get no blank lines from the template's layout.
//
// Conditions:
//
//	COND  = AND { "or" AND }
//	AND   = UNARY { "and" UNARY }
//	UNARY = "not" UNARY | "(" COND ")" | TERM
//	TERM  = field                         true when the value is not empty
//	      | field = "v" | field != "v"    text compared case-insensitively (Unicode folding)
//	      | field in ("a", "b") | field not in ("a", "b")
//	      | field = 60 | field != 60      an unquoted number (also in a list) compares as a number
//	      | field > 60 (>=, <, <=)        the value read as a number ("37,5" too);
//	                                      an empty or non-numeric value makes it false
//	      | field < "2026-01-01"          dates (YYYY-MM-DD) compare as dates
//	      | segment = "Name" | segment != "Name" | segment in ("A", "B")
//
// Keywords (and, or, not, in, segment) are lower case; == and <> are read as
// = and !=. In conditions a field has its raw value: age as a number, dates
// as YYYY-MM-DD, total_spent as a number of major units (1234.50), country,
// language and gender as codes (DK, da, female). When merged into the text
// dates, money, country, language and gender are written in the recipient's
// language.
//
// # Names and errors
//
// Parse checks the syntax only. A name that is no field (a typo, a custom
// field the workspace lacks) parses, renders as empty, and is reported by
// Check, as are unknown segments. All errors are *marketing.Error with code
// EInvalid, Field "body" and Details "reason" (unknown_field,
// unclosed_block, unexpected_end, syntax, unknown_segment), "line" (1-based)
// and, about a field or segment, "name"; syntax errors add "tag" (the tag as
// written), unexpected_end adds "tag" (#elif, #else or /if) and
// unknown_field may add "suggestion" (what to write between the braces
// instead: the field the typo probably meant).
//
// # Formats
//
// Dates: "2. december 2026" (da), "2 december 2026" (sv), "2. desember
// 2026" (nb), "2 December 2026" (en), "2 декабря 2026 г." (ru). Money: see
// FormatMoney; the spaces inside an amount are no-break spaces (U+00A0) so a
// line never breaks inside one. Salutations: see Salutation.
//
// # Performance
//
// A Template is parsed once into nodes with fields resolved to small ids;
// Render allocates only for values it has to compose (salutation, full
// name, dates, money) and for esc, so one Template rendered from many
// goroutines is cheap and safe.
package merge

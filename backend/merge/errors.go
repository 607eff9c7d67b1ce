package merge

import (
	"strconv"

	"directdesk/backend/marketing"
)

// Reasons in Error.Details["reason"]; the UI picks its translation by them.
const (
	ReasonUnknownField   = "unknown_field"
	ReasonUnclosedBlock  = "unclosed_block"
	ReasonUnexpectedEnd  = "unexpected_end"
	ReasonSyntax         = "syntax"
	ReasonUnknownSegment = "unknown_segment"
)

// ErrorField is the Field of the errors this package returns; callers that
// parse a subject line or an SMS text set their own.
const ErrorField = "body"

// templateError builds the coded error: Details always has reason and line,
// and name when the problem is about a field or segment.
func templateError(reason string, line int, name, msg string) *marketing.Error {
	d := map[string]string{"reason": reason, "line": strconv.Itoa(line)}
	if name != "" {
		d["name"] = name
	}
	return marketing.FieldError(marketing.EInvalid, ErrorField, msg, d)
}

func lineSuffix(line int) string { return " (line " + strconv.Itoa(line) + ")" }

func itoa(i int) string { return strconv.Itoa(i) }

// Package marketing holds DirectDesk's domain types, rules and coded errors.
// It imports nothing but the standard library; every other package may import it.
package marketing

import (
	"errors"
	"fmt"
)

// Error codes are stable: the frontend translates by code (and field), so never rename one.
const (
	EInvalid         = "invalid"
	ENotFound        = "not_found"
	EConflict        = "conflict"
	EUnsupportedFile = "unsupported_file"
	ETooLarge        = "too_large"
	EConsentMissing  = "consent_missing"
	ELocked          = "locked"
	ECanceled        = "canceled"
	EDamaged         = "damaged"
	EInternal        = "internal"
)

// Error is the one error type that crosses the boundary to the UI. Message is
// written for a shop owner (what happened, what to do); the UI shows a
// translation chosen by Code and Field and falls back to Message. Details are
// parameters for that translation (e.g. {"example": "2100"}).
type Error struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Field   string            `json:"field,omitempty"`
	Row     int               `json:"row,omitempty"`
	Details map[string]string `json:"details,omitempty"`
	// Err is the underlying cause, kept for logs, never shown.
	Err error `json:"-"`
}

func (e *Error) Error() string {
	s := e.Code + ": " + e.Message
	if e.Field != "" {
		s = e.Code + " (" + e.Field + "): " + e.Message
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns an invalid-field error with translation parameters.
func FieldError(code, field, message string, details map[string]string) *Error {
	return &Error{Code: code, Field: field, Message: message, Details: details}
}

// ErrorCode returns the code of err, EInternal for errors that are not ours, "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// AsError converts any error into an *Error suitable for the UI. Unknown errors
// become EInternal with a generic message; the cause is kept in Err.
func AsError(err error) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: EInternal, Message: "Something went wrong inside DirectDesk. Your data is unchanged; please try again.", Err: err}
}

// ErrCanceled marks a job stopped by the user. Jobs stop between whole
// batches, so what was committed before stays and nothing is half-written.
var ErrCanceled = &Error{Code: ECanceled, Message: "Stopped. Everything finished before you pressed Cancel has been kept."}

package importer

import (
	"context"

	"directdesk/backend/marketing"
)

// People erased at their request stay erased: an import that brings them
// back (the same email or phone number) refuses the row and says why. The
// workspace keeps only keyed hashes of their email and numbers
// (store.ErasedMatcher); the session offers the check when it can.

// erasedSource is the optional Session method that gives the check.
type erasedSource interface {
	// ErasedMatcher returns a function that reports whether an email or
	// any of the numbers is an erased person's, or nil when nobody was
	// erased.
	ErasedMatcher(ctx context.Context) (func(email string, phones ...string) bool, error)
}

// erasedCheck is loaded once per run.
type erasedCheck struct {
	loaded bool
	match  func(email string, phones ...string) bool
}

// erasedProblem is the row's problem when it is an erased person, else nil.
func (r *run) erasedProblem(ctx context.Context, c *marketing.Contact) (*marketing.ImportProblem, error) {
	if !r.erased.loaded {
		r.erased.loaded = true
		if s, ok := r.sess.(erasedSource); ok {
			m, err := s.ErasedMatcher(ctx)
			if err != nil {
				return nil, err
			}
			r.erased.match = m
		}
	}
	if r.erased.match == nil || !r.erased.match(c.Email, c.Phone, c.Mobile) {
		return nil, nil
	}
	field := "email"
	if c.Email == "" || !r.erased.match(c.Email) {
		field = "phone"
	}
	return &marketing.ImportProblem{Field: field, Column: -1, Code: marketing.EConflict,
		Message: "This person was erased from DirectDesk earlier at their request and must not be added again. Remove the row from the file.",
		Details: map[string]string{"reason": "erased"}}, nil
}

package app

import (
	"encoding/json"
	"log"

	"directdesk/backend/marketing"
)

// FormatError turns any error returned by a bound method into the JSON text
// the frontend parses (frontend/src/api). Causes are logged, never shown.
func FormatError(err error) any {
	e := marketing.AsError(err)
	if e.Code == marketing.EInternal && e.Err != nil {
		log.Printf("internal error: %v", e.Err)
	}
	b, _ := json.Marshal(e)
	return string(b)
}

package privacy

import (
	"context"
	"path/filepath"
	"strconv"

	"directdesk/backend/marketing"
	"directdesk/backend/sheet"
	"directdesk/backend/store"
)

// suppressionReasonWords are the reasons as the export writes them: the
// spreadsheet is read by people, not by DirectDesk.
var suppressionReasonWords = map[string]string{
	marketing.SuppressUnsubscribe: "Unsubscribed",
	marketing.SuppressHardBounce:  "Address does not exist (hard bounce)",
	marketing.SuppressComplaint:   "Complained (marked as spam)",
	marketing.SuppressManual:      "Added by hand",
	marketing.SuppressOptOut:      "Said no (opt-out)",
}

// ExportSuppressions writes the whole suppression list (emails and phone
// numbers) to path (.xlsx or .csv), streamed; the erased people's
// addresses and numbers are one closing line with their count, as they are
// kept only as a code.
func ExportSuppressions(ctx context.Context, db *store.DB, path string) (marketing.ExportResult, error) {
	format, err := sheet.FormatOf(path)
	if err != nil {
		return marketing.ExportResult{}, err
	}
	cols := []sheet.Column{{Header: "Kind", Width: 8}, {Header: "Email or phone", Width: 32}, {Header: "Reason", Width: 36},
		{Header: "Source", Width: 40}, {Header: "Added", Kind: sheet.ColDateTime}}
	w, err := sheet.Create(path, cols, sheet.WriteOptions{Format: format, SheetName: "Suppression list"})
	if err != nil {
		return marketing.ExportResult{}, err
	}
	err = db.EachSuppression(ctx, func(e *marketing.SuppressionEntry) error {
		reason := suppressionReasonWords[e.Reason]
		if reason == "" {
			reason = e.Reason
		}
		return w.Write([]string{e.Kind, e.Value, reason, e.Source, e.CreatedAt})
	})
	if err == nil {
		var n int
		if n, err = db.ErasedCount(ctx); err == nil && n > 0 {
			err = w.Write([]string{"erased", "", strconv.Itoa(n) + " addresses and numbers of erased people (kept only as a code)", "", ""})
		}
	}
	if err != nil {
		w.Abort()
		return marketing.ExportResult{}, err
	}
	rows := w.Rows()
	if err := w.Close(); err != nil {
		return marketing.ExportResult{}, err
	}
	return marketing.ExportResult{Path: path, Name: filepath.Base(path), Rows: rows}, nil
}

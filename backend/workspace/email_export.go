package workspace

import (
	"context"
	"strconv"

	"directdesk/backend/marketing"
	"directdesk/backend/sheet"
)

// ExportOutbox writes a mailing's per-recipient log to a spreadsheet
// (streamed; the file appears only when complete).
func (w *Workspace) ExportOutbox(ctx context.Context, touchID int64, path string) error {
	if _, err := w.DB.Mailing(ctx, touchID); err != nil {
		return err
	}
	format, err := sheet.FormatOf(path)
	if err != nil {
		return err
	}
	cols := []sheet.Column{{Header: "Name", Width: 24}, {Header: "Email", Width: 30}, {Header: "State", Width: 12}, {Header: "Reason", Width: 40},
		{Header: "Attempts", Width: 9}, {Header: "Sent", Kind: sheet.ColDateTime}, {Header: "Updated", Kind: sheet.ColDateTime},
		{Header: "Response code", Width: 14}, {Header: "Message-ID", Width: 40}}
	sw, err := sheet.Create(path, cols, sheet.WriteOptions{Format: format, SheetName: "Recipients"})
	if err != nil {
		return err
	}
	err = w.DB.EachOutbox(ctx, touchID, func(e *marketing.OutboxEntry) error {
		return sw.Write([]string{e.Name, e.Email, e.State, e.Reason, strconv.Itoa(e.Attempts), e.SentAt, e.UpdatedAt,
			marketing.FormatResponseCode(e.ResponseCode), e.MessageID})
	})
	if err != nil {
		sw.Abort()
		return err
	}
	return sw.Close()
}

package sheet

import (
	"io"
	"strings"

	"directdesk/backend/marketing"
)

// ReadPaste reads rows copied from Excel or LibreOffice: the clipboard holds
// tab-separated text, lines ending in CRLF or LF, and cells with line breaks
// or quotes wrapped in quotes ("Vestergade 1" + newline + "2. sal" arrives as
// "Vestergade 1\n2. sal" in quotes). The delimiter is always tab, so commas
// in "Hansen, Anna" stay in the cell. The Book has one sheet, "Pasted rows",
// and Format "paste"; its cells are KindString or KindEmpty. A cell that
// starts with a quote but was not quoted by the spreadsheet loses that quote,
// as it does when pasting back into Excel.
func ReadPaste(text string) (Book, error) {
	text = strings.TrimPrefix(text, "\ufeff")
	if strings.TrimSpace(text) == "" {
		return nil, &marketing.Error{Code: marketing.EInvalid, Field: "paste",
			Message: "There is nothing to paste. Select the rows in Excel or LibreOffice, copy them (Ctrl+C) and paste them here again."}
	}
	opt := Options{Encoding: "utf-8", Delimiter: '\t'}.withDefaults()
	if int64(len(text)) > opt.MaxBytes {
		return nil, tooBig(opt.MaxBytes, int64(len(text)))
	}
	open := func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(text)), nil }
	b, err := newTextBook("Pasted rows", "paste", open, int64(len(text)), opt)
	if err != nil {
		if marketing.ErrorCode(err) == marketing.EUnsupportedFile {
			return nil, &marketing.Error{Code: marketing.EInvalid, Field: "paste", Err: err,
				Message: "The pasted text does not look like rows from a spreadsheet. Select the rows in Excel or LibreOffice, copy them (Ctrl+C) and paste them here again."}
		}
		return nil, err
	}
	b.sepLine = false
	return b, nil
}

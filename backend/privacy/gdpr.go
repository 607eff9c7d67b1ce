package privacy

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"directdesk/backend/document"
	"directdesk/backend/marketing"
	"directdesk/backend/sheet"
	"directdesk/backend/store"

	"github.com/xuri/excelize/v2"
)

// The GDPR tools: a person's data as .xlsx and .json (right of access and
// portability), erasing a person (right to erasure) with their suppression
// kept as a hash, the retention rule, and the audit log export.

// ExportFormats are the file types a person's data can be written as.
var ExportFormats = []string{"xlsx", "json"}

// ExportPerson writes everything held about contact id to each of paths
// (.xlsx or .json by extension) and records a person_export audit line
// naming the files. Nothing is recorded when a file cannot be written.
func ExportPerson(ctx context.Context, db *store.DB, id int64, paths []string, by string) error {
	for _, p := range paths {
		if f := strings.ToLower(strings.TrimPrefix(filepath.Ext(p), ".")); f != "xlsx" && f != "json" {
			return &marketing.Error{Code: marketing.EInvalid, Field: "path", Message: "Save the export as .xlsx or .json.",
				Details: map[string]string{"reason": "extension"}}
		}
	}
	d, err := db.PersonData(ctx, id)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(paths))
	for _, p := range paths {
		if strings.EqualFold(filepath.Ext(p), ".json") {
			err = WritePersonJSON(d, p)
		} else {
			err = WritePersonXLSX(d, p)
		}
		if err != nil {
			return err
		}
		names = append(names, filepath.Base(p))
	}
	return db.AddAudit(ctx, marketing.AuditPersonExport, id, map[string]string{"files": strings.Join(names, ", ")}, by)
}

// personJSON is the machine-readable export: each area an array of
// objects keyed by the stored column names.
type personJSON struct {
	ContactID  int64                       `json:"contactId"`
	Name       string                      `json:"name"`
	ExportedAt string                      `json:"exportedAt"`
	Areas      []string                    `json:"areas"` // the order of the xlsx sheets
	Data       map[string][]map[string]any `json:"data"`
}

// WritePersonJSON writes d as JSON to path (whole or not at all).
func WritePersonJSON(d marketing.PersonData, path string) error {
	out := personJSON{ContactID: d.ContactID, Name: d.Name, ExportedAt: d.ExportedAt, Data: map[string][]map[string]any{}}
	for _, a := range d.Areas {
		out.Areas = append(out.Areas, a.Key)
		rows := make([]map[string]any, 0, len(a.Rows))
		for _, r := range a.Rows {
			m := make(map[string]any, len(a.Columns))
			for i, c := range a.Columns {
				m[c] = r[i]
			}
			rows = append(rows, m)
		}
		out.Data[a.Key] = rows
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	return writeWhole(path, func(f *os.File) error { _, err := f.Write(b); return err })
}

// writeWhole writes a file through a temporary one in the same folder, so
// a failed write leaves no half file; personal data gets owner-only rights.
func writeWhole(path string, fn func(f *os.File) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".directdesk-person-*.tmp")
	if err != nil {
		return fileError(err, path)
	}
	name := tmp.Name()
	if err := fn(tmp); err != nil {
		tmp.Close()
		os.Remove(name)
		return fileError(err, path)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return fileError(err, path)
	}
	_ = os.Chmod(name, 0o600)
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return fileError(err, path)
	}
	return nil
}

func fileError(err error, path string) error {
	if _, ok := err.(*marketing.Error); ok {
		return err
	}
	return &marketing.Error{Code: marketing.EInvalid, Field: "path", Err: err,
		Message: "DirectDesk could not write " + filepath.Base(path) + ". Check that the folder exists, that you may save there and that the disk is not full.",
		Details: map[string]string{"reason": "write", "name": filepath.Base(path)}}
}

// WritePersonXLSX writes d as a workbook: an About sheet, then one sheet
// per area that holds something, with readable headers, dates as dates and
// money in major units.
func WritePersonXLSX(d marketing.PersonData, path string) error {
	f := excelize.NewFile()
	defer f.Close()
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8EEF5"}}})
	if err != nil {
		return err
	}
	dateFmt, dtFmt, moneyFmt := "yyyy-mm-dd", "yyyy-mm-dd hh:mm", "#,##0.00"
	dateStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	dtStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &dtFmt})
	moneyStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &moneyFmt})

	if err := f.SetSheetName("Sheet1", "About"); err != nil {
		return err
	}
	about := [][]any{
		{"Personal data held by DirectDesk"},
		{"Person", d.Name},
		{"Contact id", d.ContactID},
		{"Exported", exportedAt(d.ExportedAt)},
		{},
		{"Area", "Rows"},
	}
	for _, a := range d.Areas {
		about = append(about, []any{AreaTitle(a.Key), len(a.Rows)})
	}
	for i, r := range about {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		for j, v := range r {
			if s, ok := v.(string); ok {
				r[j] = sheet.EscapeFormula(s)
			}
		}
		if err := f.SetSheetRow("About", cell, &r); err != nil {
			return err
		}
	}
	_ = f.SetCellStyle("About", "A1", "A1", head)
	_ = f.SetCellStyle("About", "A6", "B6", head)
	_ = f.SetColWidth("About", "A", "A", 28)
	_ = f.SetColWidth("About", "B", "B", 30)

	for _, a := range d.Areas {
		if len(a.Rows) == 0 {
			continue
		}
		name := AreaTitle(a.Key)
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			return err
		}
		hdr := make([]any, len(a.Columns))
		for i, c := range a.Columns {
			hdr[i] = excelize.Cell{StyleID: head, Value: ColumnTitle(c)}
			_ = sw.SetColWidth(i+1, i+1, columnWidth(c))
		}
		if err := sw.SetRow("A1", hdr); err != nil {
			return err
		}
		for r, row := range a.Rows {
			vals := make([]any, len(row))
			for i, v := range row {
				vals[i] = xlsxCell(a.Columns[i], v, dateStyle, dtStyle, moneyStyle)
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+2)
			if err := sw.SetRow(cell, vals); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	return writeWhole(path, func(out *os.File) error { return f.Write(out) })
}

func exportedAt(ts string) any {
	if t, err := time.Parse(time.RFC3339, ts); err == nil {
		return t.Local().Format("2006-01-02 15:04")
	}
	return ts
}

// xlsxCell turns a stored value into a cell: dates and timestamps in date
// columns become real dates, *_minor amounts become money, text is
// escaped against formula injection.
func xlsxCell(col string, v any, dateStyle, dtStyle, moneyStyle int) any {
	switch x := v.(type) {
	case nil:
		return nil
	case int64:
		if strings.HasSuffix(col, "_minor") {
			return excelize.Cell{StyleID: moneyStyle, Value: float64(x) / 100}
		}
		return x
	case float64:
		return x
	case string:
		if x == "" {
			return nil
		}
		if isDateColumn(col) {
			if t, err := time.Parse(time.RFC3339, x); err == nil {
				l := t.Local()
				return excelize.Cell{StyleID: dtStyle, Value: time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), 0, time.UTC)}
			}
			if t, err := time.Parse(time.DateOnly, x); err == nil {
				return excelize.Cell{StyleID: dateStyle, Value: t}
			}
		}
		return sheet.EscapeFormula(x)
	}
	return v
}

func isDateColumn(col string) bool {
	switch col {
	case "at", "date", "birth_date", "customer_since", "due_date", "acquired_on", "expires_on", "callback_at":
		return true
	}
	return strings.HasSuffix(col, "_at")
}

func columnWidth(col string) float64 {
	switch {
	case isDateColumn(col):
		return 17
	case col == "details" || col == "detail" || col == "before" || col == "summary" || col == "snippet" || col == "path":
		return 50
	case col == "email" || col == "from_addr" || col == "recipient" || col == "street1":
		return 30
	}
	return 16
}

// AreaTitle is an area's sheet name ("consent_history" -> "Consent history").
func AreaTitle(key string) string { return ColumnTitle(key) }

// ColumnTitle makes a readable header of a stored column name
// ("first_name" -> "First name", "total_minor" -> "Total", "grp" -> "Group").
func ColumnTitle(col string) string {
	switch col {
	case "grp":
		return "Group"
	case "street1":
		return "Street"
	case "street2":
		return "Street 2"
	case "by_whom":
		return "By"
	case "from_addr":
		return "From"
	case "id":
		return "Contact id"
	case "at":
		return "When"
	}
	col = strings.TrimSuffix(col, "_minor")
	s := strings.ReplaceAll(col, "_", " ")
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

// EraseResult is an erasure's outcome for the UI and CLI.
type EraseResult = marketing.ErasureResult

// ErasePerson erases contact id: one transaction removes or anonymises
// every row about them and keeps their email and phone numbers as hashes
// (so they stay suppressed); then their per-person document files are
// deleted and the workspace file is scrubbed (search index rewritten, WAL
// checkpointed and truncated). An audit line person_erase holds counts only.
func ErasePerson(ctx context.Context, db *store.DB, id int64, by string) (EraseResult, error) {
	p, err := db.ErasePerson(ctx, id, by)
	if err != nil {
		return EraseResult{}, err
	}
	p.Files = deleteFiles(p)
	// The erasure has committed: a busy file does not make it a failure.
	p.ScrubPending = db.ScrubSoon(ctx)
	return p.ErasureResult, nil
}

// ExportPrefix is how a person's export files kept for download (browser
// mode) begin: person-<contact id>-, so an erasure can find them.
func ExportPrefix(id int64) string { return "person-" + strconv.FormatInt(id, 10) + "-" }

// DeleteExports deletes the person's export files kept for download in
// dir and returns how many.
func DeleteExports(dir string, id int64) int {
	if dir == "" {
		return 0
	}
	matches, _ := filepath.Glob(filepath.Join(dir, ExportPrefix(id)+"*"))
	n := 0
	for _, f := range matches {
		if os.Remove(f) == nil {
			n++
		}
	}
	return n
}

func deleteFiles(p store.ErasedPerson) int {
	n := 0
	for _, folder := range p.Folders {
		for _, f := range document.PersonFiles(folder, p.DisplayName) {
			if os.Remove(f) == nil {
				n++
			}
		}
	}
	return n
}

// PersonSummary says what is held about contact id before an export or
// erasure, with the per-person document files that still exist.
func PersonSummary(ctx context.Context, db *store.DB, id int64) (marketing.PersonSummary, error) {
	s, folders, err := db.PersonSummary(ctx, id)
	if err != nil {
		return s, err
	}
	for _, f := range folders {
		s.Files += len(document.PersonFiles(f, s.Name))
	}
	return s, nil
}

// retentionKey is the settings key of the retention rule.
const retentionKey = "privacy.retention"

// Retention reads the retention rule (Years 0 = off, the default).
func Retention(ctx context.Context, db *store.DB) (marketing.RetentionSetting, error) {
	var s marketing.RetentionSetting
	_, err := db.GetValue(ctx, retentionKey, &s)
	return s, err
}

// SetRetention stores the retention rule; 0 switches it off.
func SetRetention(ctx context.Context, db *store.DB, years int) error {
	if years != 0 {
		if err := marketing.ValidRetentionYears(years); err != nil {
			return err
		}
	}
	return db.SetValue(ctx, retentionKey, marketing.RetentionSetting{Years: years})
}

// RetentionBatch is how many people one retention transaction erases.
var RetentionBatch = 500

// RunRetention erases the contacts inactive for years, RetentionBatch at a
// time: each batch is one transaction (all or none) with its own audit
// line, so a cancel or crash leaves whole batches and running it again
// carries on. It runs only when the user starts it.
//
// safety, when set, makes the backup an erasure needs first (only when
// someone is due); if it fails, nobody is erased.
func RunRetention(ctx context.Context, db *store.DB, years int, by string, progress marketing.Progress, safety func(context.Context) (string, error)) (marketing.RetentionResult, error) {
	var res marketing.RetentionResult
	if err := marketing.ValidRetentionYears(years); err != nil {
		return res, err
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	cutoff := db.RetentionCutoff(years)
	total, err := db.CountInactive(ctx, cutoff)
	if err != nil {
		return res, err
	}
	if total > 0 && safety != nil {
		if res.Backup, err = safety(ctx); err != nil {
			return res, err
		}
	}
	progress(0, total)
	for {
		if err := ctx.Err(); err != nil {
			return res, &marketing.Error{Code: marketing.ECanceled, Err: err,
				Message: "Stopped. " + strconv.Itoa(res.Erased) + " people were erased; the others are unchanged. Run it again to carry on."}
		}
		batch, err := db.EraseInactiveBatch(ctx, cutoff, years, RetentionBatch, by)
		if err != nil {
			return res, err
		}
		if len(batch) == 0 {
			break
		}
		for _, p := range batch {
			deleteFiles(p)
		}
		res.Erased += len(batch)
		progress(min(res.Erased, max(total, res.Erased)), max(total, res.Erased))
	}
	if res.Erased > 0 {
		res.ScrubPending = db.ScrubSoon(ctx)
	}
	return res, nil
}

// auditColumns are the audit export's columns.
var auditColumns = []sheet.Column{
	{Header: "When", Kind: sheet.ColDateTime}, {Header: "Action", Width: 20}, {Header: "Contact id", Kind: sheet.ColInteger},
	{Header: "Detail", Width: 60}, {Header: "By", Width: 16},
}

// ExportAudit writes the audit log (newest first; action "" = all) to path
// (.xlsx or .csv), streamed.
func ExportAudit(ctx context.Context, db *store.DB, action, path string) (marketing.ExportResult, error) {
	w, err := sheet.Create(path, auditColumns, sheet.WriteOptions{SheetName: "Audit log"})
	if err != nil {
		return marketing.ExportResult{}, err
	}
	err = db.EachAudit(ctx, action, func(e marketing.AuditEntry) error {
		cid := ""
		if e.ContactID != 0 {
			cid = strconv.FormatInt(e.ContactID, 10)
		}
		return w.Write([]string{e.At, e.Action, cid, detailText(e.Detail), e.By})
	})
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

// detailText is an audit line's detail as "key: value; ..." in key order.
func detailText(d map[string]string) string {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+": "+d[k])
	}
	return strings.Join(parts, "; ")
}

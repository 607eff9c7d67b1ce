package privacy_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"directdesk/backend/marketing"
	"directdesk/backend/privacy"

	"github.com/xuri/excelize/v2"
)

// The export holds every email and number with its reason in words, and
// the erased people as one line with their count and nothing readable.
func TestExportSuppressionsReopensInExcel(t *testing.T) {
	ctx := context.Background()
	ws := openWS(t)
	db := ws.DB
	if _, err := db.AddSuppressionEntry(ctx, "phone", "+45 20 12 34 56", marketing.SuppressOptOut, "call on 2026-11-02", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AddSuppressionEntry(ctx, "email", "=cmd@example.dk", marketing.SuppressHardBounce, "", ""); err != nil {
		t.Fatal(err)
	}
	gone := marketing.Contact{FirstName: "Ida", LastName: "Holm", Email: "ida@example.dk", Phone: "+4533445566", Kind: marketing.KindCustomer}
	if err := db.CreateContact(ctx, &gone); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ErasePerson(ctx, gone.ID, ""); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "suppression.xlsx")
	res, err := privacy.ExportSuppressions(ctx, db, path)
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 3 || res.Name != "suppression.xlsx" {
		t.Errorf("result %+v", res)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[0][1] != "Email or phone" {
		t.Fatalf("rows %q", rows)
	}
	if rows[1][0] != "email" || rows[1][2] != "Address does not exist (hard bounce)" {
		t.Errorf("email row %q", rows[1])
	}
	// A value starting with = is text, not a formula.
	if formula, _ := f.GetCellFormula(f.GetSheetName(0), "B2"); formula != "" {
		t.Errorf("B2 is a formula: %q", formula)
	}
	if rows[2][0] != "phone" || rows[2][1] != "+4520123456" || rows[2][2] != "Said no (opt-out)" || rows[2][3] != "call on 2026-11-02" {
		t.Errorf("phone row %q", rows[2])
	}
	// The erased person is a count, with nothing readable.
	if rows[3][0] != "erased" || rows[3][1] != "" || rows[3][2] != "2 addresses and numbers of erased people (kept only as a code)" {
		t.Errorf("erased row %q", rows[3])
	}
	for _, r := range rows {
		for _, c := range r {
			if strings.Contains(c, "ida@") || strings.Contains(c, "33445566") {
				t.Errorf("the erased person is readable: %q", r)
			}
		}
	}
}

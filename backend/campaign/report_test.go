package campaign

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"directdesk/backend/marketing"
)

func TestReportPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	sc := newScenario(t)
	f := sc.f
	dir := t.TempDir()
	for lang, words := range map[string][]string{
		"ru": {"Отчёт по кампании", "Отклики", "Касание", "Целевая группа", "Контрольная группа", "Прирост (доля покупателей)"},
		"da": {"Kampagnerapport", "Svarprocent", "Målgruppe", "Kort fortalt", "Kontrolgruppe"},
		"en": {"Campaign report", "Responses and orders by touch", "Follow-up curve", "does not pay for itself yet", "Page 1 of 2"},
	} {
		var buf bytes.Buffer
		if err := f.s.ReportPDF(f.ctx, sc.c.ID, lang, &buf); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "report-"+lang+".pdf")
		if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		if dump := os.Getenv("DD_REPORT_DIR"); dump != "" {
			os.WriteFile(filepath.Join(dump, "report-"+lang+".pdf"), buf.Bytes(), 0o644)
		}
		out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		text := string(out)
		for _, w := range append(words, "Forårstilbud 2026") {
			if !strings.Contains(text, w) {
				t.Errorf("%s report lacks %q:\n%s", lang, w, text)
			}
		}
	}
	// A report of an unknown campaign is an error, not an empty file.
	var buf bytes.Buffer
	if err := f.s.ReportPDF(f.ctx, 999, "en", &buf); marketing.ErrorCode(err) != marketing.ENotFound || buf.Len() != 0 {
		t.Errorf("unknown campaign: %v, %d bytes", err, buf.Len())
	}
}

func TestReportXLSX(t *testing.T) {
	sc := newScenario(t)
	f := sc.f
	// A response whose detail looks like a formula.
	f.respond(NewResponse{CampaignID: sc.c.ID, ContactID: sc.target[9], Kind: marketing.ResponseInquiry, Detail: "=HYPERLINK(\"http://evil\")"})
	for lang, sheets := range map[string][]string{
		"en": {"Summary", "Touches", "Segments", "Follow-up", "Daily", "Responses"},
		"sv": {"Översikt", "Steg", "Segment", "Uppföljning", "Per dag", "Svar"},
		"ru": {"Сводка", "Касания", "Сегменты", "Кривая отклика", "По дням", "Отклики"},
	} {
		var buf bytes.Buffer
		if err := f.s.ReportXLSX(f.ctx, sc.c.ID, lang, &buf); err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if got := x.GetSheetList(); strings.Join(got, "|") != strings.Join(sheets, "|") {
			t.Errorf("%s sheets %v, want %v", lang, got, sheets)
		}
		if lang == "en" {
			checkEnglishWorkbook(t, x, sc)
		}
		x.Close()
	}
}

func checkEnglishWorkbook(t *testing.T, x *excelize.File, sc *rscenario) {
	t.Helper()
	if v, _ := x.GetCellValue("Summary", "A1"); v != "Forårstilbud 2026" {
		t.Errorf("title %q", v)
	}
	// Touches: a header, three touches and the total. Money is a number
	// with two decimals, rates are percentages.
	rows, err := x.GetRows("Touches")
	if err != nil || len(rows) != 5 {
		t.Fatalf("touch rows %v %v", rows, err)
	}
	head := strings.Join(rows[0], "|")
	if !strings.Contains(head, "Revenue (DKK)") || !strings.Contains(head, "Response rate") {
		t.Errorf("header %s", head)
	}
	col := func(name string) int {
		for i, h := range rows[0] {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s in %v", name, rows[0])
		return -1
	}
	cell := func(row, c int) string {
		name, _ := excelize.CoordinatesToCellName(c+1, row+1)
		return name
	}
	raw, _ := x.GetCellValue("Touches", cell(1, col("Revenue (DKK)")), excelize.Options{RawCellValue: true})
	shown, _ := x.GetCellValue("Touches", cell(1, col("Revenue (DKK)")))
	if raw != "1000" || shown != "1,000.00" {
		t.Errorf("letter revenue raw %q shown %q", raw, shown)
	}
	rate, _ := x.GetCellValue("Touches", cell(1, col("Response rate")))
	if rate != "10.0%" {
		t.Errorf("letter response rate shown %q", rate)
	}
	// T1..T7 and T10 (the inquiry above, after her call): 8 people.
	if rows[4][0] != "Total" || rows[4][col("Responses")] != "8" {
		t.Errorf("total row %v", rows[4])
	}
	// Every response is listed; a formula-looking text stays text.
	resp, _ := x.GetRows("Responses")
	page, _ := sc.f.s.Responses(sc.f.ctx, ResponseQuery{CampaignID: sc.c.ID})
	if len(resp) != page.Total+1 {
		t.Errorf("%d response rows for %d responses", len(resp)-1, page.Total)
	}
	found := false
	for _, r := range resp {
		for _, v := range r {
			if strings.Contains(v, "HYPERLINK") {
				found = true
				if !strings.HasPrefix(v, "'") {
					t.Errorf("formula-looking text not escaped: %q", v)
				}
			}
		}
	}
	if !found {
		t.Errorf("the inquiry's detail is missing")
	}
	if f, _ := x.GetCellFormula("Responses", "J2"); f != "" {
		t.Errorf("a formula in the responses: %q", f)
	}
	follow, _ := x.GetRows("Follow-up")
	if len(follow) != 4 || follow[3][5] != "100.0%" {
		t.Errorf("follow-up %v", follow)
	}
}

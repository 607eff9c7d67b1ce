package app_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"directdesk/app"
	"directdesk/backend/marketing"
)

func TestStartersMakeLettersLabelsAndCatalogsForADemoWorkspace(t *testing.T) {
	a, ui := newApp(t)
	if _, err := a.Workspace.LoadDemo(300); err != nil {
		t.Fatal(err)
	}
	templates, err := a.Documents.Templates("")
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]marketing.Template{}
	for _, tp := range templates {
		byName[tp.Name] = tp
	}
	for _, name := range []string{"standard-letter", "offer-letter", "standard-labels", "standard-catalog"} {
		if _, ok := byName[name]; !ok {
			t.Fatalf("starter %s missing from %d templates", name, len(templates))
		}
	}
	all := app.DocumentSelection{}
	prev, err := a.Documents.Preview(byName["offer-letter"], all, 1)
	if err != nil {
		t.Fatal(err)
	}
	if prev.Total != 300 || prev.Index != 1 || !strings.Contains(prev.HTML, prev.Name[:2]) && !strings.Contains(prev.HTML, "15") {
		t.Errorf("preview = %+v", prev)
	}
	rep, err := a.Documents.Preflight(byName["offer-letter"], all)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Recipients != 300 {
		t.Errorf("preflight recipients = %d", rep.Recipients)
	}
	dir := t.TempDir()
	for _, name := range []string{"offer-letter", "standard-labels", "standard-catalog"} {
		out := filepath.Join(dir, name+".pdf")
		res, err := a.Documents.Generate(byName[name].ID, all, out, app.GenerateOptions{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if res.Run.Recipients+res.Run.Skipped != 300 || res.Run.Pages == 0 {
			t.Errorf("%s: %+v", name, res.Run)
		}
		info, err := exec.Command("pdfinfo", out).Output()
		if err != nil || !strings.Contains(string(info), "Pages:") {
			t.Errorf("%s: pdfinfo: %v %s", name, err, info)
		}
		if os.Getenv("DD_KEEP") != "" {
			exec.Command("cp", out, os.Getenv("DD_KEEP")).Run()
		}
	}
	if err := a.Documents.Open(filepath.Join(dir, "offer-letter.pdf")); err != nil || len(ui.opened) != 1 {
		t.Errorf("open: %v %v", err, ui.opened)
	}
	runs, err := a.Documents.Runs()
	if err != nil || len(runs) != 3 {
		t.Errorf("runs = %v, %v", runs, err)
	}
}

func TestBrowserModeZipsOnePDFPerRecipientIntoTheDownloadFolder(t *testing.T) {
	a, _ := newApp(t)
	if _, err := a.Workspace.LoadDemo(20); err != nil {
		t.Fatal(err)
	}
	templates, err := a.Documents.Templates(marketing.KindLetter)
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.Documents.Generate(templates[0].ID, app.DocumentSelection{}, "", app.GenerateOptions{Output: marketing.OutputPerPerson})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(res.Download, ".zip") || a.DownloadPath(res.Download) == "" || res.Run.Path != a.DownloadPath(res.Download) {
		t.Errorf("download %q (%q), run path %q", res.Download, a.DownloadPath(res.Download), res.Run.Path)
	}
	// Only documents DirectDesk made can be opened.
	if err := a.Documents.Open("/etc/passwd"); marketing.ErrorCode(err) != marketing.ENotFound {
		t.Errorf("opening a file it did not make: %v", err)
	}
}

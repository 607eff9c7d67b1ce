package app_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"

	"directdesk/app"
	"directdesk/backend/marketing"
	"directdesk/backend/workspace"
)

type recordingUI struct {
	mu     sync.Mutex
	events []string
	opened []string
	onEmit func(name string)
}

func (u *recordingUI) Emit(name string, data any) {
	u.mu.Lock()
	u.events = append(u.events, name)
	f := u.onEmit
	u.mu.Unlock()
	if f != nil {
		f(name)
	}
}
func (u *recordingUI) OpenFile(string, []app.FileFilter) (string, error) { return "", nil }
func (u *recordingUI) SaveFile(string, string, []app.FileFilter) (string, error) {
	return "", nil
}
func (u *recordingUI) ChooseFolder(string) (string, error) { return "", nil }
func (u *recordingUI) OpenPath(path string) error {
	u.mu.Lock()
	u.opened = append(u.opened, path)
	u.mu.Unlock()
	return nil
}

func newApp(t *testing.T) (*app.App, *recordingUI) {
	ws, err := workspace.Open(context.Background(), t.TempDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	a := app.New(ws, nil, "test")
	ui := &recordingUI{}
	a.SetUI(ui)
	return a, ui
}

func TestFormatErrorIsJSONTheFrontendParses(t *testing.T) {
	s := app.FormatError(marketing.FieldError(marketing.EInvalid, "email", "bad", map[string]string{"value": "x"})).(string)
	var e map[string]any
	if err := json.Unmarshal([]byte(s), &e); err != nil {
		t.Fatal(err)
	}
	if e["code"] != "invalid" || e["field"] != "email" || e["message"] != "bad" {
		t.Fatalf("got %v", e)
	}
	s = app.FormatError(errors.New("database is locked (5) at /home/anna/secret.db")).(string)
	if json.Unmarshal([]byte(s), &e); e["code"] != "internal" || e["message"] == "" {
		t.Fatalf("got %v", e)
	}
	if strings.Contains(s, "secret.db") {
		t.Fatalf("internal cause leaked to the UI: %s", s)
	}
}

func TestLoadDemoThrottlesProgressAndCanBeCancelled(t *testing.T) {
	a, ui := newApp(t)
	ui.onEmit = func(name string) {
		if name == "job:progress" {
			a.Workspace.CancelJob("demo")
		}
	}
	_, err := a.Workspace.LoadDemo(50000)
	if marketing.ErrorCode(err) != marketing.ECanceled {
		t.Fatalf("got %v, want canceled", err)
	}
	info, _ := a.Workspace.Info()
	if info.Counts.Contacts == 0 || info.Counts.Contacts >= 50000 {
		t.Fatalf("contacts %d: cancel should stop after the first batch", info.Counts.Contacts)
	}
	ui.mu.Lock()
	last := ui.events[len(ui.events)-1]
	ui.mu.Unlock()
	if last != "job:done" {
		t.Fatalf("last event %q, want job:done", last)
	}
}

func TestProgressEventsAreThrottled(t *testing.T) {
	a, ui := newApp(t)
	if _, err := a.Workspace.LoadDemo(20000); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range ui.events {
		if e == "job:progress" {
			n++
		}
	}
	// 4 batches: at most one event per batch (the 100 ms throttle is a
	// timing; the test does not assert it).
	if n == 0 || n > 4 {
		t.Fatalf("%d progress events", n)
	}
}

func TestSecondJobOfTheSameKindIsRefused(t *testing.T) {
	a, ui := newApp(t)
	started := make(chan struct{})
	release := make(chan struct{})
	var once sync.Once
	ui.onEmit = func(name string) {
		if name == "job:progress" {
			once.Do(func() { close(started); <-release })
		}
	}
	done := make(chan error)
	go func() { _, err := a.Workspace.LoadDemo(10000); done <- err }()
	<-started
	_, err := a.Workspace.LoadDemo(10)
	close(release)
	if marketing.ErrorCode(err) != marketing.EConflict {
		t.Fatalf("second job: %v, want conflict", err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestUIReadyIsRecorded(t *testing.T) {
	a, _ := newApp(t)
	if err := a.Workspace.UIReady("desktop"); err != nil {
		t.Fatal(err)
	}
	if err := a.Workspace.UIReady("bad\nname"); err == nil {
		t.Fatal("control characters accepted")
	}
}

func TestAboutListsLicences(t *testing.T) {
	a, _ := newApp(t)
	info := a.Workspace.About()
	if info.Version != "test" || len(info.Licenses) == 0 || info.Licenses[0].License == "" {
		t.Fatalf("about %+v", info)
	}
}

package web_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"directdesk/app"
	"directdesk/app/web"
	"directdesk/backend/marketing"
	"directdesk/backend/workspace"
)

type harness struct {
	base  string
	token string
	app   *app.App
}

func start(t *testing.T) *harness {
	t.Helper()
	ws, err := workspace.Open(context.Background(), t.TempDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	a := app.New(ws, nil, "test")
	assets := fstest.MapFS{"index.html": {Data: []byte("<html><head><title>DirectDesk</title></head><body></body></html>")}}
	srv, err := web.New(a, assets)
	if err != nil {
		t.Fatal(err)
	}
	l, url, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { srv.Serve(ctx, l); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	base := strings.SplitN(url, "/?token=", 2)[0]
	return &harness{base: base, token: srv.Token, app: a}
}

// call posts a bound-method call and returns the decoded body.
func (h *harness) call(t *testing.T, name string, args ...any) (json.RawMessage, *marketing.Error) {
	t.Helper()
	raw := make([]json.RawMessage, len(args))
	for i, a := range args {
		raw[i], _ = json.Marshal(a)
	}
	body, _ := json.Marshal(map[string]any{"name": name, "args": raw})
	req, _ := http.NewRequest("POST", h.base+"/bridge/call", strings.NewReader(string(body)))
	req.Header.Set("X-DirectDesk-Token", h.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Result json.RawMessage `json:"result"`
		Error  *string         `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("%s: status %d, %v", name, resp.StatusCode, err)
	}
	if out.Error != nil {
		var e marketing.Error
		if err := json.Unmarshal([]byte(*out.Error), &e); err != nil {
			t.Fatalf("error is not JSON: %q", *out.Error)
		}
		return nil, &e
	}
	return out.Result, nil
}

func TestBoundMethodsWorkOverHTTP(t *testing.T) {
	h := start(t)
	res, e := h.call(t, "app.Contacts.Create", marketing.Contact{FirstName: "Anna", LastName: "Hansen", Email: " anna@example.com ", Country: "DK", Mobile: "20 12 34 56"})
	if e != nil {
		t.Fatal(e)
	}
	var c marketing.Contact
	json.Unmarshal(res, &c)
	if c.ID == 0 || c.Email != "anna@example.com" || c.Mobile != "+4520123456" {
		t.Fatalf("created %+v", c)
	}
	res, e = h.call(t, "app.Contacts.List", marketing.ContactQuery{Search: "hansen"})
	var page marketing.ContactPage
	json.Unmarshal(res, &page)
	if e != nil || page.Total != 1 {
		t.Fatalf("list %+v %v", page, e)
	}
}

func TestCodedErrorsArriveAsJSONWithField(t *testing.T) {
	h := start(t)
	_, e := h.call(t, "app.Contacts.Create", marketing.Contact{LastName: "Hansen", Email: "anna@"})
	if e == nil || e.Code != "invalid" || e.Field != "email" || e.Message == "" {
		t.Fatalf("got %+v", e)
	}
	_, e = h.call(t, "app.Contacts.Nope")
	if e == nil || e.Code != "not_found" {
		t.Fatalf("unknown method: %+v", e)
	}
	_, e = h.call(t, "app.Contacts.Get", "not a number")
	if e == nil || e.Code != "invalid" {
		t.Fatalf("bad argument: %+v", e)
	}
	_, e = h.call(t, "app.Contacts.Get")
	if e == nil || e.Code != "invalid" {
		t.Fatalf("missing argument: %+v", e)
	}
}

func TestCallsNeedTheTokenAndTheSameOrigin(t *testing.T) {
	h := start(t)
	body := `{"name":"app.Workspace.Info","args":[]}`
	for _, tt := range []struct {
		name   string
		token  string
		origin string
		host   string
		want   int
	}{
		{"no token", "", "", "", http.StatusUnauthorized},
		{"wrong token", "nope", "", "", http.StatusUnauthorized},
		{"foreign origin", h.token, "http://evil.example", "", http.StatusForbidden},
		{"rebinding host", h.token, "", "evil.example:80", http.StatusMisdirectedRequest},
		{"good", h.token, h.base, "", http.StatusOK},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", h.base+"/bridge/call", strings.NewReader(body))
			if tt.token != "" {
				req.Header.Set("X-DirectDesk-Token", tt.token)
			}
			if tt.origin != "" {
				req.Header.Set("Origin", tt.origin)
			}
			if tt.host != "" {
				req.Host = tt.host
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.want)
			}
		})
	}
}

func TestListenRefusesNonLoopback(t *testing.T) {
	a := app.New(nil, nil, "test")
	srv, err := web.New(a, fstest.MapFS{})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := srv.Listen("0.0.0.0:0"); marketing.ErrorCode(err) != marketing.EInvalid {
		t.Fatalf("listening on all interfaces: %v", err)
	}
}

func TestIndexGetsTheShimAndUploadsBecomeFiles(t *testing.T) {
	h := start(t)
	resp, err := http.Get(h.base + "/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), `<script src="/bridge/shim.js"></script>`) {
		t.Fatalf("index without shim: %s", b)
	}
	req, _ := http.NewRequest("POST", h.base+"/bridge/upload", strings.NewReader("\x89PNG\r\n\x1a\n0000000000"))
	req.Header.Set("X-DirectDesk-Token", h.token)
	req.Header.Set("X-File-Name", "..%2F..%2Fetc%2Flogo.png")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var out struct{ Result string }
	json.NewDecoder(resp.Body).Decode(&out)
	resp.Body.Close()
	if !strings.HasSuffix(out.Result, "/logo.png") || strings.Contains(out.Result, "..") {
		t.Fatalf("upload path %q", out.Result)
	}
	res, e := h.call(t, "app.Workspace.SetLogo", out.Result)
	if e != nil || !strings.Contains(string(res), "data:image/png;base64,") {
		t.Fatalf("set logo from upload: %s %v", res, e)
	}
}

func TestProgressEventsReachTheBrowser(t *testing.T) {
	h := start(t)
	req, _ := http.NewRequest("GET", h.base+"/bridge/events?token="+h.token, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	if l := <-lines; !strings.HasPrefix(l, ": connected") {
		t.Fatalf("first line %q", l)
	}
	go func() {
		// Not h.call: t.Fatal must not run outside the test goroutine.
		req, _ := http.NewRequest("POST", h.base+"/bridge/call", strings.NewReader(`{"name":"app.Workspace.LoadDemo","args":[600]}`))
		req.Header.Set("X-DirectDesk-Token", h.token)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	}()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case l := <-lines:
			if strings.Contains(l, `"job:done"`) {
				if !strings.Contains(l, `"ok":true`) {
					t.Fatalf("job failed: %s", l)
				}
				return
			}
		case <-timeout:
			t.Fatal("no job:done event within 20 s")
		}
	}
}

func TestAWorkspaceThatCouldNotOpenIsExplained(t *testing.T) {
	openErr := &marketing.Error{Code: marketing.ELocked, Message: "DirectDesk is already open with this workspace."}
	a := app.New(nil, openErr, "test")
	srv, _ := web.New(a, fstest.MapFS{})
	l, url, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go srv.Serve(ctx, l)
	h := &harness{base: strings.SplitN(url, "/?token=", 2)[0], token: srv.Token}
	_, e := h.call(t, "app.Workspace.Info")
	if e == nil || e.Code != "locked" {
		t.Fatalf("got %+v", e)
	}
}

func TestPathsMustBeUploadsInBrowserMode(t *testing.T) {
	h := start(t)
	for _, p := range []string{"/etc/passwd", "/dev/zero", "../../etc/hosts", "/tmp"} {
		_, e := h.call(t, "app.Workspace.SetLogo", p)
		if e == nil || e.Code != "invalid" {
			t.Fatalf("%s: got %+v, want invalid", p, e)
		}
	}
	if _, e := h.call(t, "app.Workspace.SetLogo", ""); e != nil {
		t.Fatalf("removing the logo: %+v", e)
	}
}

func TestDesktopOnlyMethodsAreRefusedInBrowserMode(t *testing.T) {
	h := start(t)
	for _, c := range []struct {
		method string
		arg    any
	}{
		{"app.Documents.Open", "/etc/passwd"},
		{"app.Documents.ShowInFolder", "/etc"},
		{"app.Products.ImagesFromFolder", "/home"},
		{"app.Documents.AddImage", "/etc/hostname.png"},
	} {
		if _, e := h.call(t, c.method, c.arg); e == nil || e.Code != "invalid" {
			t.Errorf("%s(%v): got %+v, want invalid", c.method, c.arg, e)
		}
	}
}

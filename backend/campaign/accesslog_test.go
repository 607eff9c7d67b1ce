package campaign

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"directdesk/backend/marketing"
)

func TestParseLogLine(t *testing.T) {
	for _, c := range []struct {
		line   string
		ok     bool
		method string
		target string
		status int
		at     string
	}{
		// Common Log Format (Apache's own example).
		{`127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326`, true, "GET", "/apache_pb.gif", 200, "2000-10-10T20:55:36Z"},
		// Combined, nginx style, with a referer and an agent.
		{`2001:db8::1 - - [14/Mar/2026:09:12:01 +0100] "GET /tilbud?dd=K7MQX9A&utm_content=touch2 HTTP/2.0" 302 0 "https://mail.example/" "Mozilla/5.0 (X11)"`, true, "GET", "/tilbud?dd=K7MQX9A&utm_content=touch2", 302, "2026-03-14T08:12:01Z"},
		// An escaped quote in the request; no size.
		{`10.0.0.1 - - [14/Mar/2026:09:12:01 +0000] "GET /a\"b HTTP/1.1" 404 -`, true, "GET", `/a"b`, 404, "2026-03-14T09:12:01Z"},
		// A port scan's empty request is a line, requesting nothing.
		{`10.0.0.1 - - [14/Mar/2026:09:12:01 +0000] "-" 408 -`, true, "", "", 408, "2026-03-14T09:12:01Z"},
		{`not a log line at all`, false, "", "", 0, ""},
		{`10.0.0.1 - - [14/Mar/2026:09:12:01] "GET / HTTP/1.1" 200 1`, false, "", "", 0, ""},
		{`10.0.0.1 - - [14/Mar/2026:09:12:01 +0000] "GET / HTTP/1.1" 2000 1`, false, "", "", 0, ""},
		{`10.0.0.1 - - [14/Mar/2026:09:12:01 +0000] "GET / HTTP/1.1 200 1`, false, "", "", 0, ""},
		{`10.0.0.1 - - [14/Mar/2026:09:12:01 +0000] "GET / HTTP/1.1" 200 lots`, false, "", "", 0, ""},
		{`Time,Email,Amount`, false, "", "", 0, ""},
	} {
		l, ok := parseLogLine(c.line)
		if ok != c.ok {
			t.Errorf("%q: ok %v", c.line, ok)
			continue
		}
		if !ok {
			continue
		}
		if l.Method != c.method || l.Target != c.target || l.Status != c.status || marketing.Timestamp(l.At) != c.at {
			t.Errorf("%q: %+v %s", c.line, l, marketing.Timestamp(l.At))
		}
	}
}

func TestTrackedHit(t *testing.T) {
	code := marketing.NewResponseCode()
	at := time.Date(2026, 3, 14, 8, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		method, target string
		status         int
		tracked        bool
		kind           string
		seq            int
		hasCode        bool
	}{
		{"GET", "/tilbud?dd=" + code + "&utm_content=touch2", 200, true, "click", 2, true},
		{"GET", "/tilbud?utm_source=dd&dd=" + strings.ToLower(code[:4]) + "-" + code[4:] + "&utm_content=Touch3", 301, true, "click", 3, true},
		{"GET", "/t/p.gif?dd=" + code + "&t=4", 304, true, "open", 4, true},
		{"GET", "/img/Logo.PNG?dd=" + code, 200, true, "open", 0, true},
		{"GET", "https://shop.example.dk/side?dd=" + code + "&utm_content=touch1#top", 200, true, "click", 1, true},
		{"GET", "/tilbud?dd=NOTACODE&utm_content=touch2", 200, true, "click", 2, false},
		{"GET", "/tilbud?dd=" + code + "&x=%zz", 200, true, "click", 0, true},
		{"GET", "/style.css?dd=" + code, 200, false, "", 0, false},
		{"GET", "/tilbud?dd=" + code, 404, false, "", 0, false},
		{"POST", "/tilbud?dd=" + code, 200, false, "", 0, false},
		{"HEAD", "/tilbud?dd=" + code, 200, false, "", 0, false},
		{"GET", "/tilbud?utm_content=touch2", 200, false, "", 0, false},
	} {
		h, ok := trackedHit(logLine{At: at, Method: c.method, Target: c.target, Status: c.status})
		if ok != c.tracked || ok && (h.Kind != c.kind || h.Seq != c.seq || (h.Code == code) != c.hasCode || h.At != "2026-03-14T08:00:00Z") {
			t.Errorf("%s %s %d: %+v %v", c.method, c.target, c.status, h, ok)
		}
	}
}

func TestImportAccessLog(t *testing.T) {
	s := newSmall(t, []string{}, 0)
	f := s.f
	dir := t.TempDir()
	a, b := s.codes[s.target[0]], s.codes[s.target[1]]
	unknown := marketing.NewResponseCode()
	lines := []string{
		`203.0.113.5 - - [14/Mar/2026:09:12:01 +0100] "GET /tilbud?dd=` + a + `&utm_content=touch2 HTTP/1.1" 200 5120 "-" "Mozilla/5.0"`,
		`203.0.113.5 - - [14/Mar/2026:09:12:02 +0100] "GET /t/p.gif?dd=` + a + `&t=2 HTTP/1.1" 200 43 "-" "Mozilla/5.0"`,
		`198.51.100.7 - - [14/Mar/2026:10:00:00 +0100] "GET /t/p.gif?dd=` + b + `&t=2 HTTP/1.1" 304 0`,
		`198.51.100.7 - - [14/Mar/2026:10:00:00 +0100] "GET /t/p.gif?dd=` + b + `&t=2 HTTP/1.1" 304 0`, // the same load twice in one second: one
		`198.51.100.9 - - [14/Mar/2026:10:00:00 +0100] "GET /tilbud?dd=` + unknown + ` HTTP/1.1" 200 10`,
		`198.51.100.9 - - [14/Mar/2026:10:00:00 +0100] "GET /tilbud?dd=` + a + ` HTTP/1.1" 500 10`,
		`198.51.100.9 - - [14/Mar/2026:10:00:00 +0100] "GET / HTTP/1.1" 200 10`,
		``,
		`garbage line`,
		`198.51.100.9 - - [14/Mar/2026:10:00:00 +0100] "GET /` + strings.Repeat("x", 70<<10) + ` HTTP/1.1" 200 10`,
	}
	text := strings.Join(lines, "\r\n") + "\r\n"
	plain := filepath.Join(dir, "access.log")
	if err := os.WriteFile(plain, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(text))
	zw.Close()
	zipped := filepath.Join(dir, "access.log.1.gz")
	if err := os.WriteFile(zipped, gz.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	// 9 lines (the empty one does not count); 5 tracked (the 500 is not);
	// 4 with a known code; 3 different visits; 2 bad (garbage, too long).
	res, err := f.s.ImportAccessLog(f.ctx, plain, nil)
	if err != nil || res != (AccessLogResult{Lines: 9, Tracked: 5, Matched: 4, Added: 3, Bad: 2}) {
		t.Fatalf("first import %+v %v", res, err)
	}
	res, err = f.s.ImportAccessLog(f.ctx, zipped, nil)
	if err != nil || res != (AccessLogResult{Lines: 9, Tracked: 5, Matched: 4, Added: 0, Bad: 2}) {
		t.Errorf("the same log gzipped %+v %v", res, err)
	}
	r, err := f.s.Results(f.ctx, s.c.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Touch 2 (the email): one person clicked, two loaded the picture.
	if r.Touches[1].Clicks != 1 || r.Touches[1].Opens != 2 || r.Totals.Clicks != 1 || r.Totals.Opens != 2 || r.Touches[0].Opens != 0 {
		t.Errorf("clicks and opens %+v %+v", r.Touches, r.Totals)
	}

	notLog := filepath.Join(dir, "orders.csv")
	os.WriteFile(notLog, []byte("Email;Amount\na@b.dk;10\n"), 0o600)
	empty := filepath.Join(dir, "empty.log")
	os.WriteFile(empty, nil, 0o600)
	broken := filepath.Join(dir, "broken.gz")
	os.WriteFile(broken, gz.Bytes()[:len(gz.Bytes())/2], 0o600)
	for path, want := range map[string]string{notLog: "unsupported_file/not_access_log", empty: "unsupported_file/empty",
		broken: "unsupported_file/damaged", filepath.Join(dir, "gone.log"): "not_found/"} {
		if _, err := f.s.ImportAccessLog(f.ctx, path, nil); reasonOf(err) != want {
			t.Errorf("%s: %v, want %s", filepath.Base(path), err, want)
		}
	}
	ctx, cancel := context.WithCancel(f.ctx)
	cancel()
	big := filepath.Join(dir, "big.log")
	os.WriteFile(big, []byte(strings.Repeat(lines[0]+"\n", 5000)), 0o600)
	if _, err := f.s.ImportAccessLog(ctx, big, nil); marketing.ErrorCode(err) != marketing.ECanceled {
		t.Errorf("cancelled: %v", err)
	}
}

// FuzzAccessLogLine: no line makes the parser panic; what it accepts is
// a well-formed request, and a tracked hit has a kind, a touch number in
// range, a code that parses (or none) and a UTC timestamp.
func FuzzAccessLogLine(f *testing.F) {
	f.Add(`127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326`)
	f.Add(`2001:db8::1 - - [14/Mar/2026:09:12:01 +0100] "GET /tilbud?dd=K7MQX9A&utm_content=touch2 HTTP/2.0" 302 0 "https://mail.example/" "Mozilla/5.0"`)
	f.Add(`10.0.0.1 - - [14/Mar/2026:09:12:01 +0000] "GET /t/p.gif?dd=k7mq-x9a&t=12 HTTP/1.1" 304 -`)
	f.Add(`10.0.0.1 - - [14/Mar/2026:09:12:01 +0000] "GET https://a.dk/x?dd=K7MQX9A#f HTTP/1.1" 200 1`)
	f.Add(`10.0.0.1 - - [14/Mar/2026:09:12:01 +0000] "GET /a\"b\\ HTTP/1.1" 404 -`)
	f.Add(`x y z [ ] "" 200 1`)
	f.Fuzz(func(t *testing.T, line string) {
		l, ok := parseLogLine(line)
		if !ok {
			return
		}
		if l.Status < 100 || l.Status > 599 || l.At.IsZero() {
			t.Fatalf("accepted %q as %+v", line, l)
		}
		h, tracked := trackedHit(l)
		if !tracked {
			return
		}
		if h.Kind != "click" && h.Kind != "open" || h.Seq < 0 || h.Seq > 99 || len(h.URL) > 500*4 {
			t.Fatalf("hit %+v from %q", h, line)
		}
		if h.Code != "" {
			if c, err := marketing.ParseResponseCode(h.Code); err != nil || c != h.Code {
				t.Fatalf("code %q from %q", h.Code, line)
			}
		}
		if _, err := time.Parse(marketing.TimestampLayout, h.At); err != nil {
			t.Fatalf("at %q from %q", h.At, line)
		}
	})
}

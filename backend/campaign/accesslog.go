package campaign

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/store"
)

// Opens and clicks from the user's own web site: a tracked link carries
// the person's response code and the touch number
// (https://shop.dk/offer?dd=K7MQX9A&utm_content=touch2), the tracking
// picture of an email is any .gif or .png with the code and the touch
// (https://shop.dk/t/p.gif?dd=K7MQX9A&t=2). The web server's access log
// (Common or Combined Log Format, as Apache, nginx and most hosts write
// it) then tells who came when; nothing leaves the shop owner's computer.

// AccessLogResult is what an access-log import found.
type AccessLogResult struct {
	Lines   int `json:"lines"`
	Tracked int `json:"tracked"` // lines with a response code
	Matched int `json:"matched"` // codes of known people
	Added   int `json:"added"`   // new visits (a second import adds none)
	Bad     int `json:"bad"`     // lines not in common/combined format
}

// maxLogLine is the longest line read; longer ones are counted bad.
const maxLogLine = 64 << 10

// ImportAccessLog reads a web server access log (common or combined
// format, optionally gzip) and records tracked link visits and picture
// loads per person and touch.
func (s *Service) ImportAccessLog(ctx context.Context, path string, progress marketing.Progress) (AccessLogResult, error) {
	var res AccessLogResult
	if progress == nil {
		progress = func(int, int) {}
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return res, &marketing.Error{Code: marketing.ENotFound, Message: "DirectDesk cannot find the file. It may have been moved, renamed or deleted; pick it again.", Err: err}
	} else if err != nil {
		return res, &marketing.Error{Code: marketing.EInvalid, Message: "DirectDesk cannot open the file. Check that it is not open in another program with a lock, then try again.", Err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return res, err
	}
	if st.Size() == 0 {
		return res, marketing.FieldError(marketing.EUnsupportedFile, "path", "The file is empty. Pick the web server's access log (access.log or access.log.gz).", map[string]string{"reason": "empty"})
	}
	counted := &countingReader{r: f}
	br := bufio.NewReaderSize(counted, 64<<10)
	var in io.Reader = br
	if head, _ := br.Peek(2); bytes.Equal(head, []byte{0x1f, 0x8b}) {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return res, damagedLog(err)
		}
		defer gz.Close()
		in = gz
	}
	lines := bufio.NewReaderSize(in, maxLogLine)
	var hits []store.WebHit
	for {
		line, tooLong, err := readLogLine(lines)
		if err != nil && !errors.Is(err, io.EOF) {
			return AccessLogResult{}, damagedLog(err)
		}
		if len(bytes.TrimSpace(line)) > 0 || tooLong {
			res.Lines++
			if res.Lines%4096 == 0 {
				if ctx.Err() != nil {
					return AccessLogResult{}, marketing.Errorf(marketing.ECanceled, "Cancelled. No visits were recorded.")
				}
				progress(int(counted.n), int(st.Size()))
			}
			l, ok := parseLogLine(string(line))
			switch {
			case tooLong || !ok:
				res.Bad++
			default:
				if h, tracked := trackedHit(l); tracked {
					res.Tracked++
					if h.Code != "" {
						hits = append(hits, h)
					}
				}
			}
		}
		if err != nil {
			break
		}
	}
	if res.Lines > 0 && res.Bad == res.Lines {
		return AccessLogResult{}, marketing.FieldError(marketing.EUnsupportedFile, "path",
			"This is not a web server access log: no line is in the Common or Combined Log Format. Pick the log your web host gives you (often access.log or access.log.gz).",
			map[string]string{"reason": "not_access_log"})
	}
	if ctx.Err() != nil {
		return AccessLogResult{}, marketing.Errorf(marketing.ECanceled, "Cancelled. No visits were recorded.")
	}
	res.Matched, res.Added, err = s.db.RecordWebHits(ctx, hits)
	if err != nil {
		if ctx.Err() != nil {
			err = marketing.Errorf(marketing.ECanceled, "Cancelled. No visits were recorded.")
		}
		return AccessLogResult{}, err
	}
	progress(int(st.Size()), int(st.Size()))
	return res, nil
}

func damagedLog(err error) error {
	return &marketing.Error{Code: marketing.EUnsupportedFile, Message: "The log file is damaged or not completely downloaded. Download it again and retry.",
		Details: map[string]string{"reason": "damaged"}, Err: err}
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// readLogLine returns the next line without its end; a line longer than
// the reader's buffer is skipped to its end and reported too long.
func readLogLine(r *bufio.Reader) (line []byte, tooLong bool, err error) {
	line, err = r.ReadSlice('\n')
	for errors.Is(err, bufio.ErrBufferFull) {
		tooLong = true
		_, err = r.ReadSlice('\n')
	}
	if tooLong {
		return nil, true, err
	}
	return bytes.TrimRight(line, "\r\n"), false, err
}

// logLine is one request of a Common or Combined Log Format log:
//
//	host ident user [10/Oct/2024:13:55:36 +0200] "GET /a?dd=K7MQX9A HTTP/1.1" 200 2326 "referer" "agent"
type logLine struct {
	At     time.Time
	Method string
	Target string // the request target as sent: a path with its query, or a whole URL
	Status int
}

// parseLogLine reads one line; false when it is not in the format.
func parseLogLine(line string) (logLine, bool) {
	var l logLine
	open := strings.Index(line, " [")
	if open < 0 || len(strings.Fields(line[:open])) < 3 {
		return l, false
	}
	rest := line[open+2:]
	end := strings.IndexByte(rest, ']')
	if end < 0 {
		return l, false
	}
	t, err := time.Parse("02/Jan/2006:15:04:05 -0700", rest[:end])
	if err != nil {
		return l, false
	}
	l.At = t
	rest = rest[end+1:]
	if !strings.HasPrefix(rest, ` "`) {
		return l, false
	}
	rest = rest[2:]
	// The request ends at the first quote not escaped with a backslash
	// (Apache writes " in a request as \").
	var req strings.Builder
	i := 0
	for ; i < len(rest); i++ {
		c := rest[i]
		if c == '\\' && i+1 < len(rest) {
			i++
			req.WriteByte(rest[i])
			continue
		}
		if c == '"' {
			break
		}
		req.WriteByte(c)
	}
	if i >= len(rest) {
		return l, false
	}
	fields := strings.Fields(rest[i+1:])
	if len(fields) < 2 || len(fields[0]) != 3 {
		return l, false
	}
	status, err := strconv.Atoi(fields[0])
	if err != nil || status < 100 || status > 599 {
		return l, false
	}
	if fields[1] != "-" {
		if _, err := strconv.ParseUint(fields[1], 10, 64); err != nil {
			return l, false
		}
	}
	l.Status = status
	// "-" or garbage (a port scan) is a well-formed line that requested
	// nothing we track.
	if rf := strings.Fields(req.String()); len(rf) >= 2 {
		l.Method, l.Target = rf[0], rf[1]
	}
	return l, true
}

// assetExt are files a page loads, never a visit of its own.
var assetExt = map[string]bool{".css": true, ".js": true, ".ico": true, ".jpg": true, ".jpeg": true, ".svg": true, ".webp": true,
	".woff": true, ".woff2": true, ".ttf": true, ".map": true, ".json": true, ".xml": true, ".txt": true}

// trackedHit says whether a request is a tracked visit (a page with
// dd=CODE) or picture load (a .gif or .png with dd=CODE) answered with
// 2xx or 3xx. A tracked hit with a code that is not a valid response code
// comes back with Code "".
func trackedHit(l logLine) (store.WebHit, bool) {
	var h store.WebHit
	// Only GET: link checkers and mail scanners ask with HEAD, and no
	// person came.
	if l.Status < 200 || l.Status > 399 || l.Method != "GET" || l.Target == "" {
		return h, false
	}
	target := l.Target
	if i := strings.Index(target, "://"); i > 0 && i < 10 {
		u, err := url.Parse(target)
		if err != nil {
			return h, false
		}
		target = u.RequestURI()
	}
	p, query, _ := strings.Cut(target, "?")
	query, _, _ = strings.Cut(query, "#")
	q, _ := url.ParseQuery(query) // a bad escape elsewhere must not hide dd
	dd := q.Get("dd")
	if dd == "" {
		return h, false
	}
	if up, err := url.PathUnescape(p); err == nil {
		p = up
	}
	ext := strings.ToLower(path.Ext(p))
	switch {
	case ext == ".gif" || ext == ".png":
		h.Kind = "open"
		h.Seq = touchNumber(q.Get("t"), q.Get("utm_content"))
	case assetExt[ext]:
		return h, false
	default:
		h.Kind = "click"
		h.Seq = touchNumber(q.Get("utm_content"), q.Get("t"))
	}
	if code, err := marketing.ParseResponseCode(dd); err == nil {
		h.Code = code
	}
	h.At = marketing.Timestamp(l.At)
	h.URL = clipText(target, 500)
	return h, true
}

// touchNumber reads "touch3", "Touch 3" or "3" (the first that reads);
// 0 when none does.
func touchNumber(vals ...string) int {
	for _, v := range vals {
		v = strings.TrimSpace(strings.ToLower(v))
		v = strings.TrimSpace(strings.TrimPrefix(v, "touch"))
		v = strings.TrimLeft(v, "-_ ")
		if n, err := strconv.Atoi(v); err == nil && n > 0 && n <= 99 {
			return n
		}
	}
	return 0
}

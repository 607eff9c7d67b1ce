// Package web is browser mode: it serves the built frontend and the same
// bound methods and events as the desktop, on loopback, behind a secret
// token and an Origin check. It is the headless fallback for users and the
// target of the end-to-end tests.
package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"time"

	"directdesk/app"
	"directdesk/backend/marketing"
)

//go:embed shim.js
var shimJS []byte

const (
	maxCallBody   = 16 << 20
	maxUploadBody = 512 << 20
)

// Server serves one App over HTTP.
type Server struct {
	Token string

	app     *app.App
	assets  fs.FS
	methods map[string]reflect.Value
	host    string // host:port the server answers to

	mu      sync.Mutex
	clients map[chan []byte]struct{}

	uploadDir string
}

// New prepares a server for a; assets is the built frontend (index.html at its root).
func New(a *app.App, assets fs.FS) (*Server, error) {
	tok := make([]byte, 24)
	if _, err := rand.Read(tok); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "directdesk-uploads-")
	if err != nil {
		return nil, err
	}
	s := &Server{Token: hex.EncodeToString(tok), app: a, assets: assets, methods: map[string]reflect.Value{},
		clients: map[chan []byte]struct{}{}, uploadDir: dir}
	for _, b := range a.Bindings() {
		v := reflect.ValueOf(b)
		t := v.Type()
		name := t.Elem().String() // "app.Contacts", the name Wails binds it under
		for i := 0; i < t.NumMethod(); i++ {
			s.methods[name+"."+t.Method(i).Name] = v.Method(i)
		}
	}
	a.SetUI(s)
	return s, nil
}

// Listen opens the loopback listener; addr must be on 127.0.0.1 or localhost.
func (s *Server) Listen(addr string) (net.Listener, string, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, "", marketing.Errorf(marketing.EInvalid, "The address %q is not host:port, e.g. 127.0.0.1:0.", addr)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return nil, "", marketing.Errorf(marketing.EInvalid, "Browser mode only listens on this computer (127.0.0.1), not on %s.", host)
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, "", err
	}
	s.host = l.Addr().String()
	return l, "http://" + s.host + "/?token=" + s.Token, nil
}

// Serve answers requests on l until ctx is done.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	err := srv.Serve(l)
	os.RemoveAll(s.uploadDir)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Handler routes the bridge endpoints and the static frontend.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/bridge/shim.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(shimJS)
	})
	mux.HandleFunc("/bridge/call", s.guard(s.handleCall))
	mux.HandleFunc("/bridge/upload", s.guard(s.handleUpload))
	mux.HandleFunc("/bridge/events", s.guard(s.handleEvents))
	mux.HandleFunc("/bridge/download/", s.guard(s.handleDownload))
	mux.HandleFunc("/", s.handleStatic)
	return s.checkHost(mux)
}

// checkHost refuses requests for other host names (DNS rebinding) and
// cross-site requests (a web page the user visits posting to us).
func (s *Server) checkHost(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.host != "" && !s.sameHost(r.Host) {
			http.Error(w, "wrong host", http.StatusMisdirectedRequest)
			return
		}
		if o := r.Header.Get("Origin"); o != "" {
			u, err := url.Parse(o)
			if err != nil || u.Scheme != "http" || !s.sameHost(u.Host) {
				http.Error(w, "cross-origin request refused", http.StatusForbidden)
				return
			}
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

func (s *Server) sameHost(h string) bool {
	if s.host == "" {
		return true
	}
	_, port, _ := net.SplitHostPort(s.host)
	return h == s.host || h == "127.0.0.1:"+port || h == "localhost:"+port
}

func (s *Server) guard(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		tok := r.Header.Get("X-DirectDesk-Token")
		if tok == "" {
			tok = r.URL.Query().Get("token")
		}
		if subtle.ConstantTimeCompare([]byte(tok), []byte(s.Token)) != 1 {
			http.Error(w, "missing or wrong token: open the address DirectDesk printed", http.StatusUnauthorized)
			return
		}
		get := r.URL.Path == "/bridge/events" || strings.HasPrefix(r.URL.Path, "/bridge/download/")
		if !get && r.Method != http.MethodPost {
			http.Error(w, "POST only", http.StatusMethodNotAllowed)
			return
		}
		h(w, r)
	}
}

type callRequest struct {
	Name string            `json:"name"`
	Args []json.RawMessage `json:"args"`
}

func (s *Server) handleCall(w http.ResponseWriter, r *http.Request) {
	var req callRequest
	if err := json.NewDecoder(io.LimitReader(r.Body, maxCallBody)).Decode(&req); err != nil {
		writeJSON(w, map[string]any{"error": app.FormatError(marketing.Errorf(marketing.EInvalid, "The request could not be read."))})
		return
	}
	result, err := s.invoke(req)
	if err != nil {
		writeJSON(w, map[string]any{"error": app.FormatError(err)})
		return
	}
	writeJSON(w, map[string]any{"result": result})
}

// invoke calls a bound method by its Wails name with JSON arguments, the way
// the Wails dispatcher does, and never lets a panic escape.
func (s *Server) invoke(req callRequest) (result any, err error) {
	m, ok := s.methods[req.Name]
	if !ok {
		return nil, marketing.Errorf(marketing.ENotFound, "Unknown function %s.", req.Name)
	}
	t := m.Type()
	if len(req.Args) != t.NumIn() {
		return nil, marketing.Errorf(marketing.EInvalid, "%s takes %d arguments, got %d.", req.Name, t.NumIn(), len(req.Args))
	}
	args := make([]reflect.Value, t.NumIn())
	for i := range args {
		p := reflect.New(t.In(i))
		if err := json.Unmarshal(req.Args[i], p.Interface()); err != nil {
			return nil, marketing.Errorf(marketing.EInvalid, "Argument %d of %s is not valid.", i+1, req.Name)
		}
		args[i] = p.Elem()
	}
	if msg, ok := desktopOnly[req.Name]; ok {
		return nil, marketing.Errorf(marketing.EInvalid, "%s", msg)
	}
	if idx, ok := pathArgs[req.Name]; ok {
		if p, _ := args[idx].Interface().(string); p != "" && !s.uploaded(p) {
			return nil, marketing.Errorf(marketing.EInvalid, "In the browser, pick the file with the button on the page.")
		}
	}
	if strings.HasPrefix(req.Name, "app.Imports.") && len(args) == 3 {
		if f := args[2].FieldByName("ImageFolder"); f.IsValid() && f.String() != "" {
			return nil, marketing.Errorf(marketing.EInvalid, "In the browser, product pictures cannot be read from a folder. Use the desktop app for that.")
		}
	}
	if idx, ok := saveArgs[req.Name]; ok {
		if p, _ := args[idx].Interface().(string); p != "" && (filepath.Base(p) != p || strings.HasPrefix(p, ".")) {
			return nil, marketing.Errorf(marketing.EInvalid, "In the browser, files are downloaded, not saved to a folder.")
		}
	}
	defer func() {
		if p := recover(); p != nil {
			log.Printf("panic in %s: %v", req.Name, p)
			result, err = nil, &marketing.Error{Code: marketing.EInternal, Message: "Something went wrong inside DirectDesk. Your data is unchanged; please try again.", Err: fmt.Errorf("panic: %v", p)}
		}
	}()
	out := m.Call(args)
	errType := reflect.TypeOf((*error)(nil)).Elem()
	if n := len(out); n > 0 && t.Out(n-1) == errType {
		if e := out[n-1].Interface(); e != nil {
			return nil, e.(error)
		}
		out = out[:n-1]
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out[0].Interface(), nil
}

// pathArgs names the bound methods that take a file path, and which argument
// it is. In browser mode such a path must be one of our uploads: the page may
// not make the server read arbitrary files on this computer.
var pathArgs = map[string]int{
	"app.Workspace.SetLogo":  0,
	"app.Imports.Inspect":    0,
	"app.Imports.Preview":    0,
	"app.Imports.Analyze":    0,
	"app.Imports.Commit":     0,
	"app.Documents.AddImage": 0,

	"app.Campaigns.PreviewResponseFile": 0,
	"app.Campaigns.ImportResponses":     0,
	"app.Campaigns.ImportAccessLog":     0,

	"app.Privacy.PreviewRegister": 0,
	"app.Privacy.ImportRegister":  0,
}

// desktopOnly names bound methods that read folders or start programs on
// this computer, with what the browser user is told instead.
var desktopOnly = map[string]string{
	"app.Products.ImagesFromFolder": "This works in the desktop app. In the browser, add pictures one product at a time.",
	"app.Documents.Open":            "In the browser, download the file and open it from your downloads.",
	"app.Documents.ShowInFolder":    "In the browser, download the file and open it from your downloads.",
}

// saveArgs names the bound methods that write a file, and which argument is
// its path. In browser mode it must be "" or a bare file name: the file is
// then kept for download instead of written where the page says.
var saveArgs = map[string]int{
	"app.Imports.SaveRejects":    1,
	"app.Exports.Contacts":       1,
	"app.Exports.Orders":         0,
	"app.Exports.Products":       0,
	"app.Segments.Export":        2,
	"app.Segments.Audience":      2,
	"app.Email.ExportRecipients": 1,
	"app.Documents.Generate":     2,
	"app.Campaigns.Print":        1,
	"app.Campaigns.ExportSMS":    1,
	"app.Campaigns.ExportReport": 2,
	"app.Privacy.ExportPerson":   1,
	"app.Privacy.ExportAudit":    1,
	// A folder, not a file: "" asks for it with a dialog, which the
	// browser refuses politely; a path from the page is never used.
	"app.Backups.Move": 0,
	// The suppression list export (issue 9, lists).
	"app.Privacy.ExportSuppressions": 0,
}

// handleDownload sends a file the app made for the user (an export, the
// refused rows of an import) as an attachment.
func (s *Server) handleDownload(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/bridge/download/")
	p := s.app.DownloadPath(name)
	if p == "" {
		http.Error(w, "That file is gone. Make it again.", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
	w.Header().Set("Cache-Control", "no-store")
	http.ServeFile(w, r, p)
}

func (s *Server) uploaded(path string) bool {
	rel, err := filepath.Rel(s.uploadDir, filepath.Clean(path))
	return err == nil && rel != "." && !strings.HasPrefix(rel, "..") && !filepath.IsAbs(rel)
}

// handleUpload stores the body as a temp file and returns its path, which the
// frontend passes to bound methods that take a path.
func (s *Server) handleUpload(w http.ResponseWriter, r *http.Request) {
	name, _ := url.QueryUnescape(r.Header.Get("X-File-Name"))
	name = filepath.Base(filepath.Clean("/" + name))
	if name == "/" || name == "." || marketing.HasControlChars(name) {
		name = "upload"
	}
	dir, err := os.MkdirTemp(s.uploadDir, "f")
	if err != nil {
		writeJSON(w, map[string]any{"error": app.FormatError(err)})
		return
	}
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		writeJSON(w, map[string]any{"error": app.FormatError(err)})
		return
	}
	n, err := io.Copy(f, io.LimitReader(r.Body, maxUploadBody+1))
	f.Close()
	if err == nil && n > maxUploadBody {
		err = &marketing.Error{Code: marketing.ETooLarge, Message: "The file is larger than 512 MB."}
	}
	if err != nil {
		os.Remove(path)
		writeJSON(w, map[string]any{"error": app.FormatError(err)})
		return
	}
	writeJSON(w, map[string]any{"result": path})
}

// handleEvents streams events to the page (Server-Sent Events).
func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	ch := make(chan []byte, 64)
	s.mu.Lock()
	s.clients[ch] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, ch)
		s.mu.Unlock()
	}()
	fmt.Fprint(w, ": connected\n\n")
	fl.Flush()
	ping := time.NewTicker(20 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case msg := <-ch:
			w.Write([]byte("data: "))
			w.Write(msg)
			w.Write([]byte("\n\n"))
			fl.Flush()
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
			fl.Flush()
		}
	}
}

// Emit implements app.UI: the event goes to every open page. A page that is
// too slow to read loses progress events rather than blocking the job.
func (s *Server) Emit(name string, data any) {
	b, err := json.Marshal(map[string]any{"name": name, "data": data})
	if err != nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for ch := range s.clients {
		select {
		case ch <- b:
		default:
		}
	}
}

// OpenFile implements app.UI. The shim uploads files instead; reaching this
// means a caller bypassed it.
func (s *Server) OpenFile(string, []app.FileFilter) (string, error) {
	return "", marketing.Errorf(marketing.EInvalid, "In the browser, files are picked by the page. Reload the page and try again.")
}

// SaveFile implements app.UI; browser mode downloads files instead of saving them.
func (s *Server) SaveFile(string, string, []app.FileFilter) (string, error) {
	return "", marketing.Errorf(marketing.EInvalid, "Saving to a chosen folder works in the desktop app; in the browser the file is downloaded.")
}

// ChooseFolder implements app.UI; the browser cannot give a folder of this computer.
func (s *Server) ChooseFolder(string) (string, error) {
	return "", marketing.Errorf(marketing.EInvalid, "Choosing a folder works in the desktop app; in the browser the files are downloaded.")
}

// OpenPath implements app.UI; in the browser the page downloads the file instead.
func (s *Server) OpenPath(string) error {
	return marketing.Errorf(marketing.EInvalid, "In the browser, download the file and open it from your downloads.")
}

// handleStatic serves the built frontend, with the shim injected into index.html.
func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	p := strings.TrimPrefix(r.URL.Path, "/")
	if p == "" || p == "index.html" {
		b, err := fs.ReadFile(s.assets, "index.html")
		if err != nil {
			http.Error(w, "The user interface was not built. Run `make build` first.", http.StatusNotFound)
			return
		}
		b = bytes.Replace(b, []byte("<head>"), []byte(`<head><script src="/bridge/shim.js"></script>`), 1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'")
		w.Header().Set("X-Frame-Options", "DENY")
		w.Write(b)
		return
	}
	http.FileServerFS(s.assets).ServeHTTP(w, r)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		log.Printf("write response: %v", err)
	}
}

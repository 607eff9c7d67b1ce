package mail

import (
	"bufio"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"

	"directdesk/backend/store"
)

// journal is the runner's per-message record between two database
// commits: one line when a message is about to go out ("S id") and one
// with its outcome ("R id state next reason"). A write() without fsync
// costs microseconds and, unlike a commit per message, survives the app
// dying (the data is in the operating system's cache). A power loss may
// lose it: recovery then treats the batch as unknown (see RecoverSending).
type journal struct {
	path string
	f    *os.File
	buf  []byte
}

func openJournal(path string) (*journal, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	return &journal{path: path, f: f}, nil
}

func (j *journal) started(id int64) error {
	j.buf = append(j.buf[:0], 'S', ' ')
	j.buf = strconv.AppendInt(j.buf, id, 10)
	j.buf = append(j.buf, '\n')
	_, err := j.f.Write(j.buf)
	return err
}

func (j *journal) result(o *store.Outcome) error {
	j.buf = append(j.buf[:0], 'R', ' ')
	j.buf = strconv.AppendInt(j.buf, o.ID, 10)
	j.buf = append(j.buf, ' ')
	j.buf = append(j.buf, o.State...)
	j.buf = append(j.buf, ' ')
	var next int64
	if !o.NextAttempt.IsZero() {
		next = o.NextAttempt.Unix()
	}
	j.buf = strconv.AppendInt(j.buf, next, 10)
	j.buf = append(j.buf, ' ')
	j.buf = strconv.AppendQuote(j.buf, o.Reason)
	j.buf = append(j.buf, '\n')
	_, err := j.f.Write(j.buf)
	return err
}

// reset empties the journal once its lines are committed.
func (j *journal) reset() error { return j.f.Truncate(0) }

func (j *journal) close() error { return j.f.Close() }

// readJournal reads what a run that did not end cleanly wrote. A torn
// last line (the app died mid-write) is ignored: its message was then
// not yet started, or its "S" line stands.
func readJournal(path string) (map[int64]store.Recovered, error) {
	out := map[int64]store.Recovered{}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	b = b[:bytes.LastIndexByte(b, '\n')+1] // a torn last line is dropped
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		f := strings.SplitN(line, " ", 5)
		if len(f) < 2 {
			continue
		}
		id, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			continue
		}
		r := out[id]
		switch {
		case f[0] == "S" && len(f) == 2:
			// A new start (a retry after a dropped connection) replaces
			// any earlier answer.
			r.Started, r.Outcome = true, nil
		case f[0] == "R" && len(f) == 5:
			reason, err := strconv.Unquote(f[4])
			if err != nil {
				continue
			}
			o := &store.Outcome{ID: id, State: f[2], Reason: reason}
			if n, _ := strconv.ParseInt(f[3], 10, 64); n > 0 {
				o.NextAttempt = time.Unix(n, 0)
			}
			r.Outcome = o
		default:
			continue
		}
		out[id] = r
	}
	return out, nil
}

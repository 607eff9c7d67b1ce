package secrets

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/zalando/go-keyring"

	"directdesk/backend/marketing"
)

const key = "smtp:ws-1:42"

// exercise runs the behaviour every Keeper must have.
func exercise(t *testing.T, k *Keeper) {
	t.Helper()
	if _, err := k.Get(key); !errors.Is(err, ErrNotFound) || marketing.ErrorCode(err) != marketing.ENotFound {
		t.Fatalf("missing key: %v", err)
	}
	if err := k.Set(key, "hemmeligt-æøå"); err != nil {
		t.Fatal(err)
	}
	if v, err := k.Get(key); err != nil || v != "hemmeligt-æøå" {
		t.Fatalf("got %q, %v", v, err)
	}
	if err := k.Set(key, "new password"); err != nil {
		t.Fatal(err)
	}
	if v, _ := k.Get(key); v != "new password" {
		t.Fatalf("not replaced: %q", v)
	}
	if err := k.Set("imap:ws-1:42", "other"); err != nil {
		t.Fatal(err)
	}
	if err := k.Delete(key); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Get(key); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
	if v, _ := k.Get("imap:ws-1:42"); v != "other" {
		t.Fatalf("other key lost: %q", v)
	}
	if err := k.Delete(key); err != nil {
		t.Fatalf("deleting nothing: %v", err)
	}
	if err := k.Set("", "x"); err == nil {
		t.Error("empty key accepted")
	}
	if _, err := k.Get(""); err == nil {
		t.Error("empty key accepted")
	}
}

func TestKeyringMock(t *testing.T) {
	keyring.MockInit()
	k := New("DirectDesk")
	exercise(t, k)
	if !k.Persistent() {
		t.Error("a working keyring should be persistent")
	}
	// The secret really is in the keyring, under our service.
	if err := k.Set(key, "pw"); err != nil {
		t.Fatal(err)
	}
	if v, err := keyring.Get("DirectDesk", key); err != nil || v != "pw" {
		t.Errorf("keyring has %q, %v", v, err)
	}
	// A second Keeper (the next session) sees it.
	if v, err := New("DirectDesk").Get(key); err != nil || v != "pw" {
		t.Errorf("next session: %q, %v", v, err)
	}
	// The probe key is never written.
	if _, err := keyring.Get("DirectDesk", probeKey); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("probe key written: %v", err)
	}
}

func TestKeyringUnavailable(t *testing.T) {
	keyring.MockInitWithError(errors.New("org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided"))
	defer keyring.MockInit()
	k := New("DirectDesk")
	exercise(t, k)
	if k.Persistent() {
		t.Error("memory fallback reported persistent")
	}
	// Secrets of one session are gone in the next.
	if err := k.Set(key, "pw"); err != nil {
		t.Fatal(err)
	}
	if _, err := New("DirectDesk").Get(key); !errors.Is(err, ErrNotFound) {
		t.Errorf("memory leaked across Keepers: %v", err)
	}
}

func TestMemory(t *testing.T) {
	k := NewMemory()
	if k.Persistent() {
		t.Error("memory is not persistent")
	}
	exercise(t, k)
}

// fakeStore is a password store whose failures the test controls.
type fakeStore struct {
	mu                sync.Mutex
	probeErr, setErr  error
	getErr, deleteErr error
	data              map[string]string
	probes, calls     int
}

func (f *fakeStore) Get(service, user string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if user == probeKey {
		f.probes++
		if f.probeErr != nil {
			return "", f.probeErr
		}
	}
	f.calls++
	if f.getErr != nil {
		return "", f.getErr
	}
	v, ok := f.data[service+"/"+user]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return v, nil
}

func (f *fakeStore) Set(service, user, pw string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.setErr != nil {
		return f.setErr
	}
	if f.data == nil {
		f.data = map[string]string{}
	}
	f.data[service+"/"+user] = pw
	return nil
}

func (f *fakeStore) Delete(service, user string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.deleteErr != nil {
		return f.deleteErr
	}
	if _, ok := f.data[service+"/"+user]; !ok {
		return keyring.ErrNotFound
	}
	delete(f.data, service+"/"+user)
	return nil
}

func TestProbeFallsBackToMemory(t *testing.T) {
	f := &fakeStore{probeErr: errors.New("exec: \"dbus-launch\": executable file not found in $PATH")}
	k := newKeeper("DirectDesk", f)
	exercise(t, k)
	if k.Persistent() {
		t.Error("persistent after a failed probe")
	}
	if f.probes != 1 || f.calls != 0 {
		t.Errorf("probes %d, store calls after fallback %d", f.probes, f.calls)
	}
}

func TestProbeOnceWhenAvailable(t *testing.T) {
	f := &fakeStore{}
	k := newKeeper("DirectDesk", f)
	exercise(t, k)
	if !k.Persistent() || f.probes != 1 {
		t.Errorf("persistent %v probes %d", k.Persistent(), f.probes)
	}
	if f.data["DirectDesk/imap:ws-1:42"] != "other" {
		t.Errorf("store %v", f.data)
	}
}

func TestStoreFailsLater(t *testing.T) {
	f := &fakeStore{}
	k := newKeeper("DirectDesk", f)
	if !k.Persistent() {
		t.Fatal("not persistent")
	}
	const secret = "Sup3r-Secret!"
	f.setErr = errors.New("prompt dismissed")
	f.getErr = errors.New("collection is locked")
	f.deleteErr = errors.New("collection is locked")
	checks := map[string]error{"set": k.Set(key, secret), "delete": k.Delete(key)}
	_, checks["get"] = k.Get(key)
	for op, err := range checks {
		var me *marketing.Error
		if !errors.As(err, &me) || me.Field != "keychain" || errors.Is(err, ErrNotFound) {
			t.Errorf("%s: %v", op, err)
			continue
		}
		if !strings.Contains(me.Message, "password store") || strings.Contains(err.Error(), secret) || strings.Contains(fmt.Sprintf("%+v", me), secret) {
			t.Errorf("%s: %v", op, err)
		}
	}
	// It does not silently switch to memory: the user must learn the
	// password was not saved.
	if !k.Persistent() {
		t.Error("switched to memory after a later failure")
	}
	f.setErr = keyring.ErrSetDataTooBig
	if err := k.Set(key, strings.Repeat("x", 5000)); err == nil || !strings.Contains(marketing.AsError(err).Message, "too long") {
		t.Errorf("too big: %v", err)
	}
}

func TestConcurrent(t *testing.T) {
	keyring.MockInit() // the mock is not thread-safe; the Keeper serialises calls
	for name, k := range map[string]*Keeper{"keyring": New("DirectDesk"), "memory": NewMemory(), "fallback": newKeeper("x", &fakeStore{probeErr: errors.New("no")})} {
		t.Run(name, func(t *testing.T) {
			var wg sync.WaitGroup
			for i := 0; i < 16; i++ {
				wg.Add(1)
				go func(i int) {
					defer wg.Done()
					kk := fmt.Sprintf("smtp:ws:%d", i%4)
					for j := 0; j < 50; j++ {
						_ = k.Set(kk, fmt.Sprint(j))
						if _, err := k.Get(kk); err != nil && !errors.Is(err, ErrNotFound) {
							t.Error(err)
						}
						if j%7 == 0 {
							_ = k.Delete(kk)
						}
						_ = k.Persistent()
					}
				}(i)
			}
			wg.Wait()
		})
	}
}

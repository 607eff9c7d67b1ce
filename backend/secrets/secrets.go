// Package secrets keeps mail passwords: in the operating system's password
// store (Windows Credential Manager, macOS Keychain, the Secret Service on
// Linux) when there is one, otherwise only in memory for this session.
//
// Secrets are never written anywhere else: not to the workspace, not to
// files, not to logs, and never into error messages.
package secrets

import (
	"errors"
	"fmt"
	"sync"

	"github.com/zalando/go-keyring"

	"directdesk/backend/marketing"
)

// ErrNotFound is returned by Get when no secret is stored under the key.
var ErrNotFound = &marketing.Error{
	Code:    marketing.ENotFound,
	Field:   "password",
	Message: "No password is saved for this mail account. Enter it in the account settings.",
}

// store is the seam over go-keyring, so tests can simulate a computer
// without a password store.
type store interface {
	Get(service, user string) (string, error)
	Set(service, user, password string) error
	Delete(service, user string) error
}

type systemStore struct{}

func (systemStore) Get(service, user string) (string, error) { return keyring.Get(service, user) }
func (systemStore) Set(service, user, pw string) error       { return keyring.Set(service, user, pw) }
func (systemStore) Delete(service, user string) error        { return keyring.Delete(service, user) }

// probeKey is looked up once to learn whether the password store works;
// it is never written.
const probeKey = "directdesk-probe"

// Keeper stores secrets under string keys such as
// "smtp:<workspace-id>:<account-id>". It is safe for concurrent use.
type Keeper struct {
	service string

	mu     sync.Mutex
	store  store // nil: memory only
	probed bool
	mem    map[string]string // used when store is nil
}

// New returns a Keeper that uses the system password store under service
// ("DirectDesk" when empty). Whether that store works is found out on first use;
// when it does not, the Keeper keeps secrets in memory for this session and
// Persistent reports false.
func New(service string) *Keeper {
	if service == "" {
		service = "DirectDesk"
	}
	return newKeeper(service, systemStore{})
}

// NewMemory returns a Keeper that keeps secrets only in memory (tests and
// browser mode). Persistent reports false.
func NewMemory() *Keeper {
	return &Keeper{probed: true, mem: map[string]string{}}
}

func newKeeper(service string, s store) *Keeper {
	return &Keeper{service: service, store: s, mem: map[string]string{}}
}

// probe decides, once, between the password store and memory. Call with
// mu held.
func (k *Keeper) probe() {
	if k.probed {
		return
	}
	k.probed = true
	if _, err := k.store.Get(k.service, probeKey); err != nil && !errors.Is(err, keyring.ErrNotFound) {
		// No usable password store (e.g. Linux without a Secret Service,
		// or it refused us): remember secrets for this session only.
		k.store = nil
	}
}

// Persistent reports whether secrets outlive this session (they are in
// the system's password store). When false, the UI says: "Your computer
// has no password store; DirectDesk will ask for the password once each
// session".
func (k *Keeper) Persistent() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.probe()
	return k.store != nil
}

func checkKey(key string) error {
	if key == "" {
		return fmt.Errorf("secrets: empty key")
	}
	return nil
}

// storeError describes a failure of the password store without the secret.
func storeError(op string, err error) error {
	msg := "DirectDesk could not " + op + " the password in your computer's password store. " +
		"Make sure the password store is unlocked (you may be asked to allow DirectDesk), then try again."
	if errors.Is(err, keyring.ErrSetDataTooBig) {
		msg = "The password is too long for your computer's password store. Check that you entered the right password."
	}
	return &marketing.Error{Code: marketing.EInternal, Field: "keychain", Message: msg, Err: err}
}

// Get returns the secret stored under key, or ErrNotFound.
func (k *Keeper) Get(key string) (string, error) {
	if err := checkKey(key); err != nil {
		return "", err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.probe()
	if k.store == nil {
		v, ok := k.mem[key]
		if !ok {
			return "", ErrNotFound
		}
		return v, nil
	}
	v, err := k.store.Get(k.service, key)
	if errors.Is(err, keyring.ErrNotFound) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", storeError("read", err)
	}
	return v, nil
}

// Set stores value under key, replacing what was there.
func (k *Keeper) Set(key, value string) error {
	if err := checkKey(key); err != nil {
		return err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.probe()
	if k.store == nil {
		k.mem[key] = value
		return nil
	}
	if err := k.store.Set(k.service, key, value); err != nil {
		return storeError("save", err)
	}
	return nil
}

// Delete removes the secret under key. Deleting a key that holds nothing
// is not an error, so removing an account always succeeds.
func (k *Keeper) Delete(key string) error {
	if err := checkKey(key); err != nil {
		return err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.probe()
	if k.store == nil {
		delete(k.mem, key)
		return nil
	}
	if err := k.store.Delete(k.service, key); err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return storeError("remove", err)
	}
	return nil
}

package mailauth

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-msgauth/dkim"

	"directdesk/backend/marketing"
)

const testMessage = "From: Blomsterbutikken <anna@shop.dk>\r\n" +
	"To: Ole Olsen <ole@example.com>\r\n" +
	"Subject: =?utf-8?q?For=C3=A5rstilbud?=\r\n" +
	"Date: Mon, 02 Mar 2026 09:00:00 +0100\r\n" +
	"Message-ID: <1.2@shop.dk>\r\n" +
	"List-Unsubscribe: <mailto:anna@shop.dk?subject=unsubscribe>,\r\n <https://shop.dk/u?u=abc>\r\n" +
	"List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" +
	"MIME-Version: 1.0\r\n" +
	"Content-Type: text/plain; charset=utf-8\r\n" +
	"X-Mailer: DirectDesk\r\n" +
	"\r\n" +
	"Hej Ole,\r\n\r\nTulipaner til halv pris hele ugen.\r\n"

var (
	keyOnce sync.Once
	testKey string
)

// sharedKey generates one key for the tests that do not care which.
func sharedKey(t testing.TB) string {
	t.Helper()
	keyOnce.Do(func() {
		k, err := GenerateKey()
		if err != nil {
			panic(err)
		}
		testKey = k
	})
	return testKey
}

// lookupFrom answers only the given name with record.
func lookupFrom(name, record string) func(string) ([]string, error) {
	return func(domain string) ([]string, error) {
		if strings.TrimSuffix(domain, ".") == name {
			return []string{record}, nil
		}
		return nil, &notFoundError{domain}
	}
}

type notFoundError struct{ name string }

func (e *notFoundError) Error() string { return "no such host: " + e.name }

func verify(t *testing.T, msg []byte, lookup func(string) ([]string, error)) *dkim.Verification {
	t.Helper()
	vs, err := dkim.VerifyWithOptions(bytes.NewReader(msg), &dkim.VerifyOptions{LookupTXT: lookup})
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 {
		t.Fatalf("%d signatures", len(vs))
	}
	return vs[0]
}

func TestGenerateKeyAndRecord(t *testing.T) {
	key := sharedKey(t)
	block, rest := pem.Decode([]byte(key))
	if block == nil || block.Type != "PRIVATE KEY" || len(bytes.TrimSpace(rest)) != 0 {
		t.Fatalf("not one PKCS#8 PEM block: %q", key)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok || rk.N.BitLen() != 2048 {
		t.Fatalf("%T", k)
	}
	rec, err := DNSRecord(key)
	if err != nil {
		t.Fatal(err)
	}
	p, ok := strings.CutPrefix(rec, "v=DKIM1; k=rsa; p=")
	if !ok {
		t.Fatalf("record %q", rec)
	}
	der, err := base64.StdEncoding.DecodeString(p)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := x509.ParsePKIXPublicKey(der)
	if err != nil || !rk.PublicKey.Equal(pub) {
		t.Fatalf("public key does not match: %v", err)
	}
	other, _ := GenerateKey()
	if other == key {
		t.Error("two keys are the same")
	}
}

func TestSignVerify(t *testing.T) {
	key := sharedKey(t)
	rec, _ := DNSRecord(key)
	s, err := NewSigner("shop.dk", "dd1", key)
	if err != nil {
		t.Fatal(err)
	}
	signed, err := s.Sign([]byte(testMessage))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(signed, []byte("DKIM-Signature: ")) || !bytes.HasSuffix(signed, []byte(testMessage)) {
		t.Fatalf("signature not prepended:\n%s", signed)
	}
	sig := string(signed[:len(signed)-len(testMessage)])
	for _, want := range []string{"c=relaxed/relaxed", "a=rsa-sha256", "d=shop.dk", "s=dd1"} {
		if !strings.Contains(sig, want) {
			t.Errorf("signature lacks %s: %s", want, sig)
		}
	}

	v := verify(t, signed, lookupFrom("dd1._domainkey.shop.dk", rec))
	if v.Err != nil {
		t.Fatalf("verification failed: %v", v.Err)
	}
	if v.Domain != "shop.dk" {
		t.Errorf("domain %q", v.Domain)
	}
	got := strings.ToLower(strings.Join(v.HeaderKeys, ":"))
	want := "from:to:subject:date:message-id:list-unsubscribe:list-unsubscribe-post:mime-version:content-type"
	if got != want {
		t.Errorf("signed headers %s, want %s", got, want)
	}

	// A changed body or subject fails.
	tampered := bytes.Replace(signed, []byte("halv pris"), []byte("hel pris"), 1)
	if v := verify(t, tampered, lookupFrom("dd1._domainkey.shop.dk", rec)); v.Err == nil {
		t.Error("tampered body verified")
	}
	tampered = bytes.Replace(signed, []byte("Subject: =?utf-8?q?For=C3=A5rstilbud?="), []byte("Subject: Win a prize"), 1)
	if v := verify(t, tampered, lookupFrom("dd1._domainkey.shop.dk", rec)); v.Err == nil {
		t.Error("tampered subject verified")
	}
	// Another key published: fails.
	other, _ := GenerateKey()
	otherRec, _ := DNSRecord(other)
	if v := verify(t, signed, lookupFrom("dd1._domainkey.shop.dk", otherRec)); v.Err == nil {
		t.Error("verified against the wrong key")
	}
	// Relaxed canonicalisation survives re-folding and trailing spaces.
	refolded := bytes.Replace(signed, []byte("Subject: =?utf-8?q?For=C3=A5rstilbud?="), []byte("Subject:   =?utf-8?q?For=C3=A5rstilbud?=  "), 1)
	if v := verify(t, refolded, lookupFrom("dd1._domainkey.shop.dk", rec)); v.Err != nil {
		t.Errorf("relaxed: %v", v.Err)
	}
}

func TestSignVerifyThroughLoopbackDNS(t *testing.T) {
	key := sharedKey(t)
	rec, _ := DNSRecord(key)
	for _, domain := range []struct{ in, ascii string }{
		{"shop.dk", "shop.dk"},
		{"blomsterbutik-ærø.dk", "xn--blomsterbutik-r-bmb12a.dk"},
	} {
		t.Run(domain.ascii, func(t *testing.T) {
			z := newZone().add("directdesk1._domainkey."+domain.ascii, rec)
			r := startDNS(t, z)
			s, err := NewSigner(domain.in, "DirectDesk1", key)
			if err != nil {
				t.Fatal(err)
			}
			msg := strings.Replace(testMessage, "anna@shop.dk>", "anna@"+domain.in+">", 1)
			signed, err := s.Sign([]byte(msg))
			if err != nil {
				t.Fatal(err)
			}
			v := verify(t, signed, func(name string) ([]string, error) {
				return r.LookupTXT(context.Background(), name)
			})
			if v.Err != nil || v.Domain != domain.ascii {
				t.Fatalf("domain %q: %v", v.Domain, v.Err)
			}
			// The same record passes CheckDomain's comparison.
			if f := CheckDomain(context.Background(), r, domain.in, "directdesk1", rec).DKIM; f.Status != StatusOK {
				t.Errorf("%+v", f)
			}
		})
	}
}

func TestSignBareLineFeeds(t *testing.T) {
	key := sharedKey(t)
	rec, _ := DNSRecord(key)
	s, _ := NewSigner("shop.dk", "dd1", key)
	lf := strings.ReplaceAll(testMessage, "\r\n", "\n")
	signed, err := s.Sign([]byte(lf))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(bytes.ReplaceAll(signed, []byte("\r\n"), nil), []byte("\n")) {
		t.Error("bare LF left in the signed message")
	}
	if v := verify(t, signed, lookupFrom("dd1._domainkey.shop.dk", rec)); v.Err != nil {
		t.Error(v.Err)
	}
}

func TestSignOnlyPresentHeaders(t *testing.T) {
	key := sharedKey(t)
	rec, _ := DNSRecord(key)
	s, _ := NewSigner("shop.dk", "dd1", key)
	msg := "From: anna@shop.dk\r\nTo: a@example.com\r\nTo: b@example.com\r\nSubject: Hej\r\n\r\nBody\r\n"
	signed, err := s.Sign([]byte(msg))
	if err != nil {
		t.Fatal(err)
	}
	v := verify(t, signed, lookupFrom("dd1._domainkey.shop.dk", rec))
	if v.Err != nil {
		t.Fatal(v.Err)
	}
	if got := strings.ToLower(strings.Join(v.HeaderKeys, ":")); got != "from:to:to:subject" {
		t.Errorf("h=%s", got)
	}
	// A relay that adds a Message-ID or Date does not break the signature.
	relayed := append([]byte("Message-ID: <added@relay>\r\nDate: Mon, 02 Mar 2026 09:00:01 +0100\r\n"), signed...)
	if v := verify(t, relayed, lookupFrom("dd1._domainkey.shop.dk", rec)); v.Err != nil {
		t.Error(v.Err)
	}
	if _, err := s.Sign([]byte("To: a@example.com\r\n\r\nno sender\r\n")); err == nil {
		t.Error("signed a message without From")
	}
}

func TestSignConcurrently(t *testing.T) {
	key := sharedKey(t)
	rec, _ := DNSRecord(key)
	s, _ := NewSigner("shop.dk", "dd1", key)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			msg := strings.Replace(testMessage, "Ole,", fmt.Sprintf("Ole %d,", i), 1)
			signed, err := s.Sign([]byte(msg))
			if err == nil {
				vs, verr := dkim.VerifyWithOptions(bytes.NewReader(signed), &dkim.VerifyOptions{LookupTXT: lookupFrom("dd1._domainkey.shop.dk", rec)})
				if err = verr; err == nil {
					err = vs[0].Err
				}
			}
			errs <- err
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestBadKeys(t *testing.T) {
	key := sharedKey(t)
	block, _ := pem.Decode([]byte(key))
	priv, _ := x509.ParsePKCS8PrivateKey(block.Bytes)
	pubDER, _ := x509.MarshalPKIXPublicKey(priv.(*rsa.PrivateKey).Public())
	lines := strings.Split(key, "\n")
	garbled := strings.Join(append(append([]string{}, lines[:3]...), lines[5:]...), "\n") // two lines missing
	bad := map[string]string{
		"empty":      "",
		"text":       "this is not a key",
		"garbled":    garbled,
		"truncated":  key[:len(key)/2],
		"public key": string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER})),
		"wrong type": string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: []byte("nonsense")})),
	}
	for name, k := range bad {
		t.Run(name, func(t *testing.T) {
			for _, fn := range []func() error{
				func() error { _, err := DNSRecord(k); return err },
				func() error { _, err := NewSigner("shop.dk", "dd1", k); return err },
			} {
				err := fn()
				var me *marketing.Error
				if !errors.As(err, &me) || me.Code != marketing.EInvalid || me.Field != "dkimKey" || !strings.Contains(me.Message, "new key") {
					t.Errorf("%v", err)
				}
			}
		})
	}
	for _, c := range []struct{ domain, selector string }{{"", "dd1"}, {"shop", "dd1"}, {"shop.dk", ""}, {"shop.dk", "a b"}} {
		if _, err := NewSigner(c.domain, c.selector, key); marketing.ErrorCode(err) != marketing.EInvalid {
			t.Errorf("%q %q: %v", c.domain, c.selector, err)
		}
	}
}

func TestOtherKeyFormats(t *testing.T) {
	// PKCS#1 RSA keys (what openssl genrsa used to write) are accepted too.
	rk, _ := rsa.GenerateKey(rand.Reader, 2048)
	pkcs1 := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(rk)}))
	// Ed25519 (RFC 8463).
	_, ek, _ := ed25519.GenerateKey(rand.Reader)
	der, _ := x509.MarshalPKCS8PrivateKey(ek)
	ed := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
	for name, key := range map[string]string{"pkcs1": pkcs1, "ed25519": ed} {
		t.Run(name, func(t *testing.T) {
			rec, err := DNSRecord(key)
			if err != nil {
				t.Fatal(err)
			}
			s, err := NewSigner("shop.dk", "dd1", key)
			if err != nil {
				t.Fatal(err)
			}
			signed, err := s.Sign([]byte(testMessage))
			if err != nil {
				t.Fatal(err)
			}
			if v := verify(t, signed, lookupFrom("dd1._domainkey.shop.dk", rec)); v.Err != nil {
				t.Error(v.Err)
			}
			r := startDNS(t, newZone().add("dd1._domainkey.shop.dk", rec))
			if f := CheckDomain(context.Background(), r, "shop.dk", "dd1", rec).DKIM; f.Status != StatusOK {
				t.Errorf("%+v", f)
			}
		})
	}
}

// FuzzSign signs arbitrary messages: no panics, and what is signed verifies.
func FuzzSign(f *testing.F) {
	f.Add([]byte(testMessage))
	f.Add([]byte("From: a@shop.dk\n\nbody"))
	f.Add([]byte("From: a@shop.dk\r\n folded\r\nTo:\r\n\r\n"))
	f.Add([]byte("no header at all"))
	key := sharedKey(f)
	rec, _ := DNSRecord(key)
	s, err := NewSigner("shop.dk", "dd1", key)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, msg []byte) {
		signed, err := s.Sign(msg)
		if err != nil {
			return
		}
		vs, err := dkim.VerifyWithOptions(bytes.NewReader(signed), &dkim.VerifyOptions{LookupTXT: lookupFrom("dd1._domainkey.shop.dk", rec)})
		if err != nil || len(vs) == 0 || vs[0].Err != nil {
			t.Fatalf("signed message does not verify: %v %+v\n%q", err, vs, signed)
		}
	})
}

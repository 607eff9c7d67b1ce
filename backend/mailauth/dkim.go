package mailauth

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"strings"

	"github.com/emersion/go-msgauth/dkim"

	"directdesk/backend/marketing"
)

// keyBits is the size of generated RSA keys: 2048 is what mail providers
// expect and still fits a DNS TXT record.
const keyBits = 2048

// minKeyBits: receivers treat shorter RSA keys as no signature (RFC 8301).
const minKeyBits = 1024

// signedHeaders are signed when present, in this order. List-Unsubscribe
// and List-Unsubscribe-Post must be covered for one-click unsubscribe
// (RFC 8058).
var signedHeaders = []string{
	"From", "To", "Subject", "Date", "Message-ID", "Reply-To",
	"List-Unsubscribe", "List-Unsubscribe-Post", "MIME-Version", "Content-Type",
}

func keyError(err error) error {
	return &marketing.Error{
		Code: marketing.EInvalid, Field: "dkimKey",
		Message: "The DKIM key of this mail account is damaged or is not a private key. " +
			"Create a new key in the account settings and ask your web host to publish its new DNS record.",
		Err: err,
	}
}

// GenerateKey makes a new RSA 2048 private key for DKIM signing and
// returns it as PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----").
func GenerateKey() (privatePEM string, err error) {
	k, err := rsa.GenerateKey(rand.Reader, keyBits)
	if err != nil {
		return "", fmt.Errorf("mailauth: generate DKIM key: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		return "", fmt.Errorf("mailauth: encode DKIM key: %w", err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})), nil
}

// parsePrivateKey reads a PKCS#8 (or PKCS#1 RSA) PEM private key.
func parsePrivateKey(privatePEM string) (crypto.Signer, error) {
	block, _ := pem.Decode([]byte(strings.TrimSpace(privatePEM)))
	if block == nil {
		return nil, keyError(fmt.Errorf("mailauth: no PEM block in DKIM key"))
	}
	var key any
	var err error
	switch block.Type {
	case "PRIVATE KEY":
		key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	case "RSA PRIVATE KEY":
		key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	default:
		err = fmt.Errorf("mailauth: PEM block %q is not a private key", block.Type)
	}
	if err != nil {
		return nil, keyError(err)
	}
	switch k := key.(type) {
	case *rsa.PrivateKey:
		if k.N.BitLen() < minKeyBits {
			return nil, keyError(fmt.Errorf("mailauth: RSA key of %d bits is too short", k.N.BitLen()))
		}
		return k, nil
	case ed25519.PrivateKey:
		return k, nil
	default:
		return nil, keyError(fmt.Errorf("mailauth: unsupported DKIM key type %T", key))
	}
}

// DNSRecord returns the TXT record to publish at
// <selector>._domainkey.<domain> for the key:
// "v=DKIM1; k=rsa; p=<base64 of the PKIX public key>" (k=ed25519 with the
// raw public key for an Ed25519 key).
func DNSRecord(privatePEM string) (string, error) {
	key, err := parsePrivateKey(privatePEM)
	if err != nil {
		return "", err
	}
	switch pub := key.Public().(type) {
	case ed25519.PublicKey:
		return "v=DKIM1; k=ed25519; p=" + base64.StdEncoding.EncodeToString(pub), nil
	default:
		der, err := x509.MarshalPKIXPublicKey(pub)
		if err != nil {
			return "", keyError(err)
		}
		return "v=DKIM1; k=rsa; p=" + base64.StdEncoding.EncodeToString(der), nil
	}
}

// Signer signs messages for one domain and selector. It is safe for
// concurrent use.
type Signer struct {
	domain   string // ASCII
	selector string
	key      crypto.Signer
}

// NewSigner parses the key once and checks domain and selector.
func NewSigner(domain, selector, privatePEM string) (*Signer, error) {
	ascii, _, ok := normalizeDomain(domain)
	if !ok {
		return nil, marketing.FieldError(marketing.EInvalid, "fromEmail",
			fmt.Sprintf("%q is not a domain name, so DirectDesk cannot sign mail for it. Check the sender address of this mail account.", strings.TrimSpace(domain)),
			map[string]string{"domain": strings.TrimSpace(domain)})
	}
	selector = strings.ToLower(strings.TrimSpace(selector))
	okSel := selector != "" && len(selector) <= 63
	for _, l := range strings.Split(selector, ".") {
		okSel = okSel && validLabel(l, true)
	}
	if !okSel {
		return nil, marketing.FieldError(marketing.EInvalid, "dkimSelector",
			"The DKIM selector must be a short name of letters, digits and hyphens, for example directdesk1.",
			map[string]string{"selector": selector})
	}
	key, err := parsePrivateKey(privatePEM)
	if err != nil {
		return nil, err
	}
	return &Signer{domain: ascii, selector: selector, key: key}, nil
}

// Sign returns msg with a DKIM-Signature header prepended (relaxed/relaxed,
// rsa-sha256). Line endings are normalised to CRLF first, as they are on
// the wire, so the returned message is what must be sent.
func (s *Signer) Sign(msg []byte) ([]byte, error) {
	msg = toCRLF(msg)
	present := headerCounts(msg)
	var keys []string
	for _, h := range signedHeaders {
		for i := 0; i < present[strings.ToLower(h)]; i++ {
			keys = append(keys, h)
		}
	}
	if present["from"] == 0 {
		return nil, fmt.Errorf("mailauth: cannot sign a message without a From header")
	}
	var out bytes.Buffer
	out.Grow(len(msg) + 1024)
	err := dkim.Sign(&out, bytes.NewReader(msg), &dkim.SignOptions{
		Domain:                 s.domain,
		Selector:               s.selector,
		Signer:                 s.key,
		HeaderCanonicalization: dkim.CanonicalizationRelaxed,
		BodyCanonicalization:   dkim.CanonicalizationRelaxed,
		HeaderKeys:             keys,
	})
	if err != nil {
		return nil, fmt.Errorf("mailauth: DKIM signing: %w", err)
	}
	return out.Bytes(), nil
}

// toCRLF turns bare LF (and bare CR) line ends into CRLF.
func toCRLF(b []byte) []byte {
	if !bytes.ContainsAny(b, "\r\n") {
		return b
	}
	var out bytes.Buffer
	out.Grow(len(b) + len(b)/40)
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '\r':
			out.WriteString("\r\n")
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
		case '\n':
			out.WriteString("\r\n")
		default:
			out.WriteByte(c)
		}
	}
	return out.Bytes()
}

// headerCounts counts the header fields of a CRLF message by lower-case name.
func headerCounts(msg []byte) map[string]int {
	counts := map[string]int{}
	for len(msg) > 0 {
		line := msg
		if i := bytes.Index(msg, []byte("\r\n")); i >= 0 {
			line, msg = msg[:i], msg[i+2:]
		} else {
			msg = nil
		}
		if len(line) == 0 {
			break // end of header
		}
		if line[0] == ' ' || line[0] == '\t' {
			continue // folded continuation
		}
		if name, _, ok := bytes.Cut(line, []byte(":")); ok {
			counts[strings.ToLower(strings.TrimSpace(string(name)))]++
		}
	}
	return counts
}

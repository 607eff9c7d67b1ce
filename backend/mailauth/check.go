package mailauth

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

// Finding statuses.
const (
	StatusOK      = "ok"
	StatusWarning = "warning"
	StatusMissing = "missing"
	StatusError   = "error"
)

// Problem levels: an error makes mail fail the check, a warning makes it
// weaker than it could be, info is only worth knowing.
const (
	LevelError   = "error"
	LevelWarning = "warning"
	LevelInfo    = "info"
)

// Problem codes. They are stable: the UI translates by code with Params.
const (
	CodeDomainInvalid = "domain_invalid" // {domain}
	CodeDNSFailed     = "dns_failed"     // {name, reason: timeout|server|canceled}

	CodeSPFMissing        = "spf_missing"          // {domain}
	CodeSPFMultiple       = "spf_multiple"         // {domain, count}
	CodeSPFPassAll        = "spf_pass_all"         // {domain, term}
	CodeSPFNeutralAll     = "spf_neutral_all"      // {domain}
	CodeSPFNoAll          = "spf_no_all"           // {domain}
	CodeSPFTooManyLookups = "spf_too_many_lookups" // {domain, count, limit}
	CodeSPFInvalid        = "spf_invalid"          // {domain, term}

	CodeDKIMNotSetUp        = "dkim_not_set_up"       // {}
	CodeDKIMSelectorInvalid = "dkim_selector_invalid" // {selector}
	CodeDKIMMissing         = "dkim_missing"          // {domain, name, selector}
	CodeDKIMMultiple        = "dkim_multiple"         // {name, count}
	CodeDKIMRevoked         = "dkim_revoked"          // {name}
	CodeDKIMInvalid         = "dkim_invalid"          // {name, reason}
	CodeDKIMKeyMismatch     = "dkim_key_mismatch"     // {name}

	CodeDMARCMissing        = "dmarc_missing"         // {domain, name, example}
	CodeDMARCMultiple       = "dmarc_multiple"        // {domain, name, count}
	CodeDMARCInvalid        = "dmarc_invalid"         // {name, reason, detail, example}
	CodeDMARCMonitoringOnly = "dmarc_monitoring_only" // {domain}
	CodeDMARCNoReports      = "dmarc_no_reports"      // {domain}
	CodeDMARCInherited      = "dmarc_inherited"       // {domain, parent}
)

// spfLookupLimit is RFC 7208's limit on DNS-querying terms.
const spfLookupLimit = 10

// lookupTimeout bounds each DNS question (the caller's context may be shorter).
const lookupTimeout = 10 * time.Second

// Resolver answers TXT questions. *net.Resolver satisfies it. A name that
// does not exist (NXDOMAIN) or has no TXT records must be reported as a
// *net.DNSError with IsNotFound set; any other error counts as a failed lookup.
type Resolver interface {
	LookupTXT(ctx context.Context, name string) ([]string, error)
}

// SystemResolver returns the operating system's resolver (net.DefaultResolver):
// the DNS settings of Windows, macOS or Linux as the user has them.
func SystemResolver() Resolver { return net.DefaultResolver }

// Problem is one thing wrong (or worth knowing) about a record.
type Problem struct {
	Code   string            `json:"code"`
	Level  string            `json:"level"`
	Params map[string]string `json:"params,omitempty"`
	// Message is the English fallback for a shop owner: what is wrong and
	// what to ask the web host.
	Message string `json:"message"`
}

// Finding is the verdict on one kind of record.
type Finding struct {
	Status string `json:"status"`
	// Name is the DNS name asked (ASCII, without the final dot); "" when no
	// question was asked.
	Name string `json:"name"`
	// Record is the TXT record found (several joined by newlines when there
	// were too many).
	Record   string    `json:"record"`
	Problems []Problem `json:"problems"`
}

// Report is the result of CheckDomain.
type Report struct {
	// Domain is the domain as a person reads it (Unicode); ASCII is the
	// form DNS uses (xn-- labels for international names).
	Domain string  `json:"domain"`
	ASCII  string  `json:"ascii"`
	SPF    Finding `json:"spf"`
	DKIM   Finding `json:"dkim"`
	DMARC  Finding `json:"dmarc"`
}

// CheckDomain looks up the SPF, DMARC and (when selector is set) DKIM
// records of domain and judges them. domain may be Unicode or an email
// address (the part after @ is used). wantDKIM is the record or key
// DirectDesk signs with ("v=DKIM1; k=rsa; p=..." or just the p= value); ""
// skips the comparison. A nil r means SystemResolver().
func CheckDomain(ctx context.Context, r Resolver, domain, selector, wantDKIM string) Report {
	if r == nil {
		r = SystemResolver()
	}
	ascii, uni, ok := normalizeDomain(domain)
	if !ok {
		shown := strings.TrimSpace(domain)
		bad := func() Finding {
			return Finding{Status: StatusError, Problems: []Problem{{
				Code: CodeDomainInvalid, Level: LevelError,
				Params:  map[string]string{"domain": shown},
				Message: fmt.Sprintf("%q is not a domain name. Enter the part of your email address after the @, for example shop.dk.", shown),
			}}}
		}
		return Report{Domain: shown, SPF: bad(), DKIM: bad(), DMARC: bad()}
	}
	rep := Report{Domain: uni, ASCII: ascii}
	d := domainNames{ascii: ascii, uni: uni}
	var wg sync.WaitGroup
	wg.Add(3)
	go func() { defer wg.Done(); rep.SPF = finish(checkSPF(ctx, r, d)) }()
	go func() { defer wg.Done(); rep.DKIM = finish(checkDKIM(ctx, r, d, selector, wantDKIM)) }()
	go func() { defer wg.Done(); rep.DMARC = finish(checkDMARC(ctx, r, d)) }()
	wg.Wait()
	return rep
}

type domainNames struct{ ascii, uni string }

// normalizeDomain turns user input into the ASCII form for DNS and the
// Unicode form for people.
func normalizeDomain(in string) (ascii, uni string, ok bool) {
	s := strings.TrimSpace(in)
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
	s = strings.TrimSuffix(s, ".")
	if s == "" {
		return "", "", false
	}
	a, err := idna.Lookup.ToASCII(s)
	if err != nil {
		return "", "", false
	}
	a = strings.ToLower(a)
	if len(a) > 253 || !strings.Contains(a, ".") {
		return "", "", false
	}
	for _, label := range strings.Split(a, ".") {
		if !validLabel(label, false) {
			return "", "", false
		}
	}
	u, err := idna.Lookup.ToUnicode(a)
	if err != nil {
		u = s
	}
	return a, u, true
}

// validLabel reports whether s is a DNS label of letters, digits and inner
// hyphens (and underscores when allowed).
func validLabel(s string, underscore bool) bool {
	if len(s) == 0 || len(s) > 63 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-':
		case c == '_' && underscore:
		default:
			return false
		}
	}
	return true
}

// lookup asks for the TXT records of name. A name that does not exist or
// has no TXT records gives (nil, nil).
func lookup(ctx context.Context, r Resolver, name string) ([]string, error) {
	ctx, cancel := context.WithTimeout(ctx, lookupTimeout)
	defer cancel()
	// The final dot makes the name absolute, so no search domain is tried.
	txts, err := r.LookupTXT(ctx, name+".")
	if err != nil {
		var de *net.DNSError
		if errors.As(err, &de) && de.IsNotFound {
			return nil, nil
		}
		return nil, err
	}
	return txts, nil
}

func dnsFailed(f Finding, err error) Finding {
	reason := "server"
	var de *net.DNSError
	switch {
	case errors.Is(err, context.Canceled):
		reason = "canceled"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &de) && de.IsTimeout:
		reason = "timeout"
	}
	what := "the DNS server answered with an error"
	if reason == "timeout" {
		what = "no answer came in time"
	} else if reason == "canceled" {
		what = "the check was stopped"
	}
	f.Status = StatusError
	f.Problems = []Problem{{
		Code: CodeDNSFailed, Level: LevelError,
		Params: map[string]string{"name": f.Name, "reason": reason},
		Message: fmt.Sprintf("DirectDesk could not look up %s in DNS (the internet's address book for domains): %s. "+
			"Check that this computer is online and try again in a few minutes; if it keeps happening, ask your web host whether the DNS of your domain is working.", f.Name, what),
	}}
	return f
}

// finish sets the status from the problems (unless already decided) and
// makes Problems non-nil for the UI.
func finish(f Finding) Finding {
	if f.Status == "" {
		f.Status = StatusOK
		for _, p := range f.Problems {
			if p.Level == LevelError {
				f.Status = StatusError
				break
			}
			if p.Level == LevelWarning {
				f.Status = StatusWarning
			}
		}
	}
	if f.Problems == nil {
		f.Problems = []Problem{}
	}
	return f
}

// ---- SPF ----

func isSPF(txt string) bool {
	return len(txt) >= 6 && strings.EqualFold(txt[:6], "v=spf1") && (len(txt) == 6 || txt[6] == ' ')
}

func checkSPF(ctx context.Context, r Resolver, d domainNames) Finding {
	f := Finding{Name: d.ascii}
	txts, err := lookup(ctx, r, d.ascii)
	if err != nil {
		return dnsFailed(f, err)
	}
	var recs []string
	for _, t := range txts {
		if isSPF(t) {
			recs = append(recs, t)
		}
	}
	switch len(recs) {
	case 0:
		f.Status = StatusMissing
		f.Problems = []Problem{{
			Code: CodeSPFMissing, Level: LevelError,
			Params: map[string]string{"domain": d.uni},
			Message: fmt.Sprintf("%s has no SPF record, so receiving mail servers cannot tell which servers may send mail for it, and more of your mail may land in spam. "+
				"Ask your web host to publish an SPF record for %s (a TXT record starting with v=spf1) that includes the server you send through.", d.uni, d.uni),
		}}
		return f
	case 1:
		f.Record = recs[0]
		f.Problems = analyzeSPF(recs[0], d.uni)
		return f
	default:
		f.Record = strings.Join(recs, "\n")
		f.Status = StatusError
		f.Problems = []Problem{{
			Code: CodeSPFMultiple, Level: LevelError,
			Params: map[string]string{"domain": d.uni, "count": strconv.Itoa(len(recs))},
			Message: fmt.Sprintf("%s has %d SPF records, but only one is allowed, so mail servers ignore them all. "+
				"Ask your web host to merge them into a single TXT record starting with v=spf1.", d.uni, len(recs)),
		}}
		return f
	}
}

// isModifierName reports whether s is an SPF modifier name (name=value).
func isModifierName(s string) bool {
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

func analyzeSPF(rec, domain string) []Problem {
	var probs []Problem
	invalid := func(term string) {
		probs = append(probs, Problem{
			Code: CodeSPFInvalid, Level: LevelError,
			Params: map[string]string{"domain": domain, "term": term},
			Message: fmt.Sprintf("The SPF record of %s contains %q, which mail servers do not understand, so they may ignore the whole record. "+
				"Ask your web host to correct or remove that part.", domain, term),
		})
	}
	lookups, redirects := 0, 0
	allTerm := ""
	for _, term := range strings.Fields(rec)[1:] {
		if name, val, ok := strings.Cut(term, "="); ok && isModifierName(name) {
			switch strings.ToLower(name) {
			case "redirect":
				lookups++
				redirects++
				if val == "" || redirects > 1 {
					invalid(term)
				}
			case "exp":
				if val == "" {
					invalid(term)
				}
			}
			// Unknown modifiers are allowed and ignored (RFC 7208 6).
			continue
		}
		body := term
		if strings.ContainsRune("+-~?", rune(term[0])) {
			body = term[1:]
		}
		mech, arg := body, ""
		if i := strings.IndexAny(body, ":/"); i >= 0 {
			mech, arg = body[:i], body[i:]
		}
		switch strings.ToLower(mech) {
		case "all":
			if arg != "" {
				invalid(term)
			} else if allTerm == "" {
				allTerm = term
			}
		case "include", "exists":
			lookups++
			if len(arg) < 2 || arg[0] != ':' {
				invalid(term)
			}
		case "a", "mx":
			lookups++
			if arg == ":" || strings.HasPrefix(arg, ":/") {
				invalid(term)
			}
		case "ptr":
			lookups++
		case "ip4", "ip6":
			if !validSPFIP(arg, strings.ToLower(mech) == "ip4") {
				invalid(term)
			}
		default:
			invalid(term)
		}
	}
	switch {
	case allTerm == "" && redirects == 0:
		probs = append(probs, Problem{
			Code: CodeSPFNoAll, Level: LevelWarning,
			Params: map[string]string{"domain": domain},
			Message: fmt.Sprintf("The SPF record of %s does not end with an \"all\" rule, so mail servers do not know what to do with mail from servers it does not list. "+
				"Ask your web host to add \"~all\" at the end of it.", domain),
		})
	case strings.EqualFold(allTerm, "all") || strings.EqualFold(allTerm, "+all"):
		probs = append(probs, Problem{
			Code: CodeSPFPassAll, Level: LevelError,
			Params: map[string]string{"domain": domain, "term": allTerm},
			Message: fmt.Sprintf("The SPF record of %s ends with %q, which allows every server in the world to send mail as you. "+
				"Ask your web host to change it to \"~all\" (or \"-all\").", domain, allTerm),
		})
	case strings.EqualFold(allTerm, "?all"):
		probs = append(probs, Problem{
			Code: CodeSPFNeutralAll, Level: LevelWarning,
			Params: map[string]string{"domain": domain},
			Message: fmt.Sprintf("The SPF record of %s ends with \"?all\", which tells mail servers nothing about servers it does not list. "+
				"Ask your web host to change it to \"~all\" (or \"-all\").", domain),
		})
	}
	if lookups > spfLookupLimit {
		probs = append(probs, Problem{
			Code: CodeSPFTooManyLookups, Level: LevelWarning,
			Params: map[string]string{"domain": domain, "count": strconv.Itoa(lookups), "limit": strconv.Itoa(spfLookupLimit)},
			Message: fmt.Sprintf("The SPF record of %s needs at least %d DNS lookups; mail servers give up after %d and may then treat your mail as unverified. "+
				"Ask your web host to shorten it (fewer include:, a and mx entries).", domain, lookups, spfLookupLimit),
		})
	}
	return probs
}

// validSPFIP checks the argument of ip4/ip6 (":addr" or ":addr/len").
func validSPFIP(arg string, v4 bool) bool {
	if len(arg) < 2 || arg[0] != ':' {
		return false
	}
	s := arg[1:]
	var a netip.Addr
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return false
		}
		a = p.Addr()
	} else {
		var err error
		if a, err = netip.ParseAddr(s); err != nil {
			return false
		}
	}
	if v4 {
		return a.Is4()
	}
	return a.Is6()
}

// ---- tag lists (DKIM and DMARC) ----

type tag struct{ k, v string }

// parseTags splits "k=v; k=v;" into tags. It reports the first part that
// is not k=v.
func parseTags(s string) (tags []tag, bad string) {
	for _, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" {
			return tags, part
		}
		tags = append(tags, tag{strings.ToLower(k), strings.TrimSpace(v)})
	}
	return tags, ""
}

func tagValue(tags []tag, k string) (string, bool) {
	for _, t := range tags {
		if t.k == k {
			return t.v, true
		}
	}
	return "", false
}

func stripSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\r' || r == '\n' {
			return -1
		}
		return r
	}, s)
}

// ---- DKIM ----

// dkimKey returns the p= value of a DKIM record, or the string itself when
// it has no tags (a bare base64 key), without whitespace.
func dkimKey(s string) string {
	if tags, bad := parseTags(s); bad == "" {
		if p, ok := tagValue(tags, "p"); ok {
			return stripSpace(p)
		}
	}
	return stripSpace(s)
}

func isDKIMRecord(txt string) bool {
	tags, _ := parseTags(txt)
	if len(tags) > 0 && tags[0].k == "v" && strings.EqualFold(tags[0].v, "DKIM1") {
		return true
	}
	_, ok := tagValue(tags, "p")
	return ok
}

const dkimFix = "Ask your web host to replace it with the value DirectDesk shows in the account settings."

func checkDKIM(ctx context.Context, r Resolver, d domainNames, selector, want string) Finding {
	var f Finding
	selector = strings.TrimSpace(selector)
	if selector == "" {
		f.Status = StatusMissing
		f.Problems = []Problem{{
			Code: CodeDKIMNotSetUp, Level: LevelInfo,
			Message: "Mail from this account is not signed with DKIM yet. Turn on DKIM in the account settings; DirectDesk then shows a record for your web host to publish.",
		}}
		return f
	}
	okSel := len(selector) <= 63
	for _, l := range strings.Split(selector, ".") {
		okSel = okSel && validLabel(l, true)
	}
	if !okSel {
		f.Status = StatusError
		f.Problems = []Problem{{
			Code: CodeDKIMSelectorInvalid, Level: LevelError,
			Params:  map[string]string{"selector": selector},
			Message: fmt.Sprintf("The DKIM selector %q is not valid. Use only letters, digits and hyphens, for example directdesk1.", selector),
		}}
		return f
	}
	f.Name = strings.ToLower(selector) + "._domainkey." + d.ascii
	txts, err := lookup(ctx, r, f.Name)
	if err != nil {
		return dnsFailed(f, err)
	}
	var recs []string
	for _, t := range txts {
		if isDKIMRecord(t) {
			recs = append(recs, t)
		}
	}
	switch {
	case len(recs) == 0:
		f.Status = StatusMissing
		f.Problems = []Problem{{
			Code: CodeDKIMMissing, Level: LevelError,
			Params: map[string]string{"domain": d.uni, "name": f.Name, "selector": selector},
			Message: fmt.Sprintf("No DKIM key is published for %s yet. Ask your web host to add a TXT record named %s with the value DirectDesk shows in the account settings. "+
				"New records can take a few hours to appear.", d.uni, f.Name),
		}}
		return f
	case len(recs) > 1:
		f.Record = strings.Join(recs, "\n")
		f.Problems = []Problem{{
			Code: CodeDKIMMultiple, Level: LevelError,
			Params: map[string]string{"name": f.Name, "count": strconv.Itoa(len(recs))},
			Message: fmt.Sprintf("There are %d DKIM records at %s, and mail servers may pick the wrong one. "+
				"Ask your web host to keep only one: the value DirectDesk shows in the account settings.", len(recs), f.Name),
		}}
		return f
	}
	f.Record = recs[0]
	invalid := func(reason, what string) Finding {
		f.Problems = append(f.Problems, Problem{
			Code: CodeDKIMInvalid, Level: LevelError,
			Params:  map[string]string{"name": f.Name, "reason": reason},
			Message: fmt.Sprintf("The DKIM record at %s is damaged (%s), so mail servers cannot check your signature. %s", f.Name, what, dkimFix),
		})
		return f
	}
	tags, bad := parseTags(f.Record)
	if bad != "" {
		return invalid("syntax", fmt.Sprintf("%q is not of the form name=value", bad))
	}
	if v, ok := tagValue(tags, "v"); ok && (tags[0].k != "v" || !strings.EqualFold(v, "DKIM1")) {
		return invalid("bad_version", "it must start with v=DKIM1")
	}
	kind := "rsa"
	if k, ok := tagValue(tags, "k"); ok {
		kind = strings.ToLower(k)
	}
	if kind != "rsa" && kind != "ed25519" {
		return invalid("unknown_key_type", fmt.Sprintf("k=%s is not a key type mail servers know", kind))
	}
	p, _ := tagValue(tags, "p")
	p = stripSpace(p)
	if p == "" {
		f.Problems = []Problem{{
			Code: CodeDKIMRevoked, Level: LevelError,
			Params: map[string]string{"name": f.Name},
			Message: fmt.Sprintf("The DKIM record at %s has an empty key (p=), which tells mail servers the key has been withdrawn, so your signed mail fails the check. %s",
				f.Name, dkimFix),
		}}
		return f
	}
	der, err := base64.StdEncoding.DecodeString(p)
	if err != nil {
		return invalid("key_not_base64", "the key after p= is cut off or contains wrong characters")
	}
	if kind == "rsa" {
		if _, err := x509.ParsePKIXPublicKey(der); err != nil {
			if _, err := x509.ParsePKCS1PublicKey(der); err != nil {
				return invalid("key_unreadable", "the key after p= is not a valid RSA key")
			}
		}
	} else if len(der) != 32 {
		return invalid("key_unreadable", "the key after p= is not a valid Ed25519 key")
	}
	if want != "" && !sameKey(p, dkimKey(want)) {
		f.Problems = append(f.Problems, Problem{
			Code: CodeDKIMKeyMismatch, Level: LevelError,
			Params: map[string]string{"name": f.Name},
			Message: fmt.Sprintf("The DKIM key published at %s is not the one DirectDesk signs with, so mail servers will reject the signature. %s "+
				"(If you created a new key in DirectDesk, the new value must be published again.)", f.Name, dkimFix),
		})
	}
	return f
}

func sameKey(a, b string) bool {
	if a == b {
		return true
	}
	da, err1 := base64.StdEncoding.DecodeString(a)
	db, err2 := base64.StdEncoding.DecodeString(b)
	return err1 == nil && err2 == nil && bytes.Equal(da, db)
}

// ---- DMARC ----

func isDMARCCandidate(txt string) bool {
	return strings.Contains(strings.ToLower(stripSpace(txt)), "v=dmarc1")
}

var dmarcReasons = map[string]string{
	"syntax":                   "a part is not of the form name=value",
	"version_not_first":        "it must start with v=DMARC1",
	"duplicate_tag":            "a setting appears twice",
	"policy_missing":           "the policy p= is missing",
	"policy_invalid":           "the policy p= must be none, quarantine or reject",
	"subdomain_policy_invalid": "the subdomain policy sp= must be none, quarantine or reject",
	"pct_invalid":              "pct= must be a number from 0 to 100",
}

func validPolicy(s string) bool {
	switch strings.ToLower(s) {
	case "none", "quarantine", "reject":
		return true
	}
	return false
}

// parseDMARC returns the tags of a DMARC record or why it is not valid.
func parseDMARC(rec string) (tags []tag, reason, detail string) {
	tags, bad := parseTags(rec)
	if bad != "" {
		return nil, "syntax", bad
	}
	if len(tags) == 0 || tags[0].k != "v" || !strings.EqualFold(tags[0].v, "DMARC1") {
		return nil, "version_not_first", ""
	}
	seen := map[string]bool{}
	for _, t := range tags {
		if seen[t.k] {
			return nil, "duplicate_tag", t.k
		}
		seen[t.k] = true
	}
	p, ok := tagValue(tags, "p")
	if !ok {
		return nil, "policy_missing", ""
	}
	if !validPolicy(p) {
		return nil, "policy_invalid", "p=" + p
	}
	if sp, ok := tagValue(tags, "sp"); ok && !validPolicy(sp) {
		return nil, "subdomain_policy_invalid", "sp=" + sp
	}
	if pct, ok := tagValue(tags, "pct"); ok {
		if n, err := strconv.Atoi(pct); err != nil || n < 0 || n > 100 {
			return nil, "pct_invalid", "pct=" + pct
		}
	}
	return tags, "", ""
}

// dmarcAt reads the DMARC candidates at _dmarc.<ascii>.
func dmarcAt(ctx context.Context, r Resolver, ascii string) (name string, recs []string, err error) {
	name = "_dmarc." + ascii
	txts, err := lookup(ctx, r, name)
	if err != nil {
		return name, nil, err
	}
	for _, t := range txts {
		if isDMARCCandidate(t) {
			recs = append(recs, t)
		}
	}
	return name, recs, nil
}

func checkDMARC(ctx context.Context, r Resolver, d domainNames) Finding {
	example := "v=DMARC1; p=none; rua=mailto:postmaster@" + d.ascii
	name, recs, err := dmarcAt(ctx, r, d.ascii)
	f := Finding{Name: name}
	if err != nil {
		return dnsFailed(f, err)
	}
	var inherited []Problem
	policyKey := "p"
	if len(recs) == 0 {
		// Receivers fall back to the organizational domain's record
		// (RFC 7489 6.6.3), where sp= rules subdomains.
		if org, err := publicsuffix.EffectiveTLDPlusOne(d.ascii); err == nil && org != d.ascii {
			oname, orecs, err := dmarcAt(ctx, r, org)
			if err != nil {
				return dnsFailed(Finding{Name: oname}, err)
			}
			if len(orecs) > 0 {
				orgUni, err := idna.Lookup.ToUnicode(org)
				if err != nil {
					orgUni = org
				}
				f.Name, recs, policyKey = oname, orecs, "sp"
				inherited = []Problem{{
					Code: CodeDMARCInherited, Level: LevelInfo,
					Params:  map[string]string{"domain": d.uni, "parent": orgUni},
					Message: fmt.Sprintf("%s has no DMARC record of its own; the record of %s applies to it.", d.uni, orgUni),
				}}
			}
		}
	}
	switch {
	case len(recs) == 0:
		f.Status = StatusMissing
		f.Problems = []Problem{{
			Code: CodeDMARCMissing, Level: LevelError,
			Params: map[string]string{"domain": d.uni, "name": name, "example": example},
			Message: fmt.Sprintf("%s has no DMARC record. Large mail providers such as Gmail and Yahoo expect one from senders of bulk mail. "+
				"Ask your web host to publish a TXT record named %s, to begin with: %s", d.uni, name, example),
		}}
		return f
	case len(recs) > 1:
		f.Record = strings.Join(recs, "\n")
		f.Problems = append(inherited, Problem{
			Code: CodeDMARCMultiple, Level: LevelError,
			Params: map[string]string{"domain": d.uni, "name": f.Name, "count": strconv.Itoa(len(recs))},
			Message: fmt.Sprintf("There are %d DMARC records at %s, and mail servers then ignore them all. Ask your web host to keep only one.",
				len(recs), f.Name),
		})
		return f
	}
	f.Record = recs[0]
	f.Problems = inherited
	tags, reason, detail := parseDMARC(f.Record)
	if reason != "" {
		f.Problems = append(f.Problems, Problem{
			Code: CodeDMARCInvalid, Level: LevelError,
			Params: map[string]string{"name": f.Name, "reason": reason, "detail": detail, "example": example},
			Message: fmt.Sprintf("The DMARC record at %s is not valid (%s), so mail servers ignore it. Ask your web host to correct it, for example to: %s",
				f.Name, dmarcReasons[reason], example),
		})
		return f
	}
	policy, ok := tagValue(tags, policyKey)
	if !ok {
		policy, _ = tagValue(tags, "p")
	}
	if strings.EqualFold(policy, "none") {
		f.Problems = append(f.Problems, Problem{
			Code: CodeDMARCMonitoringOnly, Level: LevelWarning,
			Params: map[string]string{"domain": d.uni},
			Message: fmt.Sprintf("The DMARC policy of %s is p=none: monitoring only. Mail that fails the checks is still delivered, so others can still send mail in your name. "+
				"When your own mail passes SPF and DKIM, ask your web host to change it to p=quarantine.", d.uni),
		})
	}
	if rua, _ := tagValue(tags, "rua"); rua == "" {
		f.Problems = append(f.Problems, Problem{
			Code: CodeDMARCNoReports, Level: LevelInfo,
			Params: map[string]string{"domain": d.uni},
			Message: fmt.Sprintf("The DMARC record of %s asks for no reports (no rua=). That is fine; if you want daily reports on who sends mail in your name, "+
				"ask your web host to add rua=mailto: followed by an address of yours.", d.uni),
		})
	}
	return f
}

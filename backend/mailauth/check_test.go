package mailauth

import (
	"context"
	"errors"
	"net"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/miekg/dns"
)

// zone is a tiny authoritative DNS server's data, served over UDP on
// loopback by startDNS: the real DNS protocol, never the internet.
type zone struct {
	mu       sync.Mutex
	txt      map[string][]string // lower-case FQDN with final dot -> TXT records
	exists   map[string]bool     // names that exist without TXT records (NODATA)
	servfail map[string]bool
	silent   map[string]bool // never answered: the client times out
	asked    []string
}

func newZone() *zone {
	return &zone{txt: map[string][]string{}, exists: map[string]bool{}, servfail: map[string]bool{}, silent: map[string]bool{}}
}

func fqdn(name string) string { return strings.ToLower(strings.TrimSuffix(name, ".")) + "." }

// add publishes a TXT record at name (ASCII).
func (z *zone) add(name string, records ...string) *zone {
	z.mu.Lock()
	defer z.mu.Unlock()
	z.txt[fqdn(name)] = append(z.txt[fqdn(name)], records...)
	return z
}

// chunks splits a record into the 255-byte character-strings DNS carries.
func chunks(s string) []string {
	var out []string
	for len(s) > 255 {
		out = append(out, s[:255])
		s = s[255:]
	}
	return append(out, s)
}

func (z *zone) ServeDNS(w dns.ResponseWriter, req *dns.Msg) {
	z.mu.Lock()
	defer z.mu.Unlock()
	m := new(dns.Msg)
	m.SetReply(req)
	m.Authoritative = true
	if len(req.Question) != 1 {
		m.Rcode = dns.RcodeFormatError
		_ = w.WriteMsg(m)
		return
	}
	q := req.Question[0]
	name := strings.ToLower(q.Name)
	z.asked = append(z.asked, name)
	switch {
	case z.silent[name]:
		return
	case z.servfail[name]:
		m.Rcode = dns.RcodeServerFailure
	case z.txt[name] == nil && !z.exists[name]:
		m.Rcode = dns.RcodeNameError
	case q.Qtype == dns.TypeTXT:
		for _, r := range z.txt[name] {
			m.Answer = append(m.Answer, &dns.TXT{
				Hdr: dns.RR_Header{Name: q.Name, Rrtype: dns.TypeTXT, Class: dns.ClassINET, Ttl: 60},
				Txt: chunks(r),
			})
		}
	}
	_ = w.WriteMsg(m)
}

// startDNS serves z on 127.0.0.1 and returns a resolver that asks only it.
func startDNS(t *testing.T, z *zone) *net.Resolver {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	srv := &dns.Server{PacketConn: pc, Handler: z, NotifyStartedFunc: func() { close(started) }}
	go func() { _ = srv.ActivateAndServe() }()
	<-started
	t.Cleanup(func() { _ = srv.Shutdown() })
	addr := pc.LocalAddr().String()
	return &net.Resolver{
		PreferGo: true,
		Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "udp", addr)
		},
	}
}

func codes(f Finding) []string {
	var out []string
	for _, p := range f.Problems {
		out = append(out, p.Code)
	}
	sort.Strings(out)
	return out
}

func problem(t *testing.T, f Finding, code string) Problem {
	t.Helper()
	for _, p := range f.Problems {
		if p.Code == code {
			return p
		}
	}
	t.Fatalf("no problem %s in %+v", code, f)
	return Problem{}
}

const goodSPF = "v=spf1 include:_spf.mailhost.example ~all"
const goodDMARC = "v=DMARC1; p=quarantine; rua=mailto:dmarc@shop.dk"

func TestCheckDomainAllGood(t *testing.T) {
	key, err := GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	rec, err := DNSRecord(key)
	if err != nil {
		t.Fatal(err)
	}
	z := newZone().
		add("shop.dk", "google-site-verification=abc", goodSPF).
		add("dd1._domainkey.shop.dk", rec). // longer than 255 bytes: split into strings
		add("_dmarc.shop.dk", goodDMARC)
	r := startDNS(t, z)

	rep := CheckDomain(context.Background(), r, " Shop.DK ", "dd1", rec)
	z.mu.Lock()
	asked := strings.Join(z.asked, " ")
	z.mu.Unlock()
	for _, n := range []string{"shop.dk.", "dd1._domainkey.shop.dk.", "_dmarc.shop.dk."} {
		if !strings.Contains(asked, n) {
			t.Errorf("the loopback server was not asked for %s (asked: %s)", n, asked)
		}
	}
	if rep.Domain != "shop.dk" || rep.ASCII != "shop.dk" {
		t.Errorf("domain %q ascii %q", rep.Domain, rep.ASCII)
	}
	for name, f := range map[string]Finding{"spf": rep.SPF, "dkim": rep.DKIM, "dmarc": rep.DMARC} {
		if f.Status != StatusOK || len(f.Problems) != 0 || f.Problems == nil {
			t.Errorf("%s: %+v", name, f)
		}
	}
	if rep.SPF.Record != goodSPF || rep.DKIM.Record != rec || rep.DMARC.Record != goodDMARC {
		t.Errorf("records: %q %q %q", rep.SPF.Record, rep.DKIM.Record, rep.DMARC.Record)
	}
	if rep.DKIM.Name != "dd1._domainkey.shop.dk" || rep.DMARC.Name != "_dmarc.shop.dk" || rep.SPF.Name != "shop.dk" {
		t.Errorf("names: %q %q %q", rep.SPF.Name, rep.DKIM.Name, rep.DMARC.Name)
	}
	// The bare key works as wantDKIM too, and an email address as the domain.
	rep = CheckDomain(context.Background(), r, "anna@shop.dk", "dd1", dkimKey(rec))
	if rep.DKIM.Status != StatusOK || rep.Domain != "shop.dk" {
		t.Errorf("bare key: %+v", rep)
	}
}

func TestCheckDomainNothingPublished(t *testing.T) {
	r := startDNS(t, newZone()) // every name is NXDOMAIN
	rep := CheckDomain(context.Background(), r, "shop.dk", "dd1", "")
	for name, f := range map[string]Finding{"spf": rep.SPF, "dkim": rep.DKIM, "dmarc": rep.DMARC} {
		if f.Status != StatusMissing {
			t.Errorf("%s: %+v", name, f)
		}
	}
	if got := codes(rep.SPF); !reflect.DeepEqual(got, []string{CodeSPFMissing}) {
		t.Errorf("spf codes %v", got)
	}
	if got := codes(rep.DKIM); !reflect.DeepEqual(got, []string{CodeDKIMMissing}) {
		t.Errorf("dkim codes %v", got)
	}
	p := problem(t, rep.DMARC, CodeDMARCMissing)
	if p.Params["name"] != "_dmarc.shop.dk" || !strings.Contains(p.Message, "web host") {
		t.Errorf("dmarc missing: %+v", p)
	}
	if !strings.Contains(problem(t, rep.DKIM, CodeDKIMMissing).Message, "dd1._domainkey.shop.dk") {
		t.Error("dkim missing message should name the record")
	}
}

func TestCheckDomainNoDataIsMissing(t *testing.T) {
	z := newZone()
	z.exists["shop.dk."] = true // the domain exists but has no TXT records
	z.add("_dmarc.shop.dk", "something else entirely")
	r := startDNS(t, z)
	rep := CheckDomain(context.Background(), r, "shop.dk", "", "")
	if rep.SPF.Status != StatusMissing || rep.DMARC.Status != StatusMissing {
		t.Errorf("spf %+v dmarc %+v", rep.SPF, rep.DMARC)
	}
	if rep.DKIM.Status != StatusMissing || codes(rep.DKIM)[0] != CodeDKIMNotSetUp || rep.DKIM.Name != "" {
		t.Errorf("no selector: %+v", rep.DKIM)
	}
}

func TestCheckSPF(t *testing.T) {
	many := "v=spf1 include:a.example include:b.example include:c.example a mx ptr exists:%{i}.x.example " +
		"include:d.example include:e.example include:f.example include:g.example -all"
	cases := []struct {
		name    string
		records []string
		status  string
		codes   []string
	}{
		{"tilde", []string{"v=spf1 mx ~all"}, StatusOK, nil},
		{"dash", []string{"v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a:mail.shop.dk -all"}, StatusOK, nil},
		{"case", []string{"V=SPF1 MX -ALL"}, StatusOK, nil},
		{"redirect without all", []string{"v=spf1 redirect=_spf.mailhost.example"}, StatusOK, nil},
		{"split strings", []string{"v=spf1 include:_spf.mailhost.example " + strings.Repeat("ip4:192.0.2.1 ", 20) + "~all"}, StatusOK, nil},
		{"not spf", []string{"v=spf10 -all", "spf1 -all"}, StatusMissing, []string{CodeSPFMissing}},
		{"two records", []string{"v=spf1 mx ~all", "v=spf1 include:_spf.google.com ~all"}, StatusError, []string{CodeSPFMultiple}},
		{"plus all", []string{"v=spf1 mx +all"}, StatusError, []string{CodeSPFPassAll}},
		{"bare all", []string{"v=spf1 mx all"}, StatusError, []string{CodeSPFPassAll}},
		{"neutral all", []string{"v=spf1 mx ?all"}, StatusWarning, []string{CodeSPFNeutralAll}},
		{"no all", []string{"v=spf1 mx"}, StatusWarning, []string{CodeSPFNoAll}},
		{"eleven lookups", []string{many}, StatusWarning, []string{CodeSPFTooManyLookups}},
		{"ten lookups", []string{strings.Replace(many, " ptr", "", 1)}, StatusOK, nil},
		{"bad ip4", []string{"v=spf1 ip4:300.1.1.1 ~all"}, StatusError, []string{CodeSPFInvalid}},
		{"ip6 in ip4", []string{"v=spf1 ip4:2001:db8::1 ~all"}, StatusError, []string{CodeSPFInvalid}},
		{"typo", []string{"v=spf1 inculde:_spf.google.com ~all"}, StatusError, []string{CodeSPFInvalid}},
		{"empty include", []string{"v=spf1 include: ~all"}, StatusError, []string{CodeSPFInvalid}},
		{"unknown modifier ok", []string{"v=spf1 mx foo=bar ~all"}, StatusOK, nil},
		{"warning and error", []string{"v=spf1 bogus ?all"}, StatusError, []string{CodeSPFInvalid, CodeSPFNeutralAll}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := startDNS(t, newZone().add("shop.dk", c.records...))
			f := CheckDomain(context.Background(), r, "shop.dk", "", "").SPF
			if f.Status != c.status || !reflect.DeepEqual(codes(f), c.codes) {
				t.Fatalf("got %s %v, want %s %v (%+v)", f.Status, codes(f), c.status, c.codes, f)
			}
			for _, p := range f.Problems {
				if p.Message == "" || p.Level == "" || p.Params["domain"] != "shop.dk" {
					t.Errorf("problem %+v", p)
				}
			}
		})
	}
	t.Run("params", func(t *testing.T) {
		r := startDNS(t, newZone().add("shop.dk", many))
		p := problem(t, CheckDomain(context.Background(), r, "shop.dk", "", "").SPF, CodeSPFTooManyLookups)
		if p.Params["count"] != "11" || p.Params["limit"] != "10" || !strings.Contains(p.Message, "11") {
			t.Errorf("%+v", p)
		}
		r = startDNS(t, newZone().add("shop.dk", "v=spf1 mx ~all", "v=spf1 a ~all"))
		f := CheckDomain(context.Background(), r, "shop.dk", "", "").SPF
		if p := problem(t, f, CodeSPFMultiple); p.Params["count"] != "2" || !strings.Contains(p.Message, "merge") {
			t.Errorf("%+v", p)
		}
		if f.Record != "v=spf1 mx ~all\nv=spf1 a ~all" {
			t.Errorf("record %q", f.Record)
		}
	})
}

func TestCheckDMARC(t *testing.T) {
	cases := []struct {
		name    string
		records []string
		status  string
		codes   []string
		reason  string
	}{
		{"reject", []string{"v=DMARC1; p=reject; rua=mailto:d@shop.dk; pct=100"}, StatusOK, nil, ""},
		{"no rua is fine", []string{"v=DMARC1; p=quarantine"}, StatusOK, []string{CodeDMARCNoReports}, ""},
		{"monitoring only", []string{"v=DMARC1; p=none; rua=mailto:d@shop.dk"}, StatusWarning, []string{CodeDMARCMonitoringOnly}, ""},
		{"none without rua", []string{"v=DMARC1;p=none"}, StatusWarning, []string{CodeDMARCMonitoringOnly, CodeDMARCNoReports}, ""},
		{"bad policy", []string{"v=DMARC1; p=maybe"}, StatusError, []string{CodeDMARCInvalid}, "policy_invalid"},
		{"no policy", []string{"v=DMARC1; rua=mailto:d@shop.dk"}, StatusError, []string{CodeDMARCInvalid}, "policy_missing"},
		{"version not first", []string{"p=reject; v=DMARC1"}, StatusError, []string{CodeDMARCInvalid}, "version_not_first"},
		{"garbage tag", []string{"v=DMARC1; p=reject; oops"}, StatusError, []string{CodeDMARCInvalid}, "syntax"},
		{"bad pct", []string{"v=DMARC1; p=reject; pct=150"}, StatusError, []string{CodeDMARCInvalid}, "pct_invalid"},
		{"bad sp", []string{"v=DMARC1; p=reject; sp=all"}, StatusError, []string{CodeDMARCInvalid}, "subdomain_policy_invalid"},
		{"duplicate", []string{"v=DMARC1; p=reject; p=none"}, StatusError, []string{CodeDMARCInvalid}, "duplicate_tag"},
		{"two records", []string{"v=DMARC1; p=reject", "v=DMARC1; p=none"}, StatusError, []string{CodeDMARCMultiple}, ""},
		{"other txt ignored", []string{"hello", "v=DMARC1; p=reject; rua=mailto:d@shop.dk"}, StatusOK, nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := startDNS(t, newZone().add("_dmarc.shop.dk", c.records...))
			f := CheckDomain(context.Background(), r, "shop.dk", "", "").DMARC
			if f.Status != c.status || !reflect.DeepEqual(codes(f), c.codes) {
				t.Fatalf("got %s %v, want %s %v (%+v)", f.Status, codes(f), c.status, c.codes, f)
			}
			if c.reason != "" {
				p := problem(t, f, CodeDMARCInvalid)
				if p.Params["reason"] != c.reason || strings.Contains(p.Message, "%!") {
					t.Errorf("%+v", p)
				}
			}
		})
	}
}

func TestCheckDMARCInheritedFromParent(t *testing.T) {
	z := newZone().add("_dmarc.shop.dk", "v=DMARC1; p=reject; sp=none; rua=mailto:d@shop.dk")
	r := startDNS(t, z)
	f := CheckDomain(context.Background(), r, "news.shop.dk", "", "").DMARC
	// The subdomain policy sp=none rules news.shop.dk.
	if f.Status != StatusWarning || !reflect.DeepEqual(codes(f), []string{CodeDMARCInherited, CodeDMARCMonitoringOnly}) {
		t.Fatalf("%+v", f)
	}
	if f.Name != "_dmarc.shop.dk" || problem(t, f, CodeDMARCInherited).Params["parent"] != "shop.dk" {
		t.Errorf("%+v", f)
	}
	// Without sp=, p= applies.
	r = startDNS(t, newZone().add("_dmarc.shop.dk", "v=DMARC1; p=reject; rua=mailto:d@shop.dk"))
	if f := CheckDomain(context.Background(), r, "news.shop.dk", "", "").DMARC; f.Status != StatusOK {
		t.Errorf("%+v", f)
	}
	// Neither has one: missing, named for the subdomain.
	r = startDNS(t, newZone())
	if f := CheckDomain(context.Background(), r, "news.shop.dk", "", "").DMARC; f.Status != StatusMissing || f.Name != "_dmarc.news.shop.dk" {
		t.Errorf("%+v", f)
	}
}

func TestCheckDKIM(t *testing.T) {
	key, _ := GenerateKey()
	rec, _ := DNSRecord(key)
	other, _ := GenerateKey()
	otherRec, _ := DNSRecord(other)
	p := dkimKey(rec)
	cases := []struct {
		name    string
		records []string
		want    string
		status  string
		codes   []string
	}{
		{"matches", []string{rec}, rec, StatusOK, nil},
		{"no comparison", []string{otherRec}, "", StatusOK, nil},
		{"spaces in p", []string{"v=DKIM1; k=rsa; p=" + p[:100] + " " + p[100:]}, rec, StatusOK, nil},
		{"no v or k", []string{"p=" + p}, rec, StatusOK, nil},
		{"other key", []string{otherRec}, rec, StatusError, []string{CodeDKIMKeyMismatch}},
		{"revoked", []string{"v=DKIM1; k=rsa; p="}, rec, StatusError, []string{CodeDKIMRevoked}},
		{"cut off", []string{"v=DKIM1; k=rsa; p=" + p[:len(p)-7]}, rec, StatusError, []string{CodeDKIMInvalid}},
		{"not a key", []string{"v=DKIM1; k=rsa; p=aGVsbG8gd29ybGQ="}, rec, StatusError, []string{CodeDKIMInvalid}},
		{"bad type", []string{"v=DKIM1; k=dsa; p=" + p}, rec, StatusError, []string{CodeDKIMInvalid}},
		{"two", []string{rec, otherRec}, rec, StatusError, []string{CodeDKIMMultiple}},
		{"unrelated txt", []string{"hello world"}, rec, StatusMissing, []string{CodeDKIMMissing}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := startDNS(t, newZone().add("dd1._domainkey.shop.dk", c.records...))
			f := CheckDomain(context.Background(), r, "shop.dk", "dd1", c.want).DKIM
			if f.Status != c.status || !reflect.DeepEqual(codes(f), c.codes) {
				t.Fatalf("got %s %v, want %s %v (%+v)", f.Status, codes(f), c.status, c.codes, f)
			}
		})
	}
	r := startDNS(t, newZone())
	f := CheckDomain(context.Background(), r, "shop.dk", "bad selector!", rec).DKIM
	if f.Status != StatusError || codes(f)[0] != CodeDKIMSelectorInvalid {
		t.Errorf("%+v", f)
	}
	f = CheckDomain(context.Background(), r, "shop.dk", "dd1", rec).DKIM
	if !strings.Contains(problem(t, f, CodeDKIMMissing).Message, "web host") {
		t.Error("message should say what to ask the web host")
	}
}

func TestCheckDomainDNSFailures(t *testing.T) {
	z := newZone().add("_dmarc.shop.dk", goodDMARC)
	z.servfail["shop.dk."] = true
	z.silent["dd1._domainkey.shop.dk."] = true
	r := startDNS(t, z)
	ctx, cancel := context.WithTimeout(context.Background(), 700*time.Millisecond)
	defer cancel()
	start := time.Now()
	rep := CheckDomain(ctx, r, "shop.dk", "dd1", "")
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
	if rep.SPF.Status != StatusError || codes(rep.SPF)[0] != CodeDNSFailed || rep.SPF.Problems[0].Params["reason"] != "server" {
		t.Errorf("servfail: %+v", rep.SPF)
	}
	if rep.DKIM.Status != StatusError || codes(rep.DKIM)[0] != CodeDNSFailed || rep.DKIM.Problems[0].Params["reason"] != "timeout" {
		t.Errorf("timeout: %+v", rep.DKIM)
	}
	if rep.DMARC.Status != StatusOK {
		t.Errorf("dmarc should still be judged: %+v", rep.DMARC)
	}
	// A failure at the parent while looking for an inherited DMARC record.
	z2 := newZone()
	z2.servfail["_dmarc.shop.dk."] = true
	rep = CheckDomain(context.Background(), startDNS(t, z2), "news.shop.dk", "", "")
	if rep.DMARC.Status != StatusError || codes(rep.DMARC)[0] != CodeDNSFailed || rep.DMARC.Name != "_dmarc.shop.dk" {
		t.Errorf("%+v", rep.DMARC)
	}
}

type failingResolver struct{ err error }

func (f failingResolver) LookupTXT(context.Context, string) ([]string, error) { return nil, f.err }

func TestCheckDomainResolverErrors(t *testing.T) {
	rep := CheckDomain(context.Background(), failingResolver{errors.New("network is unreachable")}, "shop.dk", "dd1", "")
	for _, f := range []Finding{rep.SPF, rep.DKIM, rep.DMARC} {
		if f.Status != StatusError || codes(f)[0] != CodeDNSFailed {
			t.Errorf("%+v", f)
		}
	}
	nx := &net.DNSError{Err: "no such host", Name: "shop.dk", IsNotFound: true}
	rep = CheckDomain(context.Background(), failingResolver{nx}, "shop.dk", "dd1", "")
	for _, f := range []Finding{rep.SPF, rep.DKIM, rep.DMARC} {
		if f.Status != StatusMissing {
			t.Errorf("%+v", f)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rep = CheckDomain(ctx, startDNS(t, newZone()), "shop.dk", "", "")
	if rep.SPF.Status != StatusError || rep.SPF.Problems[0].Params["reason"] != "canceled" {
		t.Errorf("%+v", rep.SPF)
	}
	if SystemResolver() == nil {
		t.Error("no system resolver")
	}
}

func TestCheckDomainInternational(t *testing.T) {
	cases := []struct{ in, ascii, uni string }{
		{"blomsterbutik-ærø.dk", "xn--blomsterbutik-r-bmb12a.dk", "blomsterbutik-ærø.dk"},
		{"Blomsterbutik-ÆRØ.DK", "xn--blomsterbutik-r-bmb12a.dk", "blomsterbutik-ærø.dk"},
		{"info@магазин.рф", "xn--80aairftm.xn--p1ai", "магазин.рф"},
		{"xn--80aairftm.xn--p1ai", "xn--80aairftm.xn--p1ai", "магазин.рф"},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			key, _ := GenerateKey()
			rec, _ := DNSRecord(key)
			z := newZone().
				add(c.ascii, "v=spf1 mx -all").
				add("s1._domainkey."+c.ascii, rec).
				add("_dmarc."+c.ascii, "v=DMARC1; p=reject; rua=mailto:d@"+c.ascii)
			rep := CheckDomain(context.Background(), startDNS(t, z), c.in, "s1", rec)
			if rep.ASCII != c.ascii || rep.Domain != c.uni {
				t.Errorf("ascii %q domain %q", rep.ASCII, rep.Domain)
			}
			for _, f := range []Finding{rep.SPF, rep.DKIM, rep.DMARC} {
				if f.Status != StatusOK {
					t.Errorf("%+v", f)
				}
			}
		})
	}
	// Messages name the domain the way the shop owner writes it.
	rep := CheckDomain(context.Background(), startDNS(t, newZone()), "blomsterbutik-ærø.dk", "", "")
	if p := problem(t, rep.SPF, CodeSPFMissing); p.Params["domain"] != "blomsterbutik-ærø.dk" || !strings.Contains(p.Message, "blomsterbutik-ærø.dk") {
		t.Errorf("%+v", p)
	}
}

func TestCheckDomainInvalid(t *testing.T) {
	for _, in := range []string{"", "   ", "not a domain", "shop", "shop..dk", "-shop.dk", "sh op.dk", "anna@", strings.Repeat("a", 64) + ".dk"} {
		rep := CheckDomain(context.Background(), failingResolver{errors.New("must not be asked")}, in, "dd1", "")
		for _, f := range []Finding{rep.SPF, rep.DKIM, rep.DMARC} {
			if f.Status != StatusError || codes(f)[0] != CodeDomainInvalid || f.Problems[0].Message == "" {
				t.Errorf("%q: %+v", in, f)
			}
		}
	}
}

// sameAnswer answers every TXT question with the same records.
type sameAnswer []string

func (s sameAnswer) LookupTXT(context.Context, string) ([]string, error) { return s, nil }

// FuzzCheckRecords feeds arbitrary published records to every parser.
func FuzzCheckRecords(f *testing.F) {
	for _, s := range []string{goodSPF, goodDMARC, "v=spf1 ip4:1.2.3.4/33 redirect= ?all", "v=DMARC1; p=none; sp=; pct=x",
		"v=DKIM1; k=rsa; p=", "p=MIIB; v=DKIM1", "v=spf1 -", "v=DMARC1;;;p=reject;", "=;=;"} {
		f.Add(s, "p=MIIB")
	}
	f.Fuzz(func(t *testing.T, record, want string) {
		rep := CheckDomain(context.Background(), sameAnswer{record}, "news.shop.dk", "dd1", want)
		for _, fd := range []Finding{rep.SPF, rep.DKIM, rep.DMARC} {
			switch fd.Status {
			case StatusOK, StatusWarning, StatusMissing, StatusError:
			default:
				t.Fatalf("status %q", fd.Status)
			}
			if fd.Problems == nil {
				t.Fatal("nil problems")
			}
			for _, p := range fd.Problems {
				if p.Code == "" || p.Message == "" || !strings.Contains(record, "%!") && strings.Contains(p.Message, "%!") {
					t.Fatalf("%+v", p)
				}
			}
		}
	})
}

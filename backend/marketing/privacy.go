package marketing

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Exclusion reasons added by the privacy issue (see also campaign.go and
// the email Skip* reasons, which share no_consent, suppressed and register).
const (
	ExcludeLicenceUsed    = "licence_used"    // a one-time bought list already used by another campaign
	ExcludeLicenceExpired = "licence_expired" // a rented list past its end date
	ExcludeNotWashed      = "not_washed"      // a bought list, and the register to wash it against is missing or stale
	ExcludeErased         = "erased"          // an erased person: their hashed address or number is suppressed
)

// Consent methods: how a consent answer was given.
const (
	MethodImport      = "import"
	MethodForm        = "form"
	MethodPhone       = "phone"
	MethodWritten     = "written"
	MethodInPerson    = "in_person"
	MethodReply       = "email_reply"
	MethodUnsubscribe = "unsubscribe"
	MethodBounce      = "bounce"
	MethodComplaint   = "complaint"
	MethodManual      = "manual"
)

// ConsentMethods lists the methods a user may pick when recording consent by hand.
var ConsentMethods = []string{MethodPhone, MethodWritten, MethodForm, MethodInPerson, MethodManual}

// ConsentEvent is one recorded consent answer: the append-only history
// behind a contact's current consent.
type ConsentEvent struct {
	ID         int64  `json:"id"`
	ContactID  int64  `json:"contactId"`
	Channel    string `json:"channel"`
	Status     string `json:"status"`     // granted, refused
	At         string `json:"at"`         // when the person said it (timestamp)
	RecordedAt string `json:"recordedAt"` // when it was written
	Method     string `json:"method"`
	Source     string `json:"source"`  // "kunder.xlsx, row 12", "call on 2026-11-02"
	Wording    string `json:"wording"` // what the person was shown or told
	By         string `json:"by"`      // who recorded it
}

// CurrentConsent is the answer that stands after events (any order): the
// newest by At; on the same instant a refusal wins. A refusal is never
// undone by a grant that is older than it ("an opt-out wins at once").
func CurrentConsent(events []ConsentEvent, channel string) (ConsentEvent, bool) {
	var cur ConsentEvent
	found := false
	for _, e := range events {
		if e.Channel != channel {
			continue
		}
		if !found || e.At > cur.At || (e.At == cur.At && e.Status == ConsentRefused) {
			cur, found = e, true
		}
	}
	return cur, found
}

// Countries whose rules DirectDesk knows; others get the strictest (DK).
const (
	CountryDK = "DK"
	CountrySE = "SE"
	CountryNO = "NO"
	CountryRU = "RU"
)

// ChannelRule is one country's default for one consent channel, as the
// user can read it in the app.
type ChannelRule struct {
	Channel string `json:"channel"`
	// NeedsConsent: a prior yes is required.
	NeedsConsent bool `json:"needsConsent"`
	// CustomerException: existing customers may get it without a yes for
	// similar products, as long as every message offers an easy opt-out.
	CustomerException bool `json:"customerException"`
	// Register: the country's do-not-contact register applies ("" none).
	Register string `json:"register"`
}

// CountryRules are the defaults per country (and "" for the workspace's
// fallback): DK, SE and NO need prior consent for email and SMS to
// consumers with the existing-customer exception; post is allowed unless
// the person objected or is on the register, and so are calls in SE and NO
// (Denmark needs a prior yes for sales calls); Russia (law
// 38-FZ art. 18) needs prior consent for advertising by email, SMS and phone.
func CountryRules(country string) []ChannelRule {
	switch strings.ToUpper(country) {
	case CountryRU:
		return []ChannelRule{
			{Channel: ChannelEmail, NeedsConsent: true},
			{Channel: ChannelSMS, NeedsConsent: true},
			{Channel: ChannelPost},
			{Channel: ChannelPhone, NeedsConsent: true},
		}
	case CountrySE:
		return nordicRules(RegisterNIX)
	case CountryNO:
		return nordicRules(RegisterReservasjon)
	}
	// Denmark (and countries DirectDesk has no rules for): the consumer
	// contracts act (forbrugeraftaleloven § 6) bars unsolicited sales calls
	// to consumers, existing customers included, unless they asked for it.
	rules := nordicRules(RegisterRobinson)
	rules[3].NeedsConsent = true
	return rules
}

func nordicRules(register string) []ChannelRule {
	return []ChannelRule{
		{Channel: ChannelEmail, NeedsConsent: true, CustomerException: true},
		{Channel: ChannelSMS, NeedsConsent: true, CustomerException: true},
		{Channel: ChannelPost, Register: register},
		{Channel: ChannelPhone, Register: register},
	}
}

// RuleFor returns the country's rule for a consent channel.
func RuleFor(country, channel string) ChannelRule {
	for _, r := range CountryRules(country) {
		if r.Channel == channel {
			return r
		}
	}
	return ChannelRule{Channel: channel, NeedsConsent: true}
}

// ReachFacts is what the contact rules need to know about one person for
// one consent channel. The channel's own requirement (an address, a
// number) is checked by the caller first.
type ReachFacts struct {
	Channel    string // email, sms, post, phone (a consent channel)
	Country    string // the contact's country; "" = the workspace's
	Kind       string // customer or prospect
	Consent    string // current consent for the channel: granted, refused or ""
	Suppressed bool   // the address or number is on the suppression list
	Erased     bool   // the address or number belongs to an erased person (hash match)
	Register   string // the register the person was found on ("" = none)
	Licence    string // "" or an Exclude* licence reason for a bought or rented list
}

// Reach says why a person may not be contacted on a channel ("" = may).
// Order matters only for which reason is reported: an erased person and a
// refusal come first, then suppression, licence, consent and register.
// A register match stops letters and calls (what the registers cover)
// unless the person gave their own yes for the channel.
func Reach(f ReachFacts) string {
	switch {
	case f.Erased:
		return ExcludeErased
	case f.Consent == ConsentRefused:
		return ExcludeNoConsent
	case f.Suppressed:
		return ExcludeSuppressed
	case f.Licence != "":
		return f.Licence
	}
	rule := RuleFor(f.Country, f.Channel)
	if f.Consent != ConsentGranted && rule.NeedsConsent && !(rule.CustomerException && f.Kind == string(KindCustomer)) {
		return ExcludeNoConsent
	}
	if f.Kind == string(KindProspect) && f.Consent != ConsentGranted && (f.Channel == ChannelEmail || f.Channel == ChannelSMS || f.Channel == ChannelPhone) {
		// A prospect (a bought list, a lead) has no relationship to rely on.
		return ExcludeNoConsent
	}
	if f.Register != "" && f.Consent != ConsentGranted && (f.Channel == ChannelPost || f.Channel == ChannelPhone) {
		// Robinsonlisten, NIX and Reservasjonsregisteret cover addressed
		// post and telemarketing, not email or SMS (which need consent anyway).
		return ExcludeRegister
	}
	return ""
}

// Do-not-contact registers.
const (
	RegisterRobinson    = "robinson"    // Robinsonlisten, Denmark (CPR)
	RegisterNIX         = "nix"         // NIX, Sweden
	RegisterReservasjon = "reservasjon" // Reservasjonsregisteret, Norway (Brønnøysund)
)

// Registers lists the registers in the order the app shows them.
var Registers = []string{RegisterRobinson, RegisterNIX, RegisterReservasjon}

// RegisterCountry is the country a register belongs to.
func RegisterCountry(register string) string {
	switch register {
	case RegisterNIX:
		return CountrySE
	case RegisterReservasjon:
		return CountryNO
	}
	return CountryDK
}

// RegisterForCountry is the register a country's contacts are washed
// against ("" none).
func RegisterForCountry(country string) string {
	switch strings.ToUpper(country) {
	case CountryDK:
		return RegisterRobinson
	case CountrySE:
		return RegisterNIX
	case CountryNO:
		return RegisterReservasjon
	}
	return ""
}

// RegisterRefreshDays is how old a register file may be before the app
// warns that it is stale: the registers are updated continuously, and
// marketers are expected to wash against a file no older than this.
func RegisterRefreshDays(register string) int {
	switch register {
	case RegisterRobinson:
		return 90
	}
	return 30
}

// RegisterInfo is one imported register as the app shows it.
type RegisterInfo struct {
	Register   string `json:"register"`
	Country    string `json:"country"`
	FileName   string `json:"fileName"`
	ListDate   string `json:"listDate"` // YYYY-MM-DD
	ImportedAt string `json:"importedAt"`
	Entries    int    `json:"entries"`
	// Matches is how many stored contacts the register holds now.
	Matches     int  `json:"matches"`
	RefreshDays int  `json:"refreshDays"`
	Stale       bool `json:"stale"`
	AgeDays     int  `json:"ageDays"`
}

// RegisterStale reports whether a register drawn on listDate (YYYY-MM-DD)
// is older than its refresh period at now, and its age in days.
func RegisterStale(register, listDate string, now time.Time) (bool, int) {
	d, err := time.Parse("2006-01-02", listDate)
	if err != nil {
		return true, 0
	}
	age := int(now.Sub(d).Hours() / 24)
	return age > RegisterRefreshDays(register), age
}

// RegisterNameKey is the normalised name + address key registers are
// matched by: folded, diacritics kept apart from their base letter only
// where the languages treat them as letters (æ ø å ä ö stay), the postcode's
// digits only. Only the parts both sides reliably have are kept, so the
// common ways of writing one person and one address meet: the first word of
// the given names and the last word of the surname ("Anne Marie Holm
// Nielsen" = "Anne" + "Nielsen"), and the street name with its house number
// and letter but without floor and door ("Strandvejen 12 A, 2. th" =
// "Strandvejen 12A"). A name written whole in one of the two fields is
// read from its first and last word.
func RegisterNameKey(first, last, street, postcode string) string {
	fw, lw := strings.Fields(foldWords(first)), strings.Fields(foldWords(last))
	switch {
	case len(fw) == 0 && len(lw) > 1:
		fw, lw = lw[:1], lw[1:]
	case len(lw) == 0 && len(fw) > 1:
		fw, lw = fw[:1], fw[1:]
	}
	var parts []string
	if len(fw) > 0 {
		parts = append(parts, fw[0])
	}
	if len(lw) > 0 {
		parts = append(parts, lw[len(lw)-1])
	}
	name := strings.Join(parts, " ")
	st := streetKey(street)
	pc := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, postcode)
	if name == "" || (st == "" && pc == "") {
		return ""
	}
	return "n:" + name + "|" + st + "|" + pc
}

// streetKey is a street address reduced to its street name and house
// number (with the house letter: "12A", "12 a"); what follows the number
// (floor, side, door, flat: "2. th", "lgh 1102", "кв. 5") is dropped, and
// so are the words that only say "house" ("д.", "дом", "nr.").
func streetKey(street string) string {
	words := strings.Fields(foldWords(street))
	var name []string
	for i := 0; i < len(words); i++ {
		w := words[i]
		num, rest := leadingDigits(w)
		if num == "" {
			if !houseWords[w] {
				name = append(name, w)
			}
			continue
		}
		// The house number: the first number after the street name (or
		// before it, "12 Main Street"), with its letter.
		letter := ""
		switch {
		case utf8.RuneCountInString(rest) == 1:
			letter = rest
		case rest == "" && i+1 < len(words) && utf8.RuneCountInString(words[i+1]) == 1 && !isDigitString(words[i+1]):
			letter = words[i+1]
			i++
		}
		house := num + letter
		if len(name) == 0 {
			// "12 Main Street, Apt 4": the name follows the number, up to
			// a comma or the next number.
			first, _, _ := strings.Cut(street, ",")
			after := strings.Fields(foldWords(first))
			for _, n := range after[min(i+1, len(after)):] {
				if d, _ := leadingDigits(n); d != "" {
					break
				}
				name = append(name, n)
			}
		}
		return strings.Join(append(name, house), " ")
	}
	return strings.Join(name, " ")
}

// houseWords only say "house number" before the number.
var houseWords = map[string]bool{"д": true, "дом": true, "nr": true, "no": true, "husnr": true}

func leadingDigits(w string) (digits, rest string) {
	i := 0
	for i < len(w) && w[i] >= '0' && w[i] <= '9' {
		i++
	}
	return w[:i], w[i:]
}

func isDigitString(w string) bool {
	d, rest := leadingDigits(w)
	return d != "" && rest == ""
}

// RegisterPhoneKey is the key of a phone number in E.164 ("" when empty).
func RegisterPhoneKey(e164 string) string {
	e164 = strings.TrimSpace(e164)
	if e164 == "" {
		return ""
	}
	return "p:" + e164
}

// foldWords lower-cases, maps a few spellings to one (é→e, ü→u; ß→ss;
// aa→å is left alone: names differ), and keeps letters and digits with
// single spaces between words.
func foldWords(s string) string {
	s = norm.NFC.String(Fold(s))
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteString(simpleLetter(r))
		default:
			space = true
		}
	}
	return b.String()
}

func simpleLetter(r rune) string {
	switch r {
	case 'é', 'è', 'ê', 'ë':
		return "e"
	case 'á', 'à', 'â':
		return "a"
	case 'ü', 'ú', 'ù', 'û':
		return "u"
	case 'í', 'ì', 'î', 'ï':
		return "i"
	case 'ó', 'ò', 'ô':
		return "o"
	case 'ß':
		return "ss"
	}
	return string(r)
}

// List kinds and licences of bought and rented lists.
const (
	ListBought      = "bought"
	ListRented      = "rented"
	LicenceOnce     = "once"
	LicenceRepeated = "repeated"
)

// SupplierList is a bought or rented list and the terms it came with.
type SupplierList struct {
	ID         int64  `json:"id"`
	BatchID    int64  `json:"batchId"`
	Kind       string `json:"kind"` // bought, rented
	Supplier   string `json:"supplier"`
	AcquiredOn string `json:"acquiredOn"` // YYYY-MM-DD
	Licence    string `json:"licence"`    // once, repeated
	ExpiresOn  string `json:"expiresOn"`  // YYYY-MM-DD, "" = no end
	LegalBasis string `json:"legalBasis"`
	CreatedAt  string `json:"createdAt"`
	// Contacts still stored from the list, and the campaigns that used it.
	Contacts  int      `json:"contacts"`
	UsedBy    []string `json:"usedBy"`
	Expired   bool     `json:"expired"`
	UsedUp    bool     `json:"usedUp"`    // a one-time list that has been used
	NotWashed bool     `json:"notWashed"` // a register its contacts need is missing or stale
}

// LicenceReason is why a list's contact may not be used by campaign
// (0 = outside a campaign) on day (YYYY-MM-DD): expired, or a one-time list
// already used by another campaign. usedBy are the campaigns that used it.
func LicenceReason(l SupplierList, usedBy []int64, campaign int64, day string) string {
	if l.ExpiresOn != "" && day > l.ExpiresOn {
		return ExcludeLicenceExpired
	}
	if l.Licence == LicenceOnce {
		for _, c := range usedBy {
			if c != campaign {
				return ExcludeLicenceUsed
			}
		}
	}
	return ""
}

// Suppression reasons added by the privacy issue (the email ones are in email.go).
const (
	SuppressOptOut = "optout" // an opt-out by phone, letter or in person
	SuppressErased = "erased"
)

// SuppressionEntry is one entry of the whole suppression list (emails and
// phone numbers). For an erased person Value is empty: only the hash is kept.
type SuppressionEntry struct {
	Kind      string `json:"kind"`  // email, phone
	Value     string `json:"value"` // the address or number; "" when erased
	Reason    string `json:"reason"`
	Source    string `json:"source"`
	CreatedAt string `json:"createdAt"`
}

// Audit actions.
const (
	AuditConsent        = "consent_change"
	AuditPersonExport   = "person_export"
	AuditPersonErase    = "person_erase"
	AuditRetentionErase = "retention_erase"
	AuditRegisterImport = "register_import"
	AuditListImport     = "list_import"
	AuditSuppression    = "suppression_change"
	AuditBackup         = "backup"
	AuditRestore        = "restore"
	AuditMove           = "workspace_move"
)

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	ID        int64             `json:"id"`
	At        string            `json:"at"`
	Action    string            `json:"action"`
	ContactID int64             `json:"contactId"`
	Detail    map[string]string `json:"detail"`
	By        string            `json:"by"`
}

// ExcludedPerson is one person a preflight left out, and why: what the
// "see who" list of every preflight shows.
type ExcludedPerson struct {
	ContactID int64  `json:"contactId"`
	Name      string `json:"name"`
	Reason    string `json:"reason"`
	Detail    string `json:"detail"` // e.g. the register's name
}

package marketing

// Consent channels.
const (
	ChannelEmail = "email"
	ChannelSMS   = "sms"
	ChannelPost  = "post"
	ChannelPhone = "phone"
)

// Consent statuses. A refusal (an opt-out, a "no" in an imported file)
// always wins over an older grant.
const (
	ConsentGranted = "granted"
	ConsentRefused = "refused"
)

// Consent is a contact's current answer for one channel, with its evidence.
type Consent struct {
	Channel  string `json:"channel"`
	Status   string `json:"status"`
	At       string `json:"at"`       // when it was recorded (timestamp)
	Method   string `json:"method"`   // import, form, phone, written, manual
	Evidence string `json:"evidence"` // e.g. "kunder.xlsx, row 12"
}

package marketing

// Email: the user's own mail accounts, email content made of blocks,
// mailings (one-touch campaigns until multi-touch campaigns land), the
// outbox with one row per (touch, contact), the suppression list and what
// the inbox told us.

// MailSecurity says how a connection to the mail server is protected.
type MailSecurity string

const (
	SecurityTLS      MailSecurity = "tls"      // implicit TLS (SMTP 465, IMAP 993)
	SecuritySTARTTLS MailSecurity = "starttls" // plain connect, STARTTLS that must succeed (SMTP 587)
	SecurityPlain    MailSecurity = "plain"    // no encryption: only a local relay the user allowed
)

// MailAccount is one of the user's mail accounts. Passwords are never part
// of it: they live in the OS keychain (or only for this session).
type MailAccount struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"` // "Shop mail"
	FromName  string `json:"fromName"`
	FromEmail string `json:"fromEmail"`
	ReplyTo   string `json:"replyTo"`

	SMTPHost     string       `json:"smtpHost"`
	SMTPPort     int          `json:"smtpPort"`
	SMTPSecurity MailSecurity `json:"smtpSecurity"`
	SMTPUser     string       `json:"smtpUser"`

	IMAPHost        string       `json:"imapHost"` // "" = no inbox processing
	IMAPPort        int          `json:"imapPort"`
	IMAPSecurity    MailSecurity `json:"imapSecurity"`
	IMAPUser        string       `json:"imapUser"` // "" = the SMTP user
	ProcessedFolder string       `json:"processedFolder"`

	// Provider limits; 0 = no limit of that kind.
	PerMinute int `json:"perMinute"`
	PerHour   int `json:"perHour"`
	PerDay    int `json:"perDay"`

	// UnsubscribeURL is an optional https page of the user's own; the
	// recipient's token is added as ?u=TOKEN.
	UnsubscribeURL string `json:"unsubscribeUrl"`

	// DKIM signing with a key the app generated (private key kept in the
	// workspace, see docs/decisions.md).
	DKIMSelector string `json:"dkimSelector"`
	DKIMEnabled  bool   `json:"dkimEnabled"`
	DKIMRecord   string `json:"dkimRecord"` // the TXT record to publish, "" when no key

	CreatedAt string `json:"createdAt"`
	UpdatedAt string `json:"updatedAt"`
}

// Email block kinds.
const (
	BlockText    = "text"
	BlockImage   = "image"
	BlockButton  = "button"
	BlockProduct = "product"
	BlockDivider = "divider"
)

// EmailBlock is one block of an email body.
type EmailBlock struct {
	Kind string `json:"kind"`
	// Text: rich text (the letters' HTML subset) with merge fields; for a
	// button its label.
	Text string `json:"text,omitempty"`
	// Image: a stored picture "media:img/<hex>" or "media:logo".
	Image string `json:"image,omitempty"`
	Alt   string `json:"alt,omitempty"`
	// URL: where a button or image leads (http/https); campaign parameters
	// are added when sent.
	URL string `json:"url,omitempty"`
	// ProductID for a product block: picture, name, price and a link.
	ProductID int64 `json:"productId,omitempty"`
}

// EmailAttachment is a file sent with each message.
type EmailAttachment struct {
	// Kind "catalog" or "letter": the recipient's personalised PDF made
	// from the template TemplateID. Kind "file": a stored file (Media) of
	// the workspace.
	Kind       string `json:"kind"`
	TemplateID int64  `json:"templateId,omitempty"`
	FileName   string `json:"fileName"`
	// Version of the template sent: set for a running mailing (frozen
	// when it was made), 0 = the current one.
	Version int `json:"version,omitempty"`
}

// EmailLayout is the content of an email template (Template.Layout.Email).
type EmailLayout struct {
	Subject     string            `json:"subject"`
	Preheader   string            `json:"preheader"`
	Blocks      []EmailBlock      `json:"blocks"`
	Attachments []EmailAttachment `json:"attachments"`
}

// Campaign statuses (the campaigns issue adds scheduled and archived).
const (
	CampaignDraft    = "draft"
	CampaignRunning  = "running"
	CampaignPaused   = "paused"
	CampaignFinished = "finished"
)

// Mailing is a one-touch email campaign: a template sent to a segment
// through an account. Its touch is the unit the outbox tracks.
type Mailing struct {
	CampaignID      int64  `json:"campaignId"`
	TouchID         int64  `json:"touchId"`
	Name            string `json:"name"`
	Status          string `json:"status"`
	AccountID       int64  `json:"accountId"`
	TemplateID      int64  `json:"templateId"`
	TemplateVersion int    `json:"templateVersion"`
	SegmentID       int64  `json:"segmentId"`
	Selection       string `json:"selection"` // words describing who, e.g. the segment's name
	PauseReason     string `json:"pauseReason"`
	// Attachments: the version of each attached template (by id),
	// frozen when the mailing was made.
	Attachments map[int64]int `json:"-"`
	CreatedAt   string        `json:"createdAt"`
	StartedAt   string        `json:"startedAt"`
	FinishedAt  string        `json:"finishedAt"`
}

// Outbox states. queued -> sending -> sent; or soft_failed (retried with
// backoff), hard_failed, skipped, unknown (handed over but no answer: never
// resent automatically), cancelled.
const (
	OutboxQueued     = "queued"
	OutboxReserved   = "reserved" // in the runner's current batch, not started
	OutboxSending    = "sending"
	OutboxSent       = "sent"
	OutboxSoftFailed = "soft_failed"
	OutboxHardFailed = "hard_failed"
	OutboxSkipped    = "skipped"
	OutboxUnknown    = "unknown"
	OutboxCancelled  = "cancelled"
	// OutboxBounced: sent, then a delivery report said it failed.
	OutboxBounced = "bounced"
)

// Reasons a recipient is skipped before sending.
const (
	SkipNoEmail    = "no_email"
	SkipInvalid    = "invalid_email"
	SkipNoConsent  = "no_consent"
	SkipSuppressed = "suppressed"
	SkipDuplicate  = "duplicate_email"
)

// OutboxEntry is one recipient of one touch.
type OutboxEntry struct {
	ID           int64  `json:"id"`
	TouchID      int64  `json:"touchId"`
	ContactID    int64  `json:"contactId"`
	Name         string `json:"name"`
	Email        string `json:"email"`
	State        string `json:"state"`
	Reason       string `json:"reason"` // skip reason or the server's reply
	Attempts     int    `json:"attempts"`
	NextAttempt  string `json:"nextAttempt"`
	MessageID    string `json:"messageId"`
	ResponseCode string `json:"responseCode"`
	UpdatedAt    string `json:"updatedAt"`
	SentAt       string `json:"sentAt"`
	// Token is the unsubscribe token; it stays in the backend.
	Token string `json:"-"`
}

// Suppression reasons.
const (
	SuppressUnsubscribe = "unsubscribe"
	SuppressHardBounce  = "hard_bounce"
	SuppressComplaint   = "complaint"
	SuppressManual      = "manual"
)

// Suppression is an address that must never be mailed again.
type Suppression struct {
	Email     string `json:"email"`
	Reason    string `json:"reason"`
	Source    string `json:"source"` // e.g. "inbox: Unsubscribe from Forårstilbud"
	CreatedAt string `json:"createdAt"`
}

// Inbox message kinds.
const (
	InboxBounceHard  = "bounce_hard"
	InboxBounceSoft  = "bounce_soft"
	InboxAutoReply   = "auto_reply"
	InboxUnsubscribe = "unsubscribe"
	InboxReply       = "reply"
	InboxOther       = "other"
)

// InboxEvent is what one message in the user's mailbox meant.
type InboxEvent struct {
	AccountID int64  `json:"accountId"`
	UID       uint32 `json:"uid"`
	MessageID string `json:"messageId"` // the incoming message's own Message-ID
	Kind      string `json:"kind"`
	From      string `json:"from"`
	Subject   string `json:"subject"`
	// Recipient: the address that failed (bounces) or asked to leave.
	Recipient string `json:"recipient"`
	// Status: the DSN status code ("5.1.1") and the diagnostic text.
	Status     string `json:"status"`
	Diagnostic string `json:"diagnostic"`
	// OutboxID: the message of ours it is about (0 when not found).
	OutboxID   int64  `json:"outboxId"`
	ContactID  int64  `json:"contactId"`
	CampaignID int64  `json:"campaignId"`
	ReceivedAt string `json:"receivedAt"`
	Snippet    string `json:"snippet"` // first words of a reply
}

// OutboxRef names the message of ours an incoming message is about.
type OutboxRef struct {
	OutboxID   int64
	ContactID  int64 // 0 when the contact was deleted
	CampaignID int64
	TouchID    int64
	Email      string // the address we mailed
}

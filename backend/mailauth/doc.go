// Package mailauth helps a shop's mail reach the inbox: it checks what the
// sender domain publishes in DNS (SPF, DKIM, DMARC) and signs outgoing
// messages with DKIM.
//
// CheckDomain never fails as a whole: each of the three findings carries a
// status ("ok", "warning", "missing", "error") and coded problems that the
// UI translates, each with an English message for a shop owner that says
// what to ask the web host. Lookups go through a Resolver, so tests answer
// them from a DNS server on loopback and the app uses the system's resolver.
//
// The DKIM key is generated here (RSA 2048, PKCS#8 PEM); DNSRecord gives the
// TXT record to publish at <selector>._domainkey.<domain>, and a Signer
// prepends the DKIM-Signature header to a finished message.
package mailauth

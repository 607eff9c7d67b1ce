package mail

// BootID names the current boot of the computer ("" when unknown). The
// outbox stores it with each reserved batch: see store.RecoverSending.
func BootID() string { return bootID() }

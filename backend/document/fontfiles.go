package document

// FontTTF returns the embedded DejaVu Sans (regular or bold) as TrueType
// bytes, for other packages that draw PDFs with fpdf (the campaign
// report): one copy of the fonts in the binary, the same letters
// everywhere. The slice is shared; do not modify it.
func FontTTF(isBold bool) []byte {
	if isBold {
		return loadMetrics().bytes[bold]
	}
	return loadMetrics().bytes[regular]
}

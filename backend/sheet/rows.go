package sheet

import (
	"errors"
	"io"
	"unicode/utf8"

	"directdesk/backend/marketing"
)

// source yields the raw rows of one sheet in order, one per sheet row. n is
// how often the row repeats (ODS writes runs of equal rows once). Rows may
// end in empty cells; iter trims them. io.EOF ends the sheet.
type source interface {
	next() (cells []Cell, n int, err error)
	close() error
}

// iter is the RowIter of every format: it applies the limits, drops the
// trailing blank rows (spreadsheets often "use" a million formatted empty
// rows) and turns panics into errors.
type iter struct {
	src    source
	opt    Options
	row    []Cell
	rowNo  int
	cur    []Cell // a non-blank row waiting to be handed out
	left   int    // how many more times cur is handed out
	blanks int    // blank rows not yet handed out: only real if a non-blank row follows
	err    error
	done   bool
}

func newIter(src source, opt Options) *iter { return &iter{src: src, opt: opt} }

func (it *iter) Next() (ok bool) {
	if it.err != nil || it.done {
		return false
	}
	defer func() {
		if r := recover(); r != nil {
			it.fail(recovered(r))
			ok = false
		}
	}()
	for {
		if it.left > 0 {
			if it.blanks > 0 {
				it.blanks--
				return it.emit(nil)
			}
			it.left--
			row := it.cur
			if it.left > 0 {
				row = append([]Cell(nil), it.cur...)
			}
			return it.emit(row)
		}
		cells, n, err := it.src.next()
		if errors.Is(err, io.EOF) {
			it.done = true
			it.row = nil
			return false
		}
		if err != nil {
			it.fail(err)
			return false
		}
		n = max(n, 1)
		cells = trimRight(cells)
		if len(cells) == 0 {
			// Saturate: a million blank rows before data is already over any limit.
			it.blanks = min(it.blanks+n, it.opt.MaxRows+1)
			continue
		}
		if err := it.check(cells, it.rowNo+it.blanks+1); err != nil {
			it.fail(err)
			return false
		}
		it.cur, it.left = cells, n
	}
}

func (it *iter) emit(row []Cell) bool {
	if it.rowNo >= it.opt.MaxRows {
		it.fail(tooManyRows(it.opt.MaxRows))
		return false
	}
	it.rowNo++
	it.row = row
	return true
}

// check applies the column and cell limits; sources apply them earlier where
// memory is at stake, this is the final word.
func (it *iter) check(cells []Cell, rowNo int) error {
	if len(cells) > it.opt.MaxCols {
		return tooManyCols(it.opt.MaxCols, rowNo)
	}
	for i := range cells {
		if t := cells[i].Text; len(t) > it.opt.MaxCellChars && utf8.RuneCountInString(t) > it.opt.MaxCellChars {
			return cellTooLong(it.opt.MaxCellChars, rowNo, i+1, false)
		}
	}
	return nil
}

func (it *iter) fail(err error) {
	var e *marketing.Error
	if !errors.As(err, &e) {
		err = damaged(err)
	}
	it.err = err
	it.row = nil
}

func (it *iter) Row() []Cell    { return it.row }
func (it *iter) RowNumber() int { return it.rowNo }
func (it *iter) Err() error     { return it.err }

func (it *iter) Close() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = recovered(r)
		}
	}()
	if it.src == nil {
		return nil
	}
	src := it.src
	it.src, it.done = nil, true
	return src.close()
}

func trimRight(cells []Cell) []Cell {
	n := len(cells)
	for n > 0 && cells[n-1].Kind == KindEmpty && cells[n-1].Text == "" {
		n--
	}
	return cells[:n]
}

package segment

import "math/bits"

// Bitset is a set of contact positions (indexes into Columns).
type Bitset struct{ w []uint64 }

// NewFull returns the set of positions 0..n-1.
func NewFull(n int) *Bitset {
	b := &Bitset{w: make([]uint64, (n+63)/64)}
	for i := range b.w {
		b.w[i] = ^uint64(0)
	}
	b.trim(n)
	return b
}

func (b *Bitset) trim(n int) {
	if r := n % 64; r != 0 && len(b.w) > 0 {
		b.w[len(b.w)-1] &= (1 << r) - 1
	}
}

// Grow makes room for n positions.
func (b *Bitset) Grow(n int) {
	for len(b.w) < (n+63)/64 {
		b.w = append(b.w, 0)
	}
}

func (b *Bitset) Set(i int) {
	b.Grow(i + 1)
	b.w[i/64] |= 1 << (i % 64)
}

func (b *Bitset) Clear(i int) {
	if i/64 < len(b.w) {
		b.w[i/64] &^= 1 << (i % 64)
	}
}

// Has reports whether i is in the set; a nil set is empty.
func (b *Bitset) Has(i int) bool {
	return b != nil && i/64 < len(b.w) && b.w[i/64]&(1<<(i%64)) != 0
}

// AndNot removes the positions of o.
func (b *Bitset) AndNot(o *Bitset) {
	for i := range b.w {
		if i < len(o.w) {
			b.w[i] &^= o.w[i]
		}
	}
}

// And keeps the positions also in o.
func (b *Bitset) And(o *Bitset) {
	for i := range b.w {
		if i < len(o.w) {
			b.w[i] &= o.w[i]
		} else {
			b.w[i] = 0
		}
	}
}

// Or adds the positions of o.
func (b *Bitset) Or(o *Bitset) {
	b.Grow(len(o.w) * 64)
	for i, x := range o.w {
		b.w[i] |= x
	}
}

// Not complements b within 0..n-1.
func (b *Bitset) Not(n int) {
	b.Grow(n)
	b.w = b.w[:(n+63)/64]
	for i := range b.w {
		b.w[i] = ^b.w[i]
	}
	b.trim(n)
}

func (b *Bitset) Clone() *Bitset { return &Bitset{w: append([]uint64(nil), b.w...)} }

// Count is the number of positions in the set.
func (b *Bitset) Count() int {
	if b == nil {
		return 0
	}
	n := 0
	for _, x := range b.w {
		n += bits.OnesCount64(x)
	}
	return n
}

// Each calls fn with each position in ascending order until fn returns false.
func (b *Bitset) Each(fn func(i int) bool) {
	for k, x := range b.w {
		for x != 0 {
			t := bits.TrailingZeros64(x)
			if !fn(k*64 + t) {
				return
			}
			x &= x - 1
		}
	}
}

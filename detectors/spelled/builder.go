package spelled

import "strings"

// builder writes the view; it allocates only when the first conversion is written.
type builder struct {
	b      strings.Builder
	pieces []piece
	last   int // the original is copied up to here
}

// start prepares a conversion that begins at original byte from: it copies the text before it.
func (o *builder) start(s string, from int) {
	if o.pieces == nil {
		o.b.Grow(len(s))
		o.pieces = make([]piece, 0, 32)
	}
	o.copyText(s, o.last, from)
}

// copyText copies the original's [from,to) unchanged, extending the last piece when it ends where this starts.
func (o *builder) copyText(s string, from, to int) {
	if from >= to {
		return
	}
	if k := len(o.pieces) - 1; k >= 0 {
		if p := &o.pieces[k]; p.copied && int(p.e) == from {
			p.e = int32(to)
			o.b.WriteString(s[from:to])
			return
		}
	}
	o.pieces = append(o.pieces, piece{v: int32(o.b.Len()), s: int32(from), e: int32(to), copied: true})
	o.b.WriteString(s[from:to])
}

// replace writes text for the original's [from,to).
func (o *builder) replace(text string, from, to int) {
	o.pieces = append(o.pieces, piece{v: int32(o.b.Len()), s: int32(from), e: int32(to)})
	o.b.WriteString(text)
}

// view returns the view of s, or s itself when nothing was converted.
func (o *builder) view(s string) (View, bool) {
	if o.pieces == nil {
		return View{text: s, n: len(s)}, false
	}
	o.copyText(s, o.last, len(s))
	return View{text: o.b.String(), pieces: o.pieces, n: len(s)}, true
}

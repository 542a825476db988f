// Package textmap holds a text rewritten from an original — spelled-out numbers written as digits, spelled-out
// letters and emails written compactly — with the map from each of its bytes back to the original's, so a
// finding in the rewritten text replaces exactly the original words it came from.
package textmap

import (
	"fmt"
	"strings"
)

// View is a rewritten text with the map back to its original.
type View struct {
	kind   string  // what made the view, for String
	text   string  // the rewritten text
	pieces []piece // nil: the text is the original
	n      int     // length of the original text
}

// piece is a stretch of the view that starts at view byte v. A copied piece is original text from byte s on;
// any other piece stands for the original's [s,e) as a whole (a numeral's digits, a spelled letter or sign).
type piece struct {
	v, s, e int32
	copied  bool
}

// Original returns the view of s that is s itself.
func Original(kind, s string) View { return View{kind: kind, text: s, n: len(s)} }

// Text returns the view's text.
func (v View) Text() string { return v.text }

// String describes the view by its kind and length only: its text holds the values it was made for.
func (v View) String() string { return fmt.Sprintf("%s.View(%d bytes)", v.kind, len(v.text)) }

// Span maps the half-open byte span [start,end) of the view's text to the half-open span of the original text
// that produced it (start of the source of byte start, end of the source of byte end-1). Offsets out of range
// are clamped to the text; an empty span maps to an empty span at the source of byte start.
func (v View) Span(start, end int) (int, int) {
	n := len(v.text)
	start = min(max(start, 0), n)
	end = min(max(end, start), n)
	if v.pieces == nil {
		return start, end
	}
	if start == end {
		if start == n {
			return v.n, v.n
		}
		p := v.from(start)
		return p, p
	}
	return v.from(start), v.to(end - 1)
}

// from returns where the source of view byte o starts.
func (v View) from(o int) int {
	p := v.piece(o)
	if p.copied {
		return int(p.s) + o - int(p.v)
	}
	return int(p.s)
}

// to returns where the source of view byte o ends.
func (v View) to(o int) int {
	p := v.piece(o)
	if p.copied {
		return int(p.s) + o - int(p.v) + 1
	}
	return int(p.e)
}

// piece returns the piece that holds view byte o.
func (v View) piece(o int) *piece {
	lo, hi := 0, len(v.pieces)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(v.pieces[m].v) <= o {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return &v.pieces[lo-1]
}

// Builder writes a view of an original; it allocates only when Begin is first called.
type Builder struct {
	b      strings.Builder
	pieces []piece
	// Last is how far the original has been copied or replaced.
	Last int
}

// Begin prepares the builder for its first rewrite of s, reserving room for about pieces pieces.
func (o *Builder) Begin(s string, pieces int) {
	if o.pieces == nil {
		o.b.Grow(len(s))
		o.pieces = make([]piece, 0, pieces)
	}
}

// Copy copies the original's [from,to) unchanged, extending the last piece when it ends where this starts.
func (o *Builder) Copy(s string, from, to int) {
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

// Replace writes text for the original's [from,to).
func (o *Builder) Replace(text string, from, to int) {
	o.pieces = append(o.pieces, piece{v: int32(o.b.Len()), s: int32(from), e: int32(to)})
	o.b.WriteString(text)
}

// ReplaceBytes is Replace for a byte slice.
func (o *Builder) ReplaceBytes(text []byte, from, to int) {
	o.pieces = append(o.pieces, piece{v: int32(o.b.Len()), s: int32(from), e: int32(to)})
	o.b.Write(text)
}

// View returns the view of s, or s itself (ok false) when nothing was rewritten.
func (o *Builder) View(kind, s string) (v View, ok bool) {
	if o.pieces == nil {
		return Original(kind, s), false
	}
	o.Copy(s, o.Last, len(s))
	return View{kind: kind, text: o.b.String(), pieces: o.pieces, n: len(s)}, true
}

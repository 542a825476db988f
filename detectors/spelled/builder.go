package spelled

import "github.com/piiguard/piiguard/detectors/textmap"

// builder writes the view; it allocates only when the first conversion is written.
type builder struct{ textmap.Builder }

// start prepares a conversion that begins at original byte from: it copies the text before it.
func (o *builder) start(s string, from int) {
	o.Begin(s, 32)
	o.Copy(s, o.Last, from)
}

// view returns the view of s, or s itself when nothing was converted.
func (o *builder) view(s string) (View, bool) { return o.View("spelled", s) }

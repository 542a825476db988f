package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// lineReader reads newline-terminated lines with a size limit. A longer line is read to its end and dropped,
// so one huge line costs no more memory than the limit.
type lineReader struct {
	r   *bufio.Reader
	max int
	n   int // number of the last line read, from 1
}

func newLineReader(r io.Reader, max int) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10), max: max}
}

// errLineTooLong is returned (with the line's size) for a line over the limit; reading can go on.
var errLineTooLong = errors.New("line too long")

// next returns the next line without its line ending, its number, and its size in bytes. At the end it returns
// io.EOF. A line over the limit returns errLineTooLong and no content.
func (l *lineReader) next() (line []byte, num int, size int, err error) {
	var buf []byte
	tooLong := false
	for {
		chunk, err := l.r.ReadSlice('\n')
		size += len(chunk)
		if !tooLong {
			if len(buf)+len(chunk) > l.max+2 { // +2: the line ending does not count
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, l.n + 1, size, err
		}
		if size == 0 && errors.Is(err, io.EOF) {
			return nil, l.n, 0, io.EOF
		}
		l.n++
		if tooLong {
			return nil, l.n, size, errLineTooLong
		}
		buf = bytes.TrimSuffix(buf, []byte("\n"))
		buf = bytes.TrimSuffix(buf, []byte("\r"))
		if len(buf) > l.max {
			return nil, l.n, size, errLineTooLong
		}
		return buf, l.n, size, nil
	}
}

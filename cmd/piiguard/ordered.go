package main

import "sync"

// ordered runs fn over the items from next on workers goroutines and hands the results to emit in input order.
// At most window items are in flight, so memory stays bounded whatever the input size. next returns false at
// the end of the input.
func ordered[In, Out any](workers, window int, next func() (In, bool), fn func(In) Out, emit func(Out)) {
	type slot struct {
		seq int
		in  In
	}
	type done struct {
		seq int
		out Out
	}
	jobs := make(chan slot)
	results := make(chan done, window)
	free := make(chan struct{}, window)
	for range window {
		free <- struct{}{}
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- done{j.seq, fn(j.in)}
			}
		}()
	}
	go func() {
		for seq := 0; ; seq++ {
			<-free
			in, ok := next()
			if !ok {
				break
			}
			jobs <- slot{seq, in}
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	pending := map[int]Out{}
	want := 0
	for r := range results {
		pending[r.seq] = r.out
		for {
			out, ok := pending[want]
			if !ok {
				break
			}
			delete(pending, want)
			emit(out)
			want++
			free <- struct{}{}
		}
	}
}

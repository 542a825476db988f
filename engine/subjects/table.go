package subjects

import (
	"slices"
	"sync"
)

// Table is the in-memory copy of the subject-state topic: each token's state. It is safe for concurrent use.
// The zero Table is empty and ready.
type Table struct {
	mu sync.RWMutex
	m  map[string]State
}

// Len returns how many tokens have a state.
func (t *Table) Len() int {
	t.mu.RLock()
	defer t.mu.RUnlock()
	return len(t.m)
}

// Get returns the state of one token.
func (t *Table) Get(token string) (State, bool) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	s, ok := t.m[token]
	return s, ok
}

// Put records a state read from the topic. A lift replaces what the table holds; any other state is merged
// into it, so that a state applied locally (Apply) is not weakened by an older record read back later.
// A nil-valued (deleted) record is Delete.
func (t *Table) Put(token string, s State) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.m == nil {
		t.m = map[string]State{}
	}
	if s.State == Lifted {
		t.m[token] = s
		return
	}
	t.m[token], _ = Merge(t.m[token], s)
}

// Delete forgets a token (a tombstone in the topic).
func (t *Table) Delete(token string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.m, token)
}

// Of returns the strongest state among tokens (the subject's state), resting on the event ids of every token
// in that state, and false when none of them has an active state.
func (t *Table) Of(tokens []string) (State, bool) {
	t.mu.RLock()
	defer t.mu.RUnlock()
	var best State
	for _, tok := range tokens {
		s, ok := t.m[tok]
		if !ok || !s.Active() {
			continue
		}
		switch {
		case s.rank() > best.rank():
			best = s
			best.EventIDs = slices.Clone(s.EventIDs)
		case s.rank() == best.rank():
			best.EventIDs = union(best.EventIDs, s.EventIDs)
			if s.Since.Before(best.Since) {
				best.Since = s.Since
			}
		}
	}
	return best, best.Active()
}

// Update is a token's new state, to be written to the topic.
type Update struct {
	Token string
	State State
}

// Apply merges the change ch into the state of each of tokens and returns the tokens whose state changed, with
// their new state, in the order of tokens.
func (t *Table) Apply(tokens []string, ch State) []Update {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.m == nil {
		t.m = map[string]State{}
	}
	var out []Update
	for _, tok := range tokens {
		s, changed := Merge(t.m[tok], ch)
		if !changed {
			continue
		}
		t.m[tok] = s
		out = append(out, Update{Token: tok, State: s})
	}
	return out
}

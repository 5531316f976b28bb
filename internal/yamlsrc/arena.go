package yamlsrc

import "sync"

// arena hands out the nodes and the entry and item lists of one document
// for the fast readers, a few allocations in all instead of one a node.
// A collection's entries or items are gathered on a stack while its
// children are read (a child's are taken off before the next entry goes
// on), then copied into a slab. An Arena keeps the slabs for its next
// document.
type arena struct {
	nodes   slabs[Node]
	entries []Entry // the stack of entries being gathered
	items   []*Node // the stack of items being gathered
	eslab   slabs[Entry]
	islab   slabs[*Node]
}

// slabs hands out short slices of T from a few large chunks, and keeps the
// chunks to hand them out again after reset.
type slabs[T any] struct {
	free   []T   // the rest of the chunk in use
	chunks [][]T // the chunks, those in use first
	used   int   // how many are in use
}

// slabSize is the length of a chunk: more than a typical profile's nodes.
const slabSize = 256

// take returns a slice of k fresh elements (holding what they held before
// a reset: the caller sets each).
func (s *slabs[T]) take(k int) []T {
	if len(s.free) < k {
		if s.used == len(s.chunks) {
			s.chunks = append(s.chunks, nil)
		}
		if len(s.chunks[s.used]) < k {
			s.chunks[s.used] = make([]T, max(slabSize, k))
		}
		s.free = s.chunks[s.used]
		s.used++
	}
	out := s.free[:k:k]
	s.free = s.free[k:]
	return out
}

// reset makes every chunk free again.
func (s *slabs[T]) reset() {
	s.free, s.used = nil, 0
}

// size is how many elements the chunks hold.
func (s *slabs[T]) size() int {
	n := 0
	for _, c := range s.chunks {
		n += len(c)
	}
	return n
}

// node returns a new node holding v.
func (a *arena) node(v Node) *Node {
	n := &a.nodes.take(1)[0]
	*n = v
	return n
}

// takeEntries returns the entries gathered since the stack held base, and
// takes them off the stack.
func (a *arena) takeEntries(base int) []Entry {
	out := a.eslab.take(len(a.entries) - base)
	copy(out, a.entries[base:])
	a.entries = a.entries[:base]
	return out
}

// takeItems is takeEntries for items.
func (a *arena) takeItems(base int) []*Node {
	out := a.islab.take(len(a.items) - base)
	copy(out, a.items[base:])
	a.items = a.items[:base]
	return out
}

// gathering is a flow collection, n, whose entries or items are being
// gathered on the arena's stacks, from the heights the stacks had when it
// started.
type gathering struct {
	n            *Node
	ebase, ibase int
}

// gather starts gathering the entries or items of n, a Map or a Seq.
func (a *arena) gather(n *Node) gathering {
	return gathering{n, len(a.entries), len(a.items)}
}

// add adds value v to g, under key k when g is a mapping, and reports
// whether g still holds no more than MaxFlowItems (the full path says that
// a longer one is too long).
func (a *arena) add(g gathering, k, v *Node) bool {
	if g.n.Kind == Map {
		a.entries = append(a.entries, Entry{Key: k, Value: v})
	} else {
		a.items = append(a.items, v)
	}
	return len(a.items)-g.ibase+len(a.entries)-g.ebase <= MaxFlowItems
}

// close gives g's node the entries or items gathered, and takes them off
// the stacks.
func (a *arena) close(g gathering) {
	if g.n.Kind == Map {
		g.n.Entries = a.takeEntries(g.ebase)
	} else {
		g.n.Items = a.takeItems(g.ibase)
	}
}

// reset readies the arena for a new document, which reuses the memory of
// the one before.
func (a *arena) reset() {
	a.nodes.reset()
	a.eslab.reset()
	a.islab.reset()
	a.entries, a.items = a.entries[:0], a.items[:0]
}

// An Arena reads documents with the fast readers into memory it reuses
// from one document to the next: a tree it returned is valid until its
// next read or its Release. Values copied out of a tree, strings included,
// stay valid.
type Arena struct {
	a arena
}

var arenas = sync.Pool{New: func() any { return new(Arena) }}

// maxKept is the number of nodes, entries and items above which an Arena is not kept for
// reuse, so that one huge document does not keep its memory.
const maxKept = 4 * slabSize

// NewArena returns an Arena, one used before when there is one.
func NewArena() *Arena { return arenas.Get().(*Arena) }

// Release gives the Arena back for reuse; neither it nor the trees it read
// may be used after. Until it is reused (or dropped by the pool at a
// garbage collection) it still refers to its last document's text.
func (a *Arena) Release() {
	if a.a.nodes.size()+a.a.eslab.size()+a.a.islab.size() > maxKept || cap(a.a.entries)+cap(a.a.items) > maxKept {
		return
	}
	a.a.reset()
	arenas.Put(a)
}

// ParseJSON is the package's ParseJSON, into the Arena.
func (a *Arena) ParseJSON(data []byte) (*Node, bool) {
	a.a.reset()
	return parseJSON(data, &a.a)
}

// ParseFast is the package's ParseFast, into the Arena.
func (a *Arena) ParseFast(data []byte) (*Node, bool) {
	a.a.reset()
	return parseFast(data, &a.a)
}

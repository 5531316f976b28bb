package yamlsrc

// arena hands out the nodes and the entry and item lists of one document
// for the fast readers, a few allocations in all instead of one a node.
// A collection's entries or items are gathered on a stack while its
// children are read (a child's are taken off before the next entry goes
// on), then copied into a slab.
type arena struct {
	nodes   []Node
	entries []Entry // the stack of entries being gathered
	items   []*Node // the stack of items being gathered
	eslab   []Entry
	islab   []*Node
}

// node returns a new node holding v.
func (a *arena) node(v Node) *Node {
	if len(a.nodes) == 0 {
		a.nodes = make([]Node, 32)
	}
	n := &a.nodes[0]
	a.nodes = a.nodes[1:]
	*n = v
	return n
}

// takeEntries returns the entries gathered since the stack held base, and
// takes them off the stack.
func (a *arena) takeEntries(base int) []Entry {
	k := len(a.entries) - base
	if cap(a.eslab)-len(a.eslab) < k {
		a.eslab = make([]Entry, 0, max(64, k))
	}
	l := len(a.eslab)
	a.eslab = append(a.eslab, a.entries[base:]...)
	a.entries = a.entries[:base]
	return a.eslab[l : l+k : l+k]
}

// takeItems is takeEntries for items.
func (a *arena) takeItems(base int) []*Node {
	k := len(a.items) - base
	if cap(a.islab)-len(a.islab) < k {
		a.islab = make([]*Node, 0, max(64, k))
	}
	l := len(a.islab)
	a.islab = append(a.islab, a.items[base:]...)
	a.items = a.items[:base]
	return a.islab[l : l+k : l+k]
}

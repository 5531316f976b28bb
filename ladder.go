package ladder

import (
	"embed"
	"io/fs"
	"slices"
	"sync"
	"time"
)

// worcaFS holds the embedded Worca "AI-First Business Manager" track.
//
//go:embed levels/worca
var worcaFS embed.FS

// defaultLadder loads the embedded track once.
var defaultLadder = sync.OnceValues(func() (*Ladder, error) {
	return Load(worcaFS, "levels/worca")
})

// DefaultFS returns the files of the embedded Worca track and the directory
// that holds them, as Load takes them: Load(DefaultFS()) loads a fresh copy
// of the Default ladder.
func DefaultFS() (fs.FS, string) { return worcaFS, "levels/worca" }

// Default returns the embedded Worca "AI-First Business Manager" track
// (levels L1–L10), loaded on first use and shared afterwards. It is safe to
// call from many goroutines at once. The embedded files are checked by the
// package's tests, so Default panics only on a broken build.
func Default() *Ladder {
	l, err := defaultLadder()
	if err != nil {
		panic("ladder: embedded Worca track does not load: " + err.Error())
	}
	return l
}

// Ladder is a loaded, checked and compiled career ladder. It is immutable
// and safe for concurrent use; load it once with Load or Default and
// evaluate as many people as needed.
type Ladder struct {
	info      Info
	metrics   []Metric
	metricIdx map[string]int
	levels    []*level // by rank, lowest first
	byID      map[LevelID]*level
	byFold    map[string]*level // by lower-case id, for profiles that write l7 for L7; nil for ids that fold alike
	roles     map[string]bool
}

// Info describes a ladder: its identity and provenance.
type Info struct {
	ID        string   `yaml:"id" json:"id"`
	Name      string   `yaml:"name" json:"name,omitempty"`
	Publisher string   `yaml:"publisher" json:"publisher,omitempty"`
	Edition   string   `yaml:"edition" json:"edition,omitempty"`
	Sources   []string `yaml:"sources" json:"sources,omitempty"`
	Roles     []string `yaml:"roles" json:"roles,omitempty"`
}

// level is a Level with its rules compiled and its references resolved.
type level struct {
	def          Level
	standards    []*rule // parallel to def.Standards
	requirements []*rule // parallel to def.Promotion.Requirements
	checklist    map[string]bool
	assessments  map[string]bool
	next         *level
	nomFromRank  int // rank from which nominations count; 0 when no level is named
	menteeMin    int // rank range of mentees; 0 when unpublished
	menteeMax    int
	mentorRank   int // rank from which mentors qualify; 0 when no level is named
	// noMentor and noMentorHere are the note that no mentor is recorded,
	// and that the input had no place for one; "" without a mentor rule.
	noMentor, noMentorHere string
	panelMin               int // rank range of the promotions whose panels this level sits on; 0 when none or unpublished
	panelMax               int
	panelUnpub             bool     // the ladder does not publish the level's panel duty (panel: {published: false})
	paneled                bool     // some level sits on panels for promotions from this one
	phases                 [][2]int // first and last month of each curriculum phase
}

// Info returns the ladder's identity and provenance.
func (l *Ladder) Info() Info {
	i := l.info
	i.Sources = slices.Clone(i.Sources)
	i.Roles = slices.Clone(i.Roles)
	return i
}

// Metrics returns the metrics the ladder declares, in file order.
func (l *Ladder) Metrics() []Metric { return slices.Clone(l.metrics) }

// Levels returns a copy of every level, lowest rank first.
func (l *Ladder) Levels() []Level {
	out := make([]Level, len(l.levels))
	for i, lv := range l.levels {
		out[i] = lv.def.clone()
	}
	return out
}

// Level returns a copy of the level with the given id.
func (l *Ladder) Level(id LevelID) (Level, bool) {
	lv, ok := l.byID[id]
	if !ok {
		return Level{}, false
	}
	return lv.def.clone(), true
}

// Option configures an evaluation.
type Option func(*evalConfig)

type evalConfig struct {
	asOf time.Time
}

// At sets the evaluation date. Only its date counts; the default is today
// in UTC.
func At(date time.Time) Option {
	return func(c *evalConfig) { c.asOf = civil(date) }
}

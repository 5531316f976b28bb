package ladder_test

import (
	"errors"
	"os"
	"path"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/ladderkit/ladder"
)

// fuzzDate is the evaluation date of the fuzz targets.
var fuzzDate = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

// fuzzBase is a ladder directory whose files a fuzz input replaces one at a
// time.
type fuzzBase struct {
	dir   string
	fsys  fstest.MapFS
	files []string // sorted; FuzzLoad's file index picks one
}

// fuzzBases are the ladders FuzzLoad starts from: FuzzLoad's base index
// picks one.
func fuzzBases(t testing.TB) []fuzzBase {
	t.Helper()
	var bases []fuzzBase
	for _, dir := range []string{"testdata/ladders/small", "levels/worca"} {
		b := fuzzBase{dir: path.Base(dir), fsys: fstest.MapFS{}}
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if filepath.Ext(e.Name()) != ".yaml" {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			b.fsys[b.dir+"/"+e.Name()] = &fstest.MapFile{Data: data}
			b.files = append(b.files, e.Name())
		}
		slices.Sort(b.files)
		bases = append(bases, b)
	}
	return bases
}

// FuzzLoad replaces one file of a valid ladder with the fuzzer's data. Load
// must not panic; its error must be DefinitionErrors naming a file each; a
// ladder that loads must evaluate a minimal person at each of its levels
// without error.
func FuzzLoad(f *testing.F) {
	bases := fuzzBases(f)
	for bi, b := range bases {
		for fi, name := range b.files {
			f.Add(uint8(bi), uint8(fi), []byte(b.fsys[b.dir+"/"+name].Data))
		}
	}
	// Every file of every bad ladder, in place of the small ladder's file
	// of the same name (or of ladder.yaml).
	small := bases[0]
	cases, err := filepath.Glob("testdata/bad-ladders/*/*.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, c := range cases {
		data, err := os.ReadFile(c)
		if err != nil {
			f.Fatal(err)
		}
		fi := slices.Index(small.files, filepath.Base(c))
		if fi < 0 {
			fi = slices.Index(small.files, "ladder.yaml")
		}
		f.Add(uint8(0), uint8(fi), data)
	}
	f.Fuzz(func(t *testing.T, base, file uint8, data []byte) {
		b := bases[int(base)%len(bases)]
		name := b.dir + "/" + b.files[int(file)%len(b.files)]
		fsys := fstest.MapFS{}
		for k, v := range b.fsys {
			fsys[k] = v
		}
		fsys[name] = &fstest.MapFile{Data: data}

		l, err := ladder.Load(fsys, b.dir)
		if err != nil {
			var des ladder.DefinitionErrors
			if !errors.As(err, &des) || len(des) == 0 {
				t.Fatalf("want DefinitionErrors, got %T: %v", err, err)
			}
			for _, e := range des {
				if e.File == "" || e.Message == "" || e.Line < 0 || e.Column < 0 {
					t.Errorf("incomplete error %#v", e)
				}
			}
			_ = err.Error()
			return
		}
		levels := l.Levels()
		if len(levels) == 0 {
			t.Fatal("a ladder loaded without levels")
		}
		for _, lv := range levels {
			r, err := l.Evaluate(ladder.Person{ID: "x", Level: lv.ID}, ladder.At(fuzzDate))
			if err != nil {
				t.Fatalf("evaluating a minimal person at %s: %v", lv.ID, err)
			}
			_ = r.Text()
		}
	})
}

// FuzzParsePerson parses the fuzzer's data as a profile. ParsePerson must
// not panic and must fail with ProfileErrors; a profile that parses must
// evaluate on the default and the small ladder without panic, and fail, if
// at all, with ProfileErrors that name their field.
func FuzzParsePerson(f *testing.F) {
	var seeds []string
	for _, pattern := range []string{"examples/profiles/*.yaml", "examples/profiles/*.json",
		"testdata/bad-profiles/*.yaml", "testdata/bad-profiles/*.json"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, files...)
	}
	for _, name := range seeds {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(validProfileYAML))
	f.Add([]byte(validProfileJSON))
	ladders := []*ladder.Ladder{ladder.Default(), smallLadder(f)}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ladder.ParsePerson(data)
		if err != nil {
			var pes ladder.ProfileErrors
			if !errors.As(err, &pes) || len(pes) == 0 {
				t.Fatalf("want ProfileErrors, got %T: %v", err, err)
			}
			_ = err.Error()
			return
		}
		for _, l := range ladders {
			r, err := l.Evaluate(p, ladder.At(fuzzDate))
			if err != nil {
				var pes ladder.ProfileErrors
				if !errors.As(err, &pes) || len(pes) == 0 {
					t.Fatalf("want ProfileErrors, got %T: %v", err, err)
				}
				for _, e := range pes {
					if e.Path == "" || e.Message == "" {
						t.Errorf("error without a path or message: %#v", e)
					}
				}
				continue
			}
			_ = r.Text()
			_ = r.Markdown()
			if _, err := r.JSON(); err != nil {
				t.Errorf("rendering JSON: %v", err)
			}
		}
	})
}
